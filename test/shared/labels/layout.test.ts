import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paginate, rollGeometry, sheetGeometry } from '../../../shared/labels/layout';
import { DEFAULT_SETTINGS, fieldErrors, labelRollSchema, labelSheetSchema, settingsSchema } from '../../../shared/records';

const errorsOf = (schema: typeof labelSheetSchema | typeof labelRollSchema, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error);
};

describe('label settings', () => {
  it('defaults to the 30-up Letter sheet and a 2 × 1 in roll label, and are valid', () => {
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
    expect(DEFAULT_SETTINGS.labelSheet).toMatchObject({ paper: 'letter', columns: 3, rows: 10, widthMm: 66.7, heightMm: 25.4 });
    expect(DEFAULT_SETTINGS.labelRoll).toEqual({ widthMm: 50.8, heightMm: 25.4 });
  });

  it('says in plain words what is wrong', () => {
    const sheet = DEFAULT_SETTINGS.labelSheet;
    expect(errorsOf(labelSheetSchema, { ...sheet, columns: 2.5 })).toEqual({ columns: 'Labels across must be a whole number.' });
    expect(errorsOf(labelSheetSchema, { ...sheet, rows: 0 })).toEqual({ rows: 'Labels down must be at least 1.' });
    expect(errorsOf(labelSheetSchema, { ...sheet, widthMm: Number.NaN })).toEqual({ widthMm: 'Sheet label width must be a number of millimetres.' });
    expect(errorsOf(labelSheetSchema, { ...sheet, heightMm: 4 })).toEqual({ heightMm: 'Sheet label height must be at least 10 mm.' });
    expect(errorsOf(labelSheetSchema, { ...sheet, paper: 'legal' })).toEqual({ paper: 'Choose Letter or A4 paper for label sheets.' });
    expect(errorsOf(labelSheetSchema, { ...sheet, columns: 4 })).toEqual({
      widthMm: '4 labels of 66.7 mm with 3.2 mm gaps need 276.4 mm, wider than Letter paper (215.9 mm).',
    });
    expect(errorsOf(labelSheetSchema, { ...sheet, paper: 'a4', rows: 12 })).toEqual({
      heightMm: '12 labels of 25.4 mm with 0 mm gaps need 304.8 mm, taller than A4 paper (297 mm).',
    });
    expect(errorsOf(labelRollSchema, { widthMm: 300, heightMm: 25 })).toEqual({ widthMm: 'Roll label width must be at most 210 mm.' });
  });

  it('a settings update may change only the label sizes', () => {
    const patch = settingsSchema.partial().strict().safeParse({ labelRoll: { widthMm: 57, heightMm: 32 } });
    expect(patch.success).toBe(true);
  });
});

describe('label layout', () => {
  it('centres the sheet grid on the paper (the 30-up Letter sheet: 4.7 mm at the sides, 12.7 mm top)', () => {
    const g = sheetGeometry(DEFAULT_SETTINGS.labelSheet);
    expect(g).toMatchObject({ pageWidthMm: 215.9, pageHeightMm: 279.4, columns: 3, rows: 10, marginLeftMm: 4.7, marginTopMm: 12.7 });
    const a4 = sheetGeometry({ paper: 'a4', columns: 3, rows: 8, widthMm: 70, heightMm: 36, columnGapMm: 0, rowGapMm: 0 });
    expect(a4).toMatchObject({ pageWidthMm: 210, pageHeightMm: 297, marginLeftMm: 0, marginTopMm: 4.5 });
  });

  it('a roll page is exactly one label', () => {
    expect(rollGeometry({ widthMm: 50.8, heightMm: 25.4 })).toMatchObject({ pageWidthMm: 50.8, pageHeightMm: 25.4, columns: 1, rows: 1, marginLeftMm: 0, marginTopMm: 0 });
  });

  it('fills pages in order, skipping used places on the first sheet and repeating copies', () => {
    expect(paginate(['a', 'b', 'c', 'd'], 30)).toEqual([['a', 'b', 'c', 'd']]);
    expect(paginate(['a', 'b', 'c', 'd'], 1)).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(paginate(['a', 'b'], 3, { skip: 2 })).toEqual([[null, null, 'a'], ['b']]);
    expect(paginate(['a', 'b'], 4, { copies: 2 })).toEqual([['a', 'a', 'b', 'b']]);
    // Skipping a whole sheet or more would print a blank page: at most one place short of a sheet.
    expect(paginate(['a'], 3, { skip: 9 })).toEqual([[null, null, 'a']]);
  });

  it('every label is placed once per copy, and no page is over-full (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 80 }), fc.integer({ min: 1, max: 40 }), fc.nat(50), fc.integer({ min: 1, max: 4 }), (items, perPage, skip, copies) => {
        const pages = paginate(items, perPage, { skip, copies });
        for (const p of pages) expect(p.length).toBeLessThanOrEqual(perPage);
        expect(pages.flat().filter((x) => x !== null)).toEqual(items.flatMap((x) => Array(copies).fill(x)));
      }),
    );
  });
});
