import { carryForwardOutline, difference, intersection, offsetPolyline, union } from '../geometry/offset';
import { area } from '../geometry/polygon';
import { simplifyRing } from '../geometry/shapes';
import type { Ring } from '../geometry/types';
import { deriveStage, pieceRings } from './derive';
import { EMPTY_MAP, type MapDocument } from './document';
import { addPiece, type NewId } from './edits';
import { walkRing } from './ringWalk';

/** Half the width given to a positive stretch of edge, so it has an area to grow from. */
const STRETCH_HALF_WIDTH_MM = 0.25;

/**
 * Where a stage showed tumor, or could not be evaluated, as areas. An edge stretch (tumor at
 * the peripheral margin, or an edge that could not be evaluated) lies at the excised tissue's
 * boundary: it becomes a thin band, grown later and kept outside the old pieces. Tumor at the
 * deep margin lies under the specimen: its area is taken as drawn. Unevaluable edges are
 * carried like tumor: the surgeon decides whether to take that tissue.
 */
export function positiveAreas(doc: MapDocument): { peripheral: Ring[]; deep: Ring[]; notEvaluable: Ring[] } {
  const peripheral: Ring[] = [];
  const deep: Ring[] = [];
  const notEvaluable: Ring[] = [];
  for (const block of deriveStage(doc, 1, 'stage-dash-number').blocks) {
    for (const f of block.findings) {
      if (f.kind === 'tumor-deep') deep.push(...intersection([f.area], [block.ring]).map((s) => s.outer));
      if (f.kind === 'tumor-peripheral' || f.kind === 'incomplete') {
        const path = walkRing(block.ring, f.stretch.from, f.stretch.to);
        const band = offsetPolyline(path, STRETCH_HALF_WIDTH_MM).map((s) => s.outer);
        (f.kind === 'incomplete' ? notEvaluable : peripheral).push(...band);
      }
    }
  }
  return { peripheral, deep, notEvaluable };
}

export interface NextStagePlan {
  readonly doc: MapDocument;
  /** Said to the surgeon about what was pre-placed, or why nothing was. */
  readonly notice: string | null;
}

/**
 * The next stage's map, pre-placed around the previous stage's positive (and unevaluable)
 * areas grown by the margin (DOMAIN.md step 7: the next layer is taken only where the map
 * shows tumor). Each separate area becomes one piece of the same stage, since it is one
 * round of excision; areas whose margins overlap become one piece. With nothing to carry,
 * it starts empty for the surgeon to draw.
 */
export function planNextStage(previous: MapDocument, marginMm: number, newId: NewId): NextStagePlan {
  const { peripheral, deep, notEvaluable } = positiveAreas(previous);
  const old = pieceRings(previous);
  const edges = [...peripheral, ...notEvaluable];
  if (edges.length + deep.length === 0 || old.length === 0) {
    return { doc: EMPTY_MAP, notice: "The previous stage has no tumor marked: draw this stage's outline." };
  }
  // Edges: the wound edge beyond the old pieces, a crescent. Deep: under the old area.
  const beyondEdge = edges.length ? difference(carryForwardOutline(edges, marginMm), old).map((s) => s.outer) : [];
  const underneath = deep.length ? carryForwardOutline(deep, marginMm) : [];
  const rings = union([...beyondEdge, ...underneath])
    .map((s) => s.outer)
    .filter((r) => area(r) > 1)
    .sort((a, b) => area(b) - area(a));
  const unevaluableOnly = peripheral.length + deep.length === 0;
  if (rings.length === 0) {
    return {
      doc: EMPTY_MAP,
      notice: unevaluableOnly
        ? 'The previous stage has edges that could not be evaluated: draw this stage where more tissue is needed.'
        : 'The positive areas could not be grown into an outline: draw it by hand.',
    };
  }
  let doc = EMPTY_MAP;
  for (const ring of rings) {
    // Few corners, so the surgeon can drag them: 0.25 mm is below what a map can show.
    const placed = addPiece(doc, { kind: 'polygon', points: simplifyRing(ring, 0.25) }, newId);
    if (!placed.ok) return { doc: EMPTY_MAP, notice: `The pre-placed outline was not usable (${placed.reason}) — draw it by hand.` };
    doc = placed.doc;
  }
  const what = unevaluableOnly ? 'Edges that could not be evaluated were' : notEvaluable.length ? 'Tumor and unevaluable edges were' : 'Tumor was';
  const notice =
    rings.length > 1
      ? `${what} found in ${rings.length} separate places: this stage has one piece for each. Adjust the outlines as taken.`
      : unevaluableOnly
        ? 'The previous stage has edges that could not be evaluated: this stage is pre-placed beyond them. Adjust or delete it as you decide.'
        : null;
  return { doc, notice };
}
