/**
 * The key of the division cache by value (sameValue.ts valueKey): equal values get equal keys,
 * and the usual near-misses of a map's geometry (a moved point, a swapped pair, -0) get
 * different ones, so the cache rarely has to fall back on its exact comparison.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameValue, valueKey } from '../../../shared/map/sameValue';

describe('valueKey', () => {
  it('gives a value and its copy the same key', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(valueKey(structuredClone(v))).toBe(valueKey(v));
      }),
    );
  });

  it('tells apart values that differ in one number, in order, in a key, in type or in the sign of zero', () => {
    const outline = { kind: 'polygon', points: [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6.000000001 }] };
    const variants: unknown[] = [
      outline,
      { ...outline, points: [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }] },
      { ...outline, points: [{ x: 3, y: 4 }, { x: 1, y: 2 }, { x: 5, y: 6.000000001 }] },
      { kind: 'polygon', pointz: outline.points },
      [0],
      [-0],
      ['0'],
      [null],
      [[]],
      [{}],
      [true],
    ];
    const keys = variants.map(valueKey);
    expect(new Set(keys).size).toBe(variants.length);
  });

  it('differs for distinct random geometries (no collision among a thousand)', () => {
    const point = fc.record({ x: fc.double({ min: -50, max: 50, noNaN: true }), y: fc.double({ min: -50, max: 50, noNaN: true }) });
    const rings = fc.sample(fc.array(point, { minLength: 3, maxLength: 30 }), 1000);
    const distinct = rings.filter((r, i) => rings.findIndex((o) => sameValue(o, r)) === i);
    expect(new Set(distinct.map(valueKey)).size).toBe(distinct.length);
  });
});
