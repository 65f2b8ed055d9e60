/**
 * The audit's patch (auditPatch.ts) applied by the same JSON Patch code the rebuild uses
 * takes any JSON value to any other exactly, and a save's small change is a small patch.
 */
import fc from 'fast-check';
import { applyPatch, type Operation } from 'rfc6902';
import { describe, expect, it } from 'vitest';
import { equal, jsonPatch } from '../../../electron/store/auditPatch';

/** Applies through a wrapper, as auditVersions.ts does, so a patch of the whole value ("" path) applies too. */
function applied(from: unknown, patch: Operation[]): unknown {
  const wrapper = { record: structuredClone(from) };
  const errors = applyPatch(wrapper, patch.map((op) => ({ ...op, path: `/record${op.path}` })));
  expect(errors.every((e) => e === null)).toBe(true);
  return wrapper.record;
}

// Without "__proto__" keys: applying a patch sets such a key as the object's prototype (records have none).
const json = fc
  .jsonValue()
  .map((v) => JSON.parse(JSON.stringify(v)) as unknown)
  .filter((v) => !JSON.stringify(v).includes('"__proto__"'));
/** Two versions sharing most of their structure, as a record's consecutive saves do. */
const keys = fc.constantFrom('a', 'b', 'c~/', '', '0');
const edited = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('the audit patch', () => {
  it('takes any JSON value to any other', () => {
    fc.assert(fc.property(json, json, (a, b) => {
      expect(applied(a, jsonPatch(a, b))).toEqual(b);
    }), { numRuns: 500 });
  });

  it('takes a value to an edit of itself (inserted, dropped and changed elements and keys)', () => {
    fc.assert(
      fc.property(fc.array(edited, { maxLength: 8 }), fc.nat(), fc.nat(), edited, (items, at, drop, item) => {
        const before = { items, n: 1 };
        const list = [...items];
        list.splice(at % (list.length + 1), drop % 2, item);
        const after = { items: list, n: 2 };
        const patch = jsonPatch(before, after);
        expect(applied(before, patch)).toEqual(after);
        expect(equal(applied(before, patch), after)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('says a one-element insert, removal or change in one operation (and the counter in one more)', () => {
    const before = { n: 1, list: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] };
    expect(jsonPatch(before, { ...before, n: 2 })).toEqual([{ op: 'replace', path: '/n', value: 2 }]);
    expect(jsonPatch(before, { ...before, list: [{ id: 'a' }, { id: 'c' }] })).toEqual([{ op: 'remove', path: '/list/1' }]);
    expect(jsonPatch(before, { ...before, list: [{ id: 'a' }, { id: 'x' }, { id: 'b' }, { id: 'c' }] })).toEqual([{ op: 'add', path: '/list/1', value: { id: 'x' } }]);
    expect(jsonPatch(before, { ...before, list: [...before.list, { id: 'd' }] })).toEqual([{ op: 'add', path: '/list/-', value: { id: 'd' } }]);
    expect(jsonPatch(before, { ...before, list: [{ id: 'a' }, { id: 'b', note: 'x' }, { id: 'c' }] })).toEqual([{ op: 'add', path: '/list/1/note', value: 'x' }]);
    expect(jsonPatch({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2 })).toEqual([{ op: 'remove', path: '/c~0d' }, { op: 'replace', path: '/a~1b', value: 2 }]);
  });
});
