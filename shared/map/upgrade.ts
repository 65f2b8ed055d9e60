import { z } from 'zod';
import { STORED_MAP_LIMITS, blockRefSchema, cutSchema, findingSchema, inkMarkSchema, isMarginFinding, outlineSchema, referenceMarkSchema } from './document';

/**
 * Stored map documents of earlier versions, brought to the current one. Each step is a pure
 * function of the previous version's validated document; a document that is not valid at
 * its own version is reported, not repaired. Clinics keep records for years, so every
 * version ever written stays readable.
 */
export type Upgrade = { ok: true; json: unknown } | { ok: false; reason: string };

/** Version 1: one outline per stage, and one "read" flag for the whole stage. */
function v1Schema() {
  return z
    .object({
      schemaVersion: z.literal(1),
      outline: outlineSchema.nullable(),
      marks: z.array(referenceMarkSchema).max(24),
      cuts: z.array(cutSchema).max(STORED_MAP_LIMITS.cutsPerPiece),
      blocks: z.array(blockRefSchema.omit({ pieceId: true, readClear: true })).max(99),
      inks: z.array(inkMarkSchema).max(STORED_MAP_LIMITS.inks),
      findings: z.array(findingSchema).max(STORED_MAP_LIMITS.findings),
      read: z.boolean(),
    })
    .strict();
}
export type MapDocumentV1 = z.output<ReturnType<typeof v1Schema>>;

/** The id the single piece of an upgraded version-1 map gets (ids only need to be unique within a map). */
export const V1_PIECE_ID = 'piece-1';

/**
 * Version 1 → 2: the outline, marks and cuts become the stage's one piece. A stage marked
 * read meant "every block without tumor or an unevaluable edge was read clear", so exactly
 * those blocks are now read clear; a block with tumor or an unevaluable edge stays as its
 * findings say. A map without an outline has no piece (and had nothing else to keep).
 */
export function upgradeV1(doc: MapDocumentV1): Upgrade {
  if (!doc.outline) {
    if (doc.marks.length + doc.cuts.length + doc.blocks.length + doc.inks.length + doc.findings.length > 0) {
      return { ok: false, reason: 'The stored map is not valid (it has marks, cuts or blocks but no outline).' };
    }
    return { ok: true, json: { schemaVersion: 2, pieces: [], blocks: [], inks: [], findings: [] } };
  }
  const decided = new Set(doc.findings.filter(isMarginFinding).map((f) => f.blockId));
  return {
    ok: true,
    json: {
      schemaVersion: 2,
      pieces: [{ id: V1_PIECE_ID, outline: doc.outline, marks: doc.marks, cuts: doc.cuts }],
      blocks: doc.blocks.map((b) => ({ ...b, pieceId: V1_PIECE_ID, readClear: doc.read && !decided.has(b.id) })),
      inks: doc.inks,
      findings: doc.findings,
    },
  };
}

/** Brings a stored document of any known version to the current one (unknown shapes pass through for validation to report). */
export function upgradeMapDocument(json: unknown): Upgrade {
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== 1) return { ok: true, json };
  const parsed = v1Schema().safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `The stored map is not valid (${first ? `${first.path.join('.')}: ${first.message}` : 'unknown problem'}).` };
  }
  return upgradeV1(parsed.data);
}
