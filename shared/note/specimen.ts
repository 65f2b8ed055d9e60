import { outlineRing } from '../map/derive';
import type { MapDocument } from '../map/document';
import type { NoteSpecimen } from './record';

/**
 * The size of each specimen (piece of tissue) of a stage as the map draws it: the extent of its
 * outline along the map's axes, longer side first, in mm to a tenth. The map is drawn to scale
 * in mm (DESIGN.md "The map editor"), so this is the size the note reports per stage.
 */
export function specimenSizes(doc: MapDocument): NoteSpecimen[] {
  return doc.pieces.map((piece) => {
    const ring = outlineRing(piece.outline);
    const xs = ring.map((p) => p.x);
    const ys = ring.map((p) => p.y);
    const a = Math.max(...xs) - Math.min(...xs);
    const b = Math.max(...ys) - Math.min(...ys);
    const tenth = (n: number) => Math.round(n * 10) / 10;
    return { lengthMm: tenth(Math.max(a, b)), widthMm: tenth(Math.min(a, b)) };
  });
}
