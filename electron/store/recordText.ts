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
  readonly parsed: () => unknown;
}

/** The record's JSON text and its parsed copy (JSON.stringify, then JSON.parse, in effect). */
export function recordText(record: unknown): RecordText {
  const spliced = splice(record);
  if (spliced) return spliced;
  const text = JSON.stringify(record);
  return { text, parsed: () => JSON.parse(text) as unknown };
}

/** A plain object with a property of known text, written property by property; null for anything else. */
function splice(record: unknown): RecordText | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record) || Object.getPrototypeOf(record) !== Object.prototype) return null;
  if ('toJSON' in record) return null;
  const entries = Object.entries(record);
  if (!entries.some(([, v]) => typeof v === 'object' && v !== null && texts.has(v))) return null;
  const parts: string[] = [];
  const restParts: string[] = [];
  const order: { key: string; known: object | null }[] = [];
  for (const [key, value] of entries) {
    // What JSON.stringify leaves out of an object; and a key that would set a prototype when assigned.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    if (key === '__proto__') return null;
    const name = JSON.stringify(key);
    const known = typeof value === 'object' && value !== null ? texts.get(value) : undefined;
    const text = known ?? JSON.stringify(value);
    parts.push(`${name}:${text}`);
    if (known === undefined) restParts.push(`${name}:${text}`);
    order.push({ key, known: known === undefined ? null : (value as object) });
  }
  const parsed = () => {
    const rest = JSON.parse(`{${restParts.join(',')}}`) as Record<string, unknown>;
    const record: Record<string, unknown> = {};
    for (const { key, known } of order) record[key] = known ?? rest[key];
    return record;
  };
  return { text: `{${parts.join(',')}}`, parsed };
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
