/**
 * The audit's record text (recordText.ts) is exactly JSON.stringify's, and its parsed record
 * exactly JSON.parse's, whether or not a property's text was known beforehand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactRecordText, isJsonExact, recordText, rememberParsedText } from '../../../electron/store/recordText';
import { twelveBlockMap } from '../../bench/store.bench';

const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
/** Keys a record may have, including ones that sort first (integer-like) and odd ones. */
const key = fc.oneof(fc.constantFrom('id', 'doc', '2', '10', 'a"b', ''), fc.string({ maxLength: 4 })).filter((k) => k !== '__proto__');

/** A document parsed from its own text, as the store keeps a stage's map after writing it. */
function knownDocument(value: unknown): object {
  const text = JSON.stringify({ inner: value });
  const parsed = JSON.parse(text) as object;
  rememberParsedText(parsed, text);
  return parsed;
}

describe('recordText', () => {
  it('writes and parses a record as JSON.stringify and JSON.parse do, with a known document spliced in', () => {
    fc.assert(
      fc.property(fc.dictionary(key, json, { maxKeys: 6 }), key, json, fc.boolean(), (fields, docKey, docValue, withUndefined) => {
        const doc = knownDocument(docValue);
        const record: Record<string, unknown> = { ...fields, [docKey]: doc };
        if (withUndefined) record.leftOut = undefined; // longer than any generated key
        const written = recordText(record);
        expect(written.text).toBe(JSON.stringify(record));
        expect(written.parsed()).toStrictEqual(JSON.parse(JSON.stringify(record)));
        // The known document is shared, not parsed again.
        expect((written.parsed() as Record<string, unknown>)[docKey]).toBe(doc);
      }),
    );
  });

  it('falls back to JSON for values with no known part: arrays, primitives, objects with toJSON, unknown documents', () => {
    for (const value of [[1, 2], 'text', 3, null, { at: new Date(0) }, { doc: { a: 1 } }, new Date(5)]) {
      const written = recordText(value);
      expect(written.text).toBe(JSON.stringify(value));
      expect(written.parsed()).toStrictEqual(JSON.parse(JSON.stringify(value)));
    }
  });

  it('reproduces a stage record with its twelve-block map byte for byte', () => {
    const text = JSON.stringify(twelveBlockMap('t'));
    const doc = JSON.parse(text) as object;
    rememberParsedText(doc, text);
    const stage = { id: 's1', lesionId: 'l1', number: 1, doc, blockCount: 12, result: 'pending', labStatus: { b1: 'excised' }, version: 3 };
    expect(recordText(stage).text).toBe(JSON.stringify(stage));
    expect(recordText(stage).parsed()).toStrictEqual(JSON.parse(JSON.stringify(stage)));
  });
});

describe('exactRecordText (a record sent from the store thread as its text)', () => {
  it('is the text of a record with a known document when JSON gives the whole record back exactly, and null otherwise', () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(json, fc.constantFrom(-0, undefined, Number.NaN, new Date(0))), { maxKeys: 6 }), key, json, (fields, docKey, docValue) => {
        const record: Record<string, unknown> = { ...fields, [docKey]: knownDocument(docValue) };
        const text = exactRecordText(record);
        if (isJsonExact(Object.fromEntries(Object.entries(record).filter(([k]) => k !== docKey)))) {
          expect(text).toBe(JSON.stringify(record));
          expect(JSON.parse(text!)).toStrictEqual(record);
        } else {
          expect(text).toBeNull();
        }
      }),
    );
  });

  it('is null for a record with no known part: it crosses as a structured clone, as before', () => {
    expect(exactRecordText({ id: 's1', doc: { a: 1 } })).toBeNull();
    expect(exactRecordText([knownDocument(1)])).toBeNull();
    expect(exactRecordText('text')).toBeNull();
  });
});

describe('isJsonExact', () => {
  it('holds exactly when JSON gives the value back unchanged', () => {
    fc.assert(
      // Without "__proto__" keys, which the store's records never have (isJsonExact refuses them).
      fc.property(fc.jsonValue().filter((v) => !JSON.stringify(v).includes('"__proto__"')), (v) => {
        // Object.is semantics (toStrictEqual tells -0 from 0 and a missing key from an undefined one).
        const same = (() => {
          try {
            expect(JSON.parse(JSON.stringify(v))).toStrictEqual(v);
            return true;
          } catch {
            return false;
          }
        })();
        expect(isJsonExact(v)).toBe(same);
      }),
    );
  });

  it('refuses what JSON changes: -0, an undefined property, non-finite numbers, dates, holes, class instances', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    for (const v of [-0, { a: -0 }, { a: undefined }, [undefined], Number.NaN, Infinity, new Date(0), sparse, new Map(), { toJSON: () => 1 }, Object.create({ inherited: 1 })]) {
      expect(isJsonExact(v)).toBe(false);
    }
    expect(isJsonExact({ a: [1, 'x', null, true, { b: 0 }] })).toBe(true);
  });
});
