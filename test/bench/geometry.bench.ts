import { performance } from 'node:perf_hooks';
import { deriveStage, forgetDivisionsByValue } from '../../shared/map/derive';
import { mapDocumentSchema } from '../../shared/map/document';
import { describeWorst, WORST_MAPS } from '../shared/map/worstMaps';
import { figure } from './figures';
import { percentile } from './stats';

/**
 * store.worst_map_geometry: what the costliest map the caps accept (shared/map/caps.ts) spends
 * in validation and geometry when the store saves it: the schema (caps and crossing count),
 * then deriveStage (dividing every piece, checking pieces apart). Each run builds the map
 * afresh and forgets divisions kept by value, so no division is reused from a cache. The figure is the slowest worst map's median;
 * the design target is 200 ms (issue 11). CPU time is printed beside it, since on a shared
 * machine wall time also counts waiting for a core.
 */
export function benchWorstMap(runs = 15): void {
  let worst = 0;
  for (const [name, make] of WORST_MAPS) {
    make(); // warm-up of the generator and the geometry code
    deriveStage(make(), 1, 'stage-dash-number');
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const doc = make();
      forgetDivisionsByValue();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const parsed = mapDocumentSchema.safeParse(doc);
      if (!parsed.success) throw new Error(`${name} is over the caps: ${parsed.error.issues[0]?.message}`);
      deriveStage(parsed.data, 1, 'stage-dash-number');
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const { points, crossings } = describeWorst(make());
    const median = percentile(wall, 50);
    console.log(
      `worst map (${name}; ${points} points, ${crossings} crossings): median ${median.toFixed(1)} ms, max ${wall[wall.length - 1]!.toFixed(1)} ms; CPU median ${percentile(cpu, 50).toFixed(1)} ms`,
    );
    worst = Math.max(worst, median);
  }
  figure('store.worst_map_geometry', worst, 1);
}
