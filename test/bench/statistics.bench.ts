import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { openStore } from '../../electron/store/open';
import type { OperationName, OpInput, OpResult } from '../../shared/api';
import { generateYear, writeYear } from '../fixtures/statistics/busyYear';
import { figure } from './figures';
import { BENCH_CLINIC } from './store.bench';
import { ms, percentile, timeRunsAsync } from './stats';

const CASES = 7500;
const RUNS = 20;

async function must<K extends OperationName>(ctx: Parameters<typeof dispatch>[0], name: K, input: OpInput<K>): Promise<OpResult<K>> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

/**
 * stats.year_busy: the statistics page's one call (every query of it, in its read transaction,
 * through dispatch as the app calls it) over a generated year of a busy two-surgeon clinic
 * (7,500 cases, about 9,000 lesions) in a SQLite file; the figure is the median of 20 runs.
 */
export async function benchStatistics(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-bench-stats-'));
  try {
    const ctx = createContext(openStore(path.join(dir, 'year.sqlite'), { auditKey: Buffer.alloc(32, 1) }), 'bench', 'test-host');
    const admin = await must(ctx, 'session.setUp', { ...BENCH_CLINIC, roles: [...BENCH_CLINIC.roles] });
    const other = await must(ctx, 'users.create', { name: 'Dr Second Bench', initials: 'SB', roles: ['surgeon'], password: 'bench password 2' });
    const year = generateYear([admin.id, other.id], CASES);
    const t = performance.now();
    await writeYear(ctx.store.query, year, admin.id);
    const lesions = year.reduce((n, c) => n + c.lesions.length, 0);
    console.log(`generated year: ${CASES} cases, ${lesions} lesions, written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const range = { from: '2025-01-01', to: '2025-12-31' };
    const samples = await timeRunsAsync(RUNS, () => must(ctx, 'statistics.practice', range), 2);
    console.log(`practice statistics, one year (${RUNS} runs): p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}, load ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs`);
    figure('stats.year_busy', percentile(samples, 50));
    ctx.store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
