import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { colorDistance, hexToLab } from '../../../shared/catalog/cielab';
import { checkInkColor, contrastOnWhite, DEFAULT_INK_SEQUENCE, definePalette, INK_PALETTE, INK_PALETTE_SOURCE, inkById, inkLetterColor, type Ink } from '../../../shared/catalog/inkPalette';
import { MIN_INK_TUMOR_DELTA_E, TUMOR_COLOR } from '../../../shared/catalog/tumorStyle';

function distinct(values: readonly string[]): boolean {
  return new Set(values.map((v) => v.toLowerCase())).size === values.length;
}

const hexColor = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);

describe('ink palette', () => {
  it('offers the dyes in the conventional order, ids unchanged so stored maps keep their inks', () => {
    expect(INK_PALETTE.map((i) => i.id)).toEqual(['blue', 'yellow', 'black', 'green', 'red', 'orange', 'violet']);
    expect(INK_PALETTE.map((i) => i.symbol)).toEqual(['B', 'Y', 'K', 'G', 'R', 'O', 'V']);
    expect(INK_PALETTE_SOURCE).toMatch(/Davidson/);
    expect(INK_PALETTE_SOURCE).toMatch(/ΔE 25/);
  });

  it('gives each ink a distinct name, color, pattern and symbol, so black-and-white copies read', () => {
    expect(distinct(INK_PALETTE.map((i) => i.id))).toBe(true);
    expect(distinct(INK_PALETTE.map((i) => i.name))).toBe(true);
    expect(distinct(INK_PALETTE.map((i) => i.color))).toBe(true);
    expect(distinct(INK_PALETTE.map((i) => i.pattern))).toBe(true);
    expect(distinct(INK_PALETTE.map((i) => i.symbol))).toBe(true);
    for (const ink of INK_PALETTE) {
      expect(ink.symbol.length, ink.id).toBeGreaterThanOrEqual(1);
      expect(ink.symbol.length, ink.id).toBeLessThanOrEqual(2);
    }
  });

  it('keeps every ink at least CIE76 ΔE 25 from the tumor red', () => {
    expect(MIN_INK_TUMOR_DELTA_E).toBe(25);
    for (const ink of INK_PALETTE) {
      expect(colorDistance(ink.color, TUMOR_COLOR), ink.id).toBeGreaterThanOrEqual(25);
    }
    // Red ink in particular is its own crimson, not the tumor red it used to share.
    expect(inkById('red')?.color).not.toBe(TUMOR_COLOR);
  });

  it('keeps the inks apart from each other too (ΔE ≥ 25 between any two)', () => {
    for (const a of INK_PALETTE) {
      for (const b of INK_PALETTE) {
        if (a !== b) expect(colorDistance(a.color, b.color), `${a.id}–${b.id}`).toBeGreaterThanOrEqual(25);
      }
    }
  });

  it('uses valid hex colors visible on white paper (at least 3:1 contrast, yellow included)', () => {
    for (const ink of INK_PALETTE) {
      expect(ink.color, ink.id).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrastOnWhite(ink.color), ink.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('writes a letter dark enough for small text (4.5:1), in the ink color where it is', () => {
    for (const ink of INK_PALETTE) expect(contrastOnWhite(inkLetterColor(ink)), ink.id).toBeGreaterThanOrEqual(4.5);
    expect(inkLetterColor(inkById('blue')!)).toBe(inkById('blue')!.color);
    expect(inkLetterColor(inkById('yellow')!)).not.toBe(inkById('yellow')!.color);
  });

  it('warns about red, which is hard to see under the microscope', () => {
    expect(inkById('red')?.caution).toMatch(/microscope/);
    expect(inkById('blue')?.caution).toBeUndefined();
  });

  it('alternates blue, yellow, black, green on cut edges, all real inks', () => {
    expect(DEFAULT_INK_SEQUENCE).toEqual(['blue', 'yellow', 'black', 'green']);
    for (const id of DEFAULT_INK_SEQUENCE) expect(inkById(id)?.id).toBe(id);
    expect(inkById('teal')).toBeUndefined();
  });
});

describe('checking an ink color', () => {
  it('refuses the tumor red and shades near it, saying why', () => {
    const check = checkInkColor(TUMOR_COLOR);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/too close to the red that marks tumor.*positive margin/);
    expect(checkInkColor('#c62828').ok).toBe(false); // the old red ink
    expect(checkInkColor('#d32f2f').ok).toBe(false);
    expect(checkInkColor('#b71c1c').ok).toBe(false);
  });

  it('refuses pale colors and malformed ones', () => {
    const pale = checkInkColor('#ffeb3b');
    expect(pale.ok).toBe(false);
    if (!pale.ok) expect(pale.reason).toMatch(/too pale/);
    const bad = checkInkColor('blue');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/#rrggbb/);
  });

  it('accepts a color exactly when it is readable on white and at least ΔE 25 from tumor', () => {
    fc.assert(
      fc.property(hexColor, (hex) => {
        const expected = colorDistance(hex, TUMOR_COLOR) >= 25 && contrastOnWhite(hex) >= 3;
        expect(checkInkColor(hex).ok).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts none of the colors around the tumor red (a ball of ΔE < 25 in Lab)', () => {
    const tumor = hexToLab(TUMOR_COLOR);
    fc.assert(
      fc.property(fc.integer({ min: -12, max: 12 }), fc.integer({ min: -12, max: 12 }), fc.integer({ min: -12, max: 12 }), (dr, dg, db) => {
        const ch = (i: number, d: number) => Math.min(255, Math.max(0, parseInt(TUMOR_COLOR.slice(i, i + 2), 16) + d * 2));
        const hex = `#${[ch(1, dr), ch(3, dg), ch(5, db)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
        const lab = hexToLab(hex);
        const near = Math.hypot(lab.L - tumor.L, lab.a - tumor.a, lab.b - tumor.b) < 25;
        if (near) expect(checkInkColor(hex).ok).toBe(false);
      }),
    );
  });

  it('makes a palette with a color near tumor, or a repeated pattern or letter, fail at load', () => {
    const base: Ink = { id: 'blue', name: 'Blue', color: '#1f4fc8', pattern: 'solid', symbol: 'B' };
    expect(definePalette([base])).toEqual([base]);
    expect(() => definePalette([base, { id: 'red', name: 'Red', color: '#c62828', pattern: 'zigzag', symbol: 'R' }])).toThrow(/Ink "Red".*tumor/);
    expect(() => definePalette([base, { id: 'navy', name: 'Navy', color: '#6a3d9a', pattern: 'solid', symbol: 'N' }])).toThrow(/pattern "solid" is already used/);
    expect(() => definePalette([base, { id: 'b2', name: 'Blue 2', color: '#1b7f3a', pattern: 'dashed', symbol: 'b' }])).toThrow(/symbol "b" is already used/);
  });
});
