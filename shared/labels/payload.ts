/**
 * What a cassette or slide label's 2-D barcode says: which block of which patient's lesion.
 *
 *   LM1|<MRN>|<date of surgery YYYY-MM-DD>|<lesion label>|<stage number>|<block label>
 *
 * Versioned by its first field so a later format can be told apart. The patient's name is
 * never in the barcode (it is printed as text beside it). Each field is escaped so the
 * separator cannot appear inside one: "%" is written "%25", "|" is "%7C", and anything but
 * printable ASCII is written as percent-escaped UTF-8 — the text a scanner types is plain
 * ASCII, and there is exactly one way to write each payload.
 */

export const PAYLOAD_VERSION = 'LM1';
export const PAYLOAD_SEPARATOR = '|';

export interface LabelPayload {
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

export type ParsedPayload = { readonly ok: true; readonly value: LabelPayload } | { readonly ok: false; readonly reason: string };

/** How the barcode is drawn (bwip-js options less the text): ECC 200 DataMatrix, the symbol histology labels use. */
export const BARCODE_OPTIONS = { bcid: 'datamatrix' } as const;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_STAGE = 999;

function escapeField(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '%' || ch === PAYLOAD_SEPARATOR || code < 0x20 || code > 0x7e) {
      out += encodeURIComponent(ch); // UTF-8 bytes as %XX, upper-case hex
    } else {
      out += ch;
    }
  }
  return out;
}

function unescapeField(text: string): string | null {
  if (/%(?![0-9A-F]{2})/.test(text)) return null;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problem(p: LabelPayload): string | null {
  if ([p.mrn, p.date, p.lesion, p.block].some((f) => LONE_SURROGATE.test(f))) return 'A field holds a broken character.';
  if (p.mrn.trim() === '') return 'The MRN is empty.';
  if (!DATE.test(p.date)) return `The date "${p.date}" is not YYYY-MM-DD.`;
  if (p.lesion.trim() === '') return 'The lesion label is empty.';
  if (!Number.isInteger(p.stage) || p.stage < 1 || p.stage > MAX_STAGE) return `The stage "${p.stage}" is not a whole number from 1 to ${MAX_STAGE}.`;
  if (p.block.trim() === '') return 'The block label is empty.';
  return null;
}

/** The barcode text for one block; throws on a payload that could not be read back (a programming error). */
export function buildPayload(p: LabelPayload): string {
  const wrong = problem(p);
  if (wrong) throw new RangeError(`Cannot make a label barcode: ${wrong}`);
  return [PAYLOAD_VERSION, p.mrn, p.date, p.lesion, String(p.stage), p.block].map((f, i) => (i === 0 ? f : escapeField(f))).join(PAYLOAD_SEPARATOR);
}

/** Reads a scanned label back; anything not written by buildPayload is refused with a reason. */
export function parsePayload(text: string): ParsedPayload {
  const fields = text.split(PAYLOAD_SEPARATOR);
  if (fields[0] !== PAYLOAD_VERSION) return { ok: false, reason: `Not a Layermap ${PAYLOAD_VERSION} label (it starts "${fields[0] ?? ''}").` };
  if (fields.length !== 6) return { ok: false, reason: `A Layermap label has 6 fields; this one has ${fields.length}.` };
  const [mrn, date, lesion, stageText, block] = fields.slice(1).map(unescapeField);
  if (mrn == null || date == null || lesion == null || stageText == null || block == null) return { ok: false, reason: 'A field has a broken % escape.' };
  if (!/^[1-9]\d*$/.test(stageText)) return { ok: false, reason: `The stage "${stageText}" is not a whole number.` };
  const value: LabelPayload = { mrn, date, lesion, stage: Number(stageText), block };
  const wrong = problem(value);
  if (wrong) return { ok: false, reason: wrong };
  // One way to write each payload: a differently escaped text was not made by buildPayload.
  if (buildPayload(value) !== text) return { ok: false, reason: 'The label text is not written the canonical way (escapes differ).' };
  return { ok: true, value };
}
