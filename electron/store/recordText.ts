/**
 * A record's JSON text for the audit, and the record as that text parses, without writing and
 * parsing again the large parts whose text the store has just written itself.
 *
 * A map save writes the stage's document as JSON (about 7 KB for 12 blocks, over half of it
 * numbers, which are slow to print and to read) and keeps the document parsed from exactly
 * that text. The audit then needs the whole stage record as text, and the record as that text
 * parses; done plainly, that printed and parsed the document a second time on every gesture.
 * Here a property whose value is a document with a known text is spliced in as that text, and
 * the parsed record takes the document parsed from it: the same text and the same values as
 * JSON.stringify and JSON.parse would give.
 */

/** Objects that are exactly what JSON.parse gives for this text (and JSON.stringify gives the text back). */
const texts = new WeakMap<object, string>();

/** Call only with an object JSON.parse(text) would give exactly (isJsonExact), never changed afterwards. */
export function rememberParsedText(parsed: object, text: string): void {
  texts.set(parsed, text);
}

export interface RecordText {
  readonly text: string;
  /** JSON.parse(text), with the known parts shared rather than parsed again (made when asked: not every audit row keeps the record). */
  parsed(): unknown;
}

/** The record's JSON text and its parsed copy (JSON.stringify, then JSON.parse, in effect). */
export function recordText(record: unknown): RecordText {
  return (hasKnownPart(record) && splice(record)) || new PlainText(JSON.stringify(record));
}

/**
 * The record's JSON text when the store already holds the text of its large parts (a stage's map
 * just saved) and JSON.parse of it gives back exactly the record; else null. The store thread
 * sends such a record to the app as this text (a string crosses threads as one copy; the map's
 * hundreds of small objects cost the structured clone about 0.1 ms each way).
 */
export function exactRecordText(record: unknown): string | null {
  if (!hasKnownPart(record)) return null;
  for (const key in record) {
    const value = record[key];
    const known = typeof value === 'object' && value !== null && texts.has(value);
    if (!known && !isJsonExact(value)) return null;
  }
  return splice(record)?.text ?? null;
}

class PlainText implements RecordText {
  constructor(readonly text: string) {}

  parsed(): unknown {
    return JSON.parse(this.text) as unknown;
  }
}

/** A plain object (no toJSON) with a property whose text is known. */
function hasKnownPart(record: unknown): record is Record<string, unknown> {
  if (typeof record !== 'object' || record === null || Array.isArray(record) || Object.getPrototypeOf(record) !== Object.prototype) return false;
  if ('toJSON' in record) return false;
  for (const key in record) {
    const value = (record as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null && texts.has(value)) return true;
  }
  return false;
}

/** The record written property by property, known parts as their text; null where that cannot be done exactly. */
function splice(record: Record<string, unknown>): RecordText | null {
  const parts: string[] = [];
  const rest: string[] = [];
  const order: { key: string; known: object | null }[] = [];
  for (const [key, value] of Object.entries(record)) {
    // What JSON.stringify leaves out of an object; and a key that would set a prototype when assigned.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    if (key === '__proto__') return null;
    const name = JSON.stringify(key);
    const known = typeof value === 'object' && value !== null ? texts.get(value) : undefined;
    const text = known ?? JSON.stringify(value);
    parts.push(`${name}:${text}`);
    if (known === undefined) rest.push(`${name}:${text}`);
    order.push({ key, known: known === undefined ? null : (value as object) });
  }
  return new SplicedText(`{${parts.join(',')}}`, `{${rest.join(',')}}`, order);
}

class SplicedText implements RecordText {
  constructor(
    readonly text: string,
    private readonly restText: string,
    private readonly order: readonly { key: string; known: object | null }[],
  ) {}

  parsed(): unknown {
    const rest = JSON.parse(this.restText) as Record<string, unknown>;
    const record: Record<string, unknown> = {};
    for (const { key, known } of this.order) record[key] = known ?? rest[key];
    return record;
  }
}

/**
 * Whether JSON.parse(JSON.stringify(value)) gives back exactly the value: only finite numbers
 * other than -0, strings, booleans, null, dense arrays and plain objects with no undefined
 * properties. A validated map document always is, unless it carries a -0; then the store keeps
 * the parsed copy instead, so what it holds is exactly what it wrote.
 */
export function isJsonExact(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonExact(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) return false;
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key) || key === '__proto__') return false;
        if (!isJsonExact((value as Record<string, unknown>)[key])) return false;
      }
      return Object.getOwnPropertySymbols(value).length === 0;
    }
    default:
      return false;
  }
}
