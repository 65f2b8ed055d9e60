// Which inks a template puts on each block's cut edges, so that no two blocks of a stage
// carry the same set of colors: a block's inks are what identify it under the microscope.
import { DEFAULT_INK_SEQUENCE, INK_PALETTE } from './inkPalette';

/**
 * Inks in the order they are taken: the four defaults, then the other inks, those with a
 * caution (red: hard to see under the microscope) last.
 */
export const INK_ORDER: readonly string[] = [
  ...DEFAULT_INK_SEQUENCE,
  ...INK_PALETTE.filter((i) => !DEFAULT_INK_SEQUENCE.includes(i.id) && !i.caution).map((i) => i.id),
  ...INK_PALETTE.filter((i) => !DEFAULT_INK_SEQUENCE.includes(i.id) && i.caution).map((i) => i.id),
];

const setKey = (inks: readonly string[]): string => [...inks].sort().join('+');

/**
 * Inks for each block, given how many cut edges each block has (in block order; edges in
 * ring order). The familiar rotation comes first (block i, edge j: default ink i + j, so a
 * quartered specimen gets blue-yellow, yellow-black, black-green, green-blue). Where that
 * would repeat a color within a block or repeat an earlier block's set of colors (radial
 * templates with more pieces than default inks), the block takes the first unused set, sets
 * of default inks before sets with another ink. If every set is used, the block is left
 * uninked, for the surgeon to ink by hand, rather than given a set another block has.
 */
export function inkSetsForBlocks(cutEdgesPerBlock: readonly number[]): string[][] {
  const used = new Set<string>();
  const m = DEFAULT_INK_SEQUENCE.length;
  return cutEdgesPerBlock.map((k, i) => {
    if (k <= 0) return [];
    const rotation = Array.from({ length: k }, (_, j) => DEFAULT_INK_SEQUENCE[(i + j) % m] as string);
    const pick = acceptable(rotation, used) ? rotation : firstUnusedSet(k, used);
    if (pick) used.add(setKey(pick));
    return pick ?? [];
  });
}

function acceptable(inks: readonly string[], used: ReadonlySet<string>): boolean {
  return new Set(inks).size === inks.length && !used.has(setKey(inks));
}

/** The first k-ink set not used yet, in colex order of INK_ORDER (sets of earlier inks first). */
function firstUnusedSet(k: number, used: ReadonlySet<string>): string[] | null {
  if (k > INK_ORDER.length) return null;
  const idx = Array.from({ length: k }, (_, j) => j);
  for (;;) {
    const inks = idx.map((x) => INK_ORDER[x] as string);
    if (!used.has(setKey(inks))) return inks;
    // Next combination in colex order: raise the lowest index that can rise, reset those below.
    let j = 0;
    while (j < k && (idx[j] as number) + 1 === (j + 1 < k ? idx[j + 1] : INK_ORDER.length)) j++;
    if (j === k) return null;
    idx[j] = (idx[j] as number) + 1;
    for (let t = 0; t < j; t++) idx[t] = t;
  }
}
