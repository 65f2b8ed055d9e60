/**
 * The figures of ../shared/BENCH.md: each benchmark reports what it measured under the
 * figure's name, and `npm run bench` ends with one `name: value unit` line per figure of the
 * table, in its order, so runs can be compared line by line. A figure nothing measured prints
 * `name: n/a (reason)`, never a made-up value.
 */
const TABLE = [
  ['editor.drag.js_p95', 'ms'],
  ['editor.drag.frame_p95', 'ms'],
  ['editor.drag.dropped_frames', 'count'],
  ['editor.open_10_stages', 'ms'],
  ['store.map_save_ratio', '×'],
  ['store.record_save_ratio', '×'],
  ['store.audit_bytes_per_gesture', 'bytes'],
  ['store.gb_per_year_busy', 'GB'],
  ['store.open_2gb', 'ms'],
  ['store.backup_1gb', 's'],
  ['store.restore_1gb', 's'],
  ['store.worker_hop', 'ms'],
  ['store.worst_map_geometry', 'ms'],
  ['search.cases_100k_p95', 'ms'],
  ['sheet.print_5_stages_p50', 'ms'],
  ['clinic.save_p95', 'ms'],
  ['clinic.search_100k_p95', 'ms'],
  ['clinic.stations10_save_p95', 'ms'],
  ['clinic.stations10_lost_writes', 'count'],
  ['clinic.stations10_chain_breaks', 'count'],
  ['clinic.live_update_p95', 'ms'],
  ['editor.drag_photo.js_p95', 'ms'],
  ['stats.year_busy', 'ms'],
] as const;

export type FigureName = (typeof TABLE)[number][0];

/** Why a figure has no value yet, until the feature it measures exists. */
const NOT_YET: Partial<Record<FigureName, string>> = {};

const measured = new Map<FigureName, string>();
const skipped = new Map<FigureName, string>();

/** Records a measured figure; decimals suit the unit (counts whole, ratios and ms to 2 places). */
export function figure(name: FigureName, value: number, decimals = 2): void {
  measured.set(name, Number.isFinite(value) ? value.toFixed(decimals) : 'n/a (not a number)');
}

/** Records why a figure could not be measured on this run. */
export function notMeasured(name: FigureName, reason: string): void {
  skipped.set(name, reason);
}

export function figureLines(): string[] {
  return TABLE.map(([name, unit]) => {
    const value = measured.get(name);
    if (value !== undefined) return value.startsWith('n/a') ? `${name}: ${value}` : `${name}: ${value} ${unit}`;
    return `${name}: n/a (${skipped.get(name) ?? NOT_YET[name] ?? 'not measured by this run'})`;
  });
}
