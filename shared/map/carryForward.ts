import { carryForwardOutline, difference, intersection, offsetPolyline, union } from '../geometry/offset';
import { area } from '../geometry/polygon';
import { simplifyRing } from '../geometry/shapes';
import type { Ring } from '../geometry/types';
import { deriveStage, outlineRing } from './derive';
import { EMPTY_MAP, type MapDocument } from './document';
import { setOutline, type NewId } from './edits';
import { walkRing } from './ringWalk';

/** Half the width given to a positive stretch of edge, so it has an area to grow from. */
const STRETCH_HALF_WIDTH_MM = 0.25;

/**
 * Where a stage showed tumor, as areas. Tumor at the peripheral edge lies beyond the excised
 * specimen: its stretch becomes a thin band, grown later and kept outside the old outline.
 * Tumor at the deep margin lies under the specimen: its area is taken as drawn.
 */
export function positiveAreas(doc: MapDocument): { peripheral: Ring[]; deep: Ring[] } {
  const peripheral: Ring[] = [];
  const deep: Ring[] = [];
  for (const block of deriveStage(doc, 1, 'stage-dash-number').blocks) {
    for (const f of block.findings) {
      if (f.kind === 'tumor-deep') deep.push(...intersection([f.area], [block.ring]).map((s) => s.outer));
      if (f.kind === 'tumor-peripheral') {
        const path = walkRing(block.ring, f.stretch.from, f.stretch.to);
        peripheral.push(...offsetPolyline(path, STRETCH_HALF_WIDTH_MM).map((s) => s.outer));
      }
    }
  }
  return { peripheral, deep };
}

export interface NextStagePlan {
  readonly doc: MapDocument;
  /** Said to the surgeon when the pre-placed outline is only part of the story. */
  readonly notice: string | null;
}

/**
 * The next stage's map, pre-placed around the previous stage's positive areas grown by the
 * margin (DOMAIN.md step 7: the next layer is taken only where the map shows tumor). With
 * no positive area it starts empty for the surgeon to draw.
 */
export function planNextStage(previous: MapDocument, marginMm: number, newId: NewId): NextStagePlan {
  const { peripheral, deep } = positiveAreas(previous);
  const old = outlineRing(previous.outline);
  if (peripheral.length + deep.length === 0 || !old) {
    return { doc: EMPTY_MAP, notice: "The previous stage has no tumor marked: draw this stage's outline." };
  }
  // Peripheral: the wound edge beyond the old outline, a crescent. Deep: under the old area.
  const beyondEdge = difference(carryForwardOutline(peripheral, marginMm), [old]).map((s) => s.outer);
  const underneath = carryForwardOutline(deep, marginMm);
  const rings = union([...beyondEdge, ...underneath])
    .map((s) => s.outer)
    .filter((r) => area(r) > 1)
    .sort((a, b) => area(b) - area(a));
  const largest = rings[0];
  if (!largest) return { doc: EMPTY_MAP, notice: 'The positive areas could not be grown into an outline: draw it by hand.' };
  // Few corners, so the surgeon can drag them: 0.25 mm is below what a map can show.
  const placed = setOutline(EMPTY_MAP, { kind: 'polygon', points: simplifyRing(largest, 0.25) }, newId);
  if (!placed.ok) return { doc: EMPTY_MAP, notice: `The pre-placed outline was not usable (${placed.reason}) — draw it by hand.` };
  const notice =
    rings.length > 1
      ? `Tumor was found in ${rings.length} separate places; this stage covers the largest. Adjust the outline or add another stage for the rest.`
      : null;
  return { doc: placed.doc, notice };
}
