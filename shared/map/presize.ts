import { EMPTY_MAP } from './document';
import type { NextStagePlan } from './carryForward';
import { addPiece, type NewId } from './edits';

/** The lesion as measured before surgery (DOMAIN.md: length × width, mm). */
export interface PreopSize {
  readonly lengthMm: number;
  readonly widthMm: number;
}

const mm = (n: number) => String(Math.round(n * 10) / 10);

/**
 * The first stage's starting outline: the lesion's pre-op size grown by the margin on every
 * side (DOMAIN.md step 2: the first layer is taken with a narrow margin, typically 2–3 mm),
 * as an ellipse centred on the lesion, its length along 3–9 o'clock. It is a starting
 * point the surgeon adjusts to the tissue actually taken, never a measurement: without a
 * usable pre-op size nothing is pre-drawn.
 */
export function presizeFirstStage(size: PreopSize | null, marginMm: number, newId: NewId): NextStagePlan {
  const usable = (n: number) => Number.isFinite(n) && n > 0;
  if (!size || !usable(size.lengthMm) || !usable(size.widthMm)) return { doc: EMPTY_MAP, notice: null };
  const margin = Number.isFinite(marginMm) && marginMm > 0 ? marginMm : 0;
  const length = size.lengthMm + 2 * margin;
  const width = size.widthMm + 2 * margin;
  const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: length / 2, ry: width / 2, rotation: 0 }, newId);
  if (!placed.ok) return { doc: EMPTY_MAP, notice: `The outline could not be pre-sized (${placed.reason}): draw it by hand.` };
  return {
    doc: placed.doc,
    notice: `Pre-sized from the lesion, ${mm(size.lengthMm)} × ${mm(size.widthMm)} mm with a ${mm(margin)} mm margin: ${mm(length)} × ${mm(width)} mm as drawn. Adjust it to the tissue taken.`,
  };
}
