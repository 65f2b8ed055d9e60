import { performance } from 'node:perf_hooks';

/** Times `fn` `runs` times (after `warmup` untimed runs); returns milliseconds, sorted. */
export function timeRuns(runs: number, fn: (i: number) => void, warmup = 20): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

/** timeRuns for asynchronous work (each run awaited before the next starts). */
export async function timeRunsAsync(runs: number, fn: (i: number) => Promise<unknown>, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export const ms = (v: number): string => `${v.toFixed(3)} ms`;

/**
 * A path and its baseline timed in turns (one run of each, `runs` times, after `warmup` untimed
 * turns): both see the same machine at the same moments, so a ratio of their p50s does not move
 * with what else the machine was doing between two separate loops. Milliseconds, sorted.
 */
export async function timeInTurns(
  runs: number,
  path: (i: number) => Promise<unknown>,
  baseline: (i: number) => void,
  warmup = 20,
): Promise<{ path: number[]; baseline: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await path(i);
    baseline(i);
  }
  const p: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await path(warmup + i);
    p.push(performance.now() - t);
    t = performance.now();
    baseline(warmup + i);
    b.push(performance.now() - t);
  }
  return { path: p.sort((x, y) => x - y), baseline: b.sort((x, y) => x - y) };
}
