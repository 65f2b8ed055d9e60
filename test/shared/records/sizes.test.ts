import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalDefectSchema, lesionFields, SIZE_MM } from '../../../shared/records/lesion';

/** Every mm size a surgeon types: pre-op length and width, the final defect's length and width. */
const preopLength = lesionFields.shape.preopLengthMm;
const defect = (lengthMm: unknown, widthMm: unknown) => finalDefectSchema.safeParse({ lengthMm, widthMm, source: 'measured' });
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('sizes in millimetres', () => {
  it('accepts every size from 0.1 mm to 500 mm', () => {
    fc.assert(
      fc.property(fc.double({ min: SIZE_MM.min, max: SIZE_MM.max, noNaN: true }), (mm) => {
        expect(preopLength.safeParse(mm).success).toBe(true);
        expect(defect(mm, mm).success).toBe(true);
      }),
    );
  });

  it('refuses implausible sizes with a message naming the field', () => {
    for (const [mm, message] of [
      [5e-324, 'Pre-op length must be at least 0.1 mm.'],
      [0.0999, 'Pre-op length must be at least 0.1 mm.'],
      [0, 'Pre-op length must be at least 0.1 mm.'],
      [-3, 'Pre-op length must be at least 0.1 mm.'],
      [500.001, 'Pre-op length must be at most 500 mm; check the unit (millimetres).'],
      [1e9, 'Pre-op length must be at most 500 mm; check the unit (millimetres).'],
      [1e308, 'Pre-op length must be at most 500 mm; check the unit (millimetres).'],
      [Number.NaN, 'Pre-op length must be a number of millimetres.'],
      [Number.POSITIVE_INFINITY, 'Pre-op length must be a number of millimetres.'],
      [Number.NEGATIVE_INFINITY, 'Pre-op length must be a number of millimetres.'],
      ['12', 'Pre-op length must be a number of millimetres.'],
      [undefined, 'Pre-op length is required, in millimetres.'],
    ] as const) {
      expect(messages(preopLength.safeParse(mm)), String(mm)).toEqual([message]);
    }
    expect(messages(defect(12, 5e-324))).toContain('Defect width must be at least 0.1 mm.');
    expect(messages(defect(Number.NaN, 4))).toContain('Defect length must be a number of millimetres.');
    expect(messages(defect(1e9, 4))).toContain('Defect length must be at most 500 mm; check the unit (millimetres).');
  });

  it('refuses any number outside the bounds (property)', () => {
    const outside = fc.oneof(
      fc.double({ max: SIZE_MM.min, maxExcluded: true }),
      fc.double({ min: SIZE_MM.max, minExcluded: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE, -0),
    );
    fc.assert(
      fc.property(outside, (mm) => {
        expect(preopLength.safeParse(mm).success).toBe(false);
        expect(defect(mm, 1).success).toBe(false);
      }),
    );
  });
});
