/**
 * Stage map documents for the store tests, built the way the editor builds them: with the
 * pure edit functions of shared/map/edits.ts and the cut templates, and deterministic ids.
 */
import type { ServiceContext } from '../../../electron/services/context';
import { singleComputer } from '../../../electron/store/open';
import { bisectCuts, quarterCuts, radialCuts } from '../../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../../shared/map/derive';
import { EMPTY_MAP, type BlockRef, type Finding, type MapDocument, type Outline } from '../../../shared/map/document';
import { addPiece, setCuts, type EditResult } from '../../../shared/map/edits';

let serial = 0;
/** Unique across a test file: block and finding ids are table keys shared by every stage. */
export const newId = (): string => `map-${String(++serial).padStart(5, '0')}`;

export function unwrap(r: EditResult): MapDocument {
  if (!r.ok) throw new Error(`edit refused: ${r.reason}`);
  return r.doc;
}

export const ELLIPSE: Outline = { kind: 'ellipse', cx: 0, cy: 0, rx: 9, ry: 6, rotation: 0 };

export function outlined(outline: Outline = ELLIPSE): MapDocument {
  return unwrap(addPiece(EMPTY_MAP, outline, newId));
}

/** The map's one piece (these maps have one): its id and outline ring. */
function only(doc: MapDocument) {
  const piece = doc.pieces[0];
  if (!piece) throw new Error('the map has no outline');
  return { id: piece.id, ring: outlineRing(piece.outline) };
}
const ringOf = (doc: MapDocument) => only(doc).ring;

/** An ellipse cut into quarters along 3–9 and 12–6, cut edges inked by default. */
export const quartered = (outline: Outline = ELLIPSE): MapDocument => {
  const doc = outlined(outline);
  return unwrap(setCuts(doc, only(doc).id, quarterCuts(ringOf(doc)), newId));
};

/** An ellipse bisected along 12–6. */
export const bisected = (outline: Outline = ELLIPSE): MapDocument => {
  const doc = outlined(outline);
  return unwrap(setCuts(doc, only(doc).id, bisectCuts(ringOf(doc)), newId));
};

/** An ellipse cut into `pieces` pie slices from its centre (2 or more): one block per slice. */
export const sliced = (pieces: number, outline: Outline = ELLIPSE): MapDocument => {
  const doc = outlined(outline);
  return unwrap(setCuts(doc, only(doc).id, radialCuts(ringOf(doc), pieces), newId));
};

/** The same map with its cuts replaced by `pieces` pie slices, as the editor re-divides a stage. */
export const resliced = (doc: MapDocument, pieces: number): MapDocument => unwrap(setCuts(doc, only(doc).id, radialCuts(ringOf(doc), pieces), newId));

export function blockNumbered(doc: MapDocument, n: number): BlockRef {
  const b = doc.blocks.find((r) => r.number === n);
  if (!b) throw new Error(`no block number ${n}`);
  return b;
}

/** Tumor at the peripheral edge of block `n`: the whole outline side of that block. */
export function peripheralTumor(doc: MapDocument, n: number, note = ''): Extract<Finding, { kind: 'tumor-peripheral' }> {
  const ref = blockNumbered(doc, n);
  const block = deriveStage(doc, 1, 'stage-dash-number').blocks.find((b) => b.ref.id === ref.id);
  const side = block?.sides.find((s) => s.kind === 'peripheral');
  if (!side) throw new Error(`block ${n} has no peripheral side`);
  return { id: newId(), blockId: ref.id, kind: 'tumor-peripheral', stretch: { from: side.from, to: side.to }, note };
}

export interface BlockRow {
  id: string;
  position: number;
  label: string;
  inks: string;
  lab_status: string;
  margin_result: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The blocks table as the lab list reads it, in position order. */
export const blockRows = (ctx: ServiceContext, stageId: string): BlockRow[] =>
  singleComputer(ctx.store, 'test').db.prepare('SELECT * FROM blocks WHERE stage_id = ? ORDER BY position').all(stageId) as BlockRow[];

export interface FindingRow {
  id: string;
  block_id: string;
  kind: string;
  location: string;
  note: string;
  version: number;
}

export const findingRows = (ctx: ServiceContext, stageId: string): FindingRow[] =>
  singleComputer(ctx.store, 'test')
    .db    .prepare('SELECT f.* FROM margin_findings f JOIN blocks b ON b.id = f.block_id WHERE b.stage_id = ? ORDER BY f.id')
    .all(stageId) as FindingRow[];

export const stageRow = (ctx: ServiceContext, stageId: string) =>
  singleComputer(ctx.store, 'test').db.prepare('SELECT * FROM stages WHERE id = ?').get(stageId) as Record<string, unknown> | undefined;
