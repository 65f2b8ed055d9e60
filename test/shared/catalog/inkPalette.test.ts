import { describe, it, expect } from 'vitest';
import { DEFAULT_INK_SEQUENCE, INK_PALETTE, INK_PALETTE_SOURCE, inkById } from '../../../shared/catalog/inkPalette';

/** WCAG relative luminance of a #rrggbb color. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function distinct(values: readonly string[]): boolean {
  return new Set(values.map((v) => v.toLowerCase())).size === values.length;
}

describe('ink palette', () => {
  it('offers the dyes in the conventional order', () => {
    expect(INK_PALETTE.map((i) => i.id)).toEqual(['blue', 'yellow', 'black', 'green', 'red', 'orange', 'violet']);
    expect(INK_PALETTE_SOURCE).toMatch(/Davidson/);
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

  it('uses valid hex colors visible on white paper (at least 3:1 contrast, yellow included)', () => {
    for (const ink of INK_PALETTE) {
      expect(ink.color, ink.id).toMatch(/^#[0-9a-f]{6}$/i);
      const contrast = 1.05 / (luminance(ink.color) + 0.05);
      expect(contrast, ink.id).toBeGreaterThanOrEqual(3);
    }
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
