import { z } from 'zod';
import { INK_PALETTE } from '../catalog/inkPalette';
import { capsProblem, MAP_CAPS } from './caps';

/**
 * The map of one stage, as stored: a versioned JSON document validated on every save and
 * load. Geometry is in millimetres in the lesion's frame (origin at the lesion centre, +y
 * toward 12 o'clock). Findings are structured data tied to blocks; what is drawn, listed
 * and coded is derived from it (derive.ts).
 *
 * Version 2: a stage holds one or more separate pieces of tissue (one round of excision can
 * take tissue from two places), each with its own outline, reference marks and cuts; blocks
 * belong to a piece and are numbered across the stage; each block records whether its slides
 * were read clear (a stage-wide "read" flag could not say which blocks were read).
 */
export const MAP_DOCUMENT_VERSION = 2;

/**
 * What any map Layermap ever saved can hold (the schema's limits before the caps of caps.ts):
 * the shape is checked against these, the caps on every save (mapDocumentSchema).
 */
export const STORED_MAP_LIMITS = { outlinePoints: 2000, cutPoints: 500, cutsPerPiece: 60, marksPerPiece: 24, areaPoints: 2000, pieces: 12, blocks: 99, inks: 2000, findings: 2000 } as const;

const coordinate = z.number().finite().min(-1000).max(1000);
export const pointSchema = z.object({ x: coordinate, y: coordinate }).strict();
const id = z.string().min(1).max(64);

export const outlineSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ellipse'),
      cx: coordinate,
      cy: coordinate,
      rx: z.number().finite().positive().max(500),
      ry: z.number().finite().positive().max(500),
      rotation: z.number().finite(),
    })
    .strict(),
  // Polygon (clicked) and freehand (smoothed, simplified) outlines are both stored as points.
  z
    .object({
      kind: z.enum(['polygon', 'freehand']),
      points: z
        .array(pointSchema)
        .min(3)
        .max(STORED_MAP_LIMITS.outlinePoints),
    })
    .strict(),
]);
export type Outline = z.output<typeof outlineSchema>;

/** A reference mark (nick) on a piece at a clock hour; 12 o'clock is always drawn. */
export const referenceMarkSchema = z.object({ id, hour: z.number().min(0).max(12) }).strict();
export type ReferenceMark = z.output<typeof referenceMarkSchema>;

export const cutSchema = z
  .object({
    id,
    points: z
      .array(pointSchema)
      .min(2)
      .max(STORED_MAP_LIMITS.cutPoints),
  })
  .strict();
export type Cut = z.output<typeof cutSchema>;

/** One separate piece of tissue of the stage: its outline, its reference marks, its cuts. */
export const pieceSchema = z
  .object({
    id,
    outline: outlineSchema,
    marks: z.array(referenceMarkSchema).max(STORED_MAP_LIMITS.marksPerPiece),
    cuts: z.array(cutSchema).max(STORED_MAP_LIMITS.cutsPerPiece),
  })
  .strict();
export type Piece = z.output<typeof pieceSchema>;

/** Most pieces one stage can hold: more separate places than this are more than one stage's work. */
export const MAX_PIECES = MAP_CAPS.pieces;

/**
 * A tissue block's identity. Its shape is derived from its piece's outline and cuts; a block
 * keeps its id (and so its inks, findings, reading and lab status) while `anchor` stays inside
 * its part of the piece. `number` is its position in the stage's labelling (unique across all
 * pieces); `label` a hand-written override. `readClear`: the surgeon read its slides and found
 * no tumor (findings on the block outrank it: tumor is never hidden by an earlier "clear").
 */
export const blockRefSchema = z
  .object({
    id,
    pieceId: id,
    anchor: pointSchema,
    number: z.number().int().min(1).max(99),
    label: z.string().trim().min(1).max(12).nullable(),
    readClear: z.boolean(),
  })
  .strict();
export type BlockRef = z.output<typeof blockRefSchema>;

/** A stretch of a block's boundary, walked counter-clockwise from `from` to `to`. */
export const stretchSchema = z.object({ from: pointSchema, to: pointSchema }).strict();
export type Stretch = z.output<typeof stretchSchema>;

const inkIds = INK_PALETTE.map((i) => i.id) as [string, ...string[]];
export const inkMarkSchema = z.object({ id, blockId: id, ink: z.enum(inkIds), stretch: stretchSchema }).strict();
export type InkMark = z.output<typeof inkMarkSchema>;

export const findingSchema = z.discriminatedUnion('kind', [
  // Tumor at the peripheral (epidermal/lateral) edge: a stretch of the block's outline side.
  z.object({ id, blockId: id, kind: z.literal('tumor-peripheral'), stretch: stretchSchema, note: z.string().max(500) }).strict(),
  // Tumor at the deep margin: an area of the block's deep surface.
  z.object({ id, blockId: id, kind: z.literal('tumor-deep'), area: z.array(pointSchema).min(3).max(STORED_MAP_LIMITS.areaPoints), note: z.string().max(500) }).strict(),
  // An edge that could not be evaluated (e.g. epidermis missing): the block is not clear.
  z.object({ id, blockId: id, kind: z.literal('incomplete'), stretch: stretchSchema, note: z.string().max(500) }).strict(),
  // Other findings placed at a point: scar, an unrelated tumor, a free note.
  z.object({ id, blockId: id, kind: z.enum(['scar', 'unrelated-tumor', 'note']), at: pointSchema, note: z.string().max(500) }).strict(),
]);
export type Finding = z.output<typeof findingSchema>;
export type FindingKind = Finding['kind'];

/** Findings that decide a block's reading (the others are remarks on the drawing). */
export const isMarginFinding = (f: Finding): boolean => f.kind === 'tumor-peripheral' || f.kind === 'tumor-deep' || f.kind === 'incomplete';

const mapShape = z
  .object({
    schemaVersion: z.literal(MAP_DOCUMENT_VERSION),
    pieces: z.array(pieceSchema).max(STORED_MAP_LIMITS.pieces, { error: (i) => `This map has too many pieces (${(i.input as unknown[]).length}); the most a stage can hold is ${STORED_MAP_LIMITS.pieces}.` }),
    blocks: z.array(blockRefSchema).max(STORED_MAP_LIMITS.blocks, { error: (i) => `This map has too many blocks (${(i.input as unknown[]).length}); the most a stage can have is ${STORED_MAP_LIMITS.blocks}.` }),
    inks: z.array(inkMarkSchema).max(STORED_MAP_LIMITS.inks),
    findings: z.array(findingSchema).max(STORED_MAP_LIMITS.findings),
  })
  .strict();

/**
 * A stage's map as the store accepts it: within the caps (caps.ts) that bound its geometry,
 * and with nothing attached to a piece or block it does not have.
 */
export const mapDocumentSchema = mapShape.superRefine((doc, ctx) => {
  const problem = capsProblem(doc) ?? danglingProblem(doc);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A stage's map as the store reads it back: the shape's own limits only. A map saved before
 * the caps existed must still open and print (it is a medical record); it is edited again only
 * once it fits them, since every edit checks the caps.
 */
export const storedMapSchema = mapShape.superRefine((doc, ctx) => {
  const problem = danglingProblem(doc);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export type MapDocument = z.output<typeof mapShape>;

/** Blocks, inks and findings must name a piece or block the map has: nothing may hang off nothing. */
function danglingProblem(doc: MapDocument): string | null {
  const pieces = new Set(doc.pieces.map((p) => p.id));
  const orphan = doc.blocks.find((b) => !pieces.has(b.pieceId));
  if (orphan) return `Block ${orphan.number} belongs to a piece this map does not have; undo the last change.`;
  const blocks = new Set(doc.blocks.map((b) => b.id));
  if (doc.inks.some((k) => !blocks.has(k.blockId))) return 'An ink is on a block this map does not have; undo the last change.';
  if (doc.findings.some((f) => !blocks.has(f.blockId))) return 'A finding is on a block this map does not have; undo the last change.';
  return null;
}

export const EMPTY_MAP: MapDocument = {
  schemaVersion: MAP_DOCUMENT_VERSION,
  pieces: [],
  blocks: [],
  inks: [],
  findings: [],
};
