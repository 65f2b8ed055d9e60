import { z } from 'zod';
import { isRealDate } from '../records/fields';

/**
 * What a cassette or slide label's 2-D barcode says: which block it is.
 *
 *   LM2|<block id>|<accession number>|<MRN>|<date of surgery YYYY-MM-DD>|<lesion letter>|<stage number>|<block label>
 *
 * The block id is the block's key in the database (unique across every stage of every case),
 * so a scan finds exactly one block; the other fields are what the label says in text, so a
 * label printed before the record changed can be caught. The accession number is empty when
 * the case had none (the labels page warns before printing).
 *
 * LM1 labels (printed before block ids and accession numbers were in the barcode) are still
 * read, never written: `LM1|<MRN>|<date>|<lesion label>|<stage number>|<block label>`.
 *
 * LM3 is a slide label: the LM2 fields and the slide's number in its block (1, 2 …), so each
 * slide of a block carries its own id (block id + slide number) and a scan says which slide:
 * `LM3|<block id>|<accession>|<MRN>|<date>|<lesion letter>|<stage number>|<block label>|<slide number>`.
 * Cassette labels stay LM2.
 *
 * The patient's name is never in the barcode (it is printed as text beside it). Each field is
 * escaped so the separator cannot appear inside one: "%" is written "%25", "|" is "%7C", and
 * anything but printable ASCII is written as percent-escaped UTF-8: the text a scanner types
 * is plain ASCII, and there is exactly one way to write each payload.
 */

export const PAYLOAD_VERSION = 'LM2';
export const LEGACY_PAYLOAD_VERSION = 'LM1';
export const SLIDE_PAYLOAD_VERSION = 'LM3';
/** More slides than any block is cut into (histology.ts MAX_SLIDES is lower: this only bounds what a scan accepts). */
export const MAX_SLIDE = 99;
export const PAYLOAD_SEPARATOR = '|';

/** The barcode of a block, as printed since LM2. */
export interface LabelPayload {
  /** The block's id in the database (blocks.id). */
  readonly blockId: string;
  /** The lab's accession number of the case; empty if it had none when printed. */
  readonly accession: string;
  readonly mrn: string;
  /** Date of surgery, YYYY-MM-DD. */
  readonly date: string;
  /** The lesion's letter in its case: A, B … AA. */
  readonly lesion: string;
  /** Stage (layer) number, 1 for the first. */
  readonly stage: number;
  /** The block label as printed, e.g. "2-3", "II-3", "2C" or a hand-written override. */
  readonly block: string;
}

/** An LM1 barcode: no block id, no accession number. */
export type LegacyLabelPayload = Omit<LabelPayload, 'blockId' | 'accession'>;

/** A scanned label, by the format it was printed in. */
export type ScannedLabel =
  | ({ readonly format: 'LM2' } & LabelPayload)
  | ({ readonly format: 'LM3' } & LabelPayload & { readonly slide: number })
  | ({ readonly format: 'LM1' } & LegacyLabelPayload);

/** A refused text says why, and whether it is some other barcode (`foreign`) or a damaged Layermap one. */
export type ParsedPayload =
  | { readonly ok: true; readonly value: ScannedLabel }
  | { readonly ok: false; readonly reason: string; readonly foreign: boolean };

/** How the barcode is drawn (bwip-js options less the text): ECC 200 DataMatrix, the symbol histology labels use. */
export const BARCODE_OPTIONS = { bcid: 'datamatrix' } as const;

export const MAX_STAGE = 999;
/** A scanned text longer than this is no Layermap label (an LM2 payload is at most a few hundred characters). */
export const MAX_PAYLOAD_LENGTH = 1000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A text field: whole characters only, not blank, no space at either end (the store trims them) unless told. */
const text = (what: string, max: number, options: { readonly blank?: boolean; readonly edgeSpaces?: boolean } = {}) =>
  z
    .string()
    .max(max, { error: `The ${what} is longer than ${max} characters.` })
    .refine((s) => !LONE_SURROGATE.test(s), { error: 'A field holds a broken character.' })
    .refine((s) => options.blank === true || s.trim() !== '', { error: `The ${what} is empty.` })
    .refine((s) => options.edgeSpaces === true || s === s.trim(), { error: `The ${what} starts or ends with a space.` });

const dateField = z.string().refine((s) => DATE.test(s) && isRealDate(s), { error: (i) => `The date "${String(i.input)}" is not a date YYYY-MM-DD.` });
const stageField = z
  .number()
  .refine((n) => Number.isInteger(n) && n >= 1 && n <= MAX_STAGE, { error: (i) => `The stage "${String(i.input)}" is not a whole number from 1 to ${MAX_STAGE}.` });

/** LM1 as it was written: any non-blank text in the text fields. */
const legacySchema = z
  .object({
    mrn: text('MRN', 200, { edgeSpaces: true }),
    date: dateField,
    lesion: text('lesion label', 200, { edgeSpaces: true }),
    stage: stageField,
    block: text('block label', 200, { edgeSpaces: true }),
  })
  .strict();

/** LM2: every field within what the store can hold; the lesion letter as the store writes it. */
const currentSchema = z
  .object({
    blockId: text('block id', 64),
    accession: text('accession number', 40, { blank: true }),
    mrn: text('MRN', 40),
    date: dateField,
    lesion: z.string().regex(/^[A-Z]{1,3}$/, { error: (i) => `The lesion letter "${String(i.input)}" is not A to ZZZ.` }),
    stage: stageField,
    block: text('block label', 24),
  })
  .strict();

function escapeField(field: string): string {
  let out = '';
  for (const ch of field) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '%' || ch === PAYLOAD_SEPARATOR || code < 0x20 || code > 0x7e) {
      out += encodeURIComponent(ch); // UTF-8 bytes as %XX, upper-case hex
    } else {
      out += ch;
    }
  }
  return out;
}

function unescapeField(field: string): string | null {
  if (/%(?![0-9A-F]{2})/.test(field)) return null;
  try {
    return decodeURIComponent(field);
  } catch {
    return null;
  }
}

/** The payload text of a version and its fields, each escaped: the one way it is written. */
export function formatPayload(version: string, fields: readonly string[]): string {
  return [version, ...fields.map(escapeField)].join(PAYLOAD_SEPARATOR);
}

const firstIssue = (error: z.ZodError): string => error.issues[0]?.message ?? 'A field is not valid.';

/** The barcode text for one block; throws on a payload that could not be read back (a programming error). */
export function buildPayload(p: LabelPayload): string {
  const checked = currentSchema.safeParse(p);
  if (!checked.success) throw new RangeError(`Cannot make a label barcode: ${firstIssue(checked.error)}`);
  return formatPayload(PAYLOAD_VERSION, [p.blockId, p.accession, p.mrn, p.date, p.lesion, String(p.stage), p.block]);
}

/** The barcode text for one slide of a block (LM3). */
export function buildSlidePayload(p: LabelPayload & { readonly slide: number }): string {
  const { slide: _slide, ...fields } = p;
  const checked = currentSchema.safeParse(fields);
  if (!checked.success) throw new RangeError(`Cannot make a label barcode: ${firstIssue(checked.error)}`);
  if (!Number.isInteger(p.slide) || p.slide < 1 || p.slide > MAX_SLIDE) throw new RangeError(`Cannot make a label barcode: slide ${p.slide} is not 1 to ${MAX_SLIDE}.`);
  return formatPayload(SLIDE_PAYLOAD_VERSION, [p.blockId, p.accession, p.mrn, p.date, p.lesion, String(p.stage), p.block, String(p.slide)]);
}

const FIELDS = { LM3: 8, LM2: 7, LM1: 5 } as const;

/** Reads a scanned label back (LM2, or an LM1 label printed earlier); anything else is refused with a reason. */
export function parsePayload(scanned: string): ParsedPayload {
  const refuse = (reason: string, foreign = false): ParsedPayload => ({ ok: false, reason, foreign });
  if (scanned.length > MAX_PAYLOAD_LENGTH) return refuse(`It is ${scanned.length} characters long, longer than any Layermap label.`, true);
  const [version, ...raw] = scanned.split(PAYLOAD_SEPARATOR);
  if (version !== PAYLOAD_VERSION && version !== LEGACY_PAYLOAD_VERSION && version !== SLIDE_PAYLOAD_VERSION) {
    const start = (version ?? '').slice(0, 12);
    return refuse(`It starts "${start}${(version ?? '').length > 12 ? '…' : ''}", where a Layermap label starts "${PAYLOAD_VERSION}|".`, true);
  }
  if (raw.length !== FIELDS[version]) {
    return refuse(`A Layermap ${version} label has ${FIELDS[version] + 1} fields; this one has ${raw.length + 1}.`);
  }
  const fields = raw.map(unescapeField);
  if (fields.some((f) => f === null)) return refuse('A field has a broken % escape.');
  const f = fields as string[];
  const stageText = version === LEGACY_PAYLOAD_VERSION ? f[3] : f[5];
  if (!/^[1-9]\d{0,8}$/.test(stageText ?? '')) return refuse(`The stage "${stageText ?? ''}" is not a whole number.`);
  const stage = Number(stageText);
  let value: ScannedLabel;
  if (version === PAYLOAD_VERSION || version === SLIDE_PAYLOAD_VERSION) {
    const [blockId, accession, mrn, date, lesion, , block, slideText] = f;
    const checked = currentSchema.safeParse({ blockId, accession, mrn, date, lesion, stage, block });
    if (!checked.success) return refuse(firstIssue(checked.error));
    if (version === PAYLOAD_VERSION) value = { format: 'LM2', ...checked.data };
    else {
      if (!/^[1-9]\d?$/.test(slideText ?? '')) return refuse(`The slide "${slideText ?? ''}" is not a whole number from 1 to ${MAX_SLIDE}.`);
      value = { format: 'LM3', ...checked.data, slide: Number(slideText) };
    }
  } else {
    const [mrn, date, lesion, , block] = f;
    const checked = legacySchema.safeParse({ mrn, date, lesion, stage, block });
    if (!checked.success) return refuse(firstIssue(checked.error));
    value = { format: 'LM1', ...checked.data };
  }
  // One way to write each payload: a differently escaped text was not made by Layermap.
  if (formatPayload(version, f) !== scanned) {
    return refuse('The label text is not written the canonical way (escapes differ).');
  }
  return { ok: true, value };
}
