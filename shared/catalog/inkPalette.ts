// Tissue marking dyes. Each ink has a name, a display color, a line pattern and a letter,
// so a map printed or photocopied in black and white still says which edge got which dye.
import { colorDistance, isHexColor, relativeLuminance } from './cielab';
import { MIN_INK_TUMOR_DELTA_E, TUMOR_COLOR } from './tumorStyle';

/**
 * How an inked edge is drawn. Each is a different shape, not only a different dash, so
 * every ink reads apart in black and white. Ticks across a band are tumor's (tumorStyle.ts),
 * so no ink uses them.
 */
export type InkPattern = 'solid' | 'dashed' | 'dotted' | 'dash-dot' | 'double' | 'zigzag' | 'crosses';

export interface Ink {
  readonly id: string;
  readonly name: string;
  /** #rrggbb display color, dark enough to read on white paper, never near the tumor red. */
  readonly color: string;
  readonly pattern: InkPattern;
  /** Letter printed beside the inked edge on the map and in the legend. */
  readonly symbol: string;
  /** Why a clinic might avoid this ink, shown where inks are chosen. */
  readonly caution?: string;
}

export const INK_PALETTE_SOURCE =
  'Colors: the seven tissue marking dye colors sold for Mohs (blue, yellow, black, green, ' +
  'red, orange, violet); blue, yellow, black and green the common ones and red hard to see ' +
  'under the microscope, per DOMAIN.md "The procedure" step 4. A distinct map symbol per ' +
  'color, used consistently so a black-and-white copy still reads: dye maker guidance ' +
  '(Davidson marking dye instructions). Letters: first letter of the color, K for black ' +
  '(printing convention) so it differs from B for blue. Display hex values are this ' +
  'app\'s choice, darkened where needed to reach 3:1 contrast on white paper (yellow is dark goldenrod; ' +
  'WCAG 2.1 non-text contrast 1.4.11), and kept at least CIE76 ΔE 25 from the tumor red, so red ink ' +
  'is drawn crimson: true red belongs to tumor (DOMAIN.md step 6).';

/** Paper white against a display color: WCAG 2.1 contrast ratio. */
export const contrastOnWhite = (hex: string): number => 1.05 / (relativeLuminance(hex) + 0.05);

/** Least contrast of an ink line on white paper (WCAG 2.1, 1.4.11 non-text contrast). */
export const MIN_INK_CONTRAST = 3;

export type InkColorCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether a color may be used for an ink: a #rrggbb color that shows on white paper and
 * can never be taken for tumor. The reason is written for the person choosing the color.
 */
export function checkInkColor(color: string): InkColorCheck {
  if (!isHexColor(color)) return { ok: false, reason: `"${color}" is not a color: write it as #rrggbb, for example #1f4fc8.` };
  const contrast = contrastOnWhite(color);
  if (contrast < MIN_INK_CONTRAST) {
    return { ok: false, reason: `${color} is too pale to read on white paper (contrast ${contrast.toFixed(1)}:1, needs ${MIN_INK_CONTRAST}:1): choose a darker shade.` };
  }
  const distance = colorDistance(color, TUMOR_COLOR);
  if (distance < MIN_INK_TUMOR_DELTA_E) {
    return {
      ok: false,
      reason: `${color} is too close to the red that marks tumor (color difference ${distance.toFixed(0)}, needs ${MIN_INK_TUMOR_DELTA_E}): an edge inked with it could be read as a positive margin. Choose another shade.`,
    };
  }
  return { ok: true };
}

/**
 * A palette, checked: every color passes checkInkColor, and ids, names, colors, patterns
 * and letters are each used once. Throws at load, so a bad palette never reaches a map.
 */
export function definePalette(inks: readonly Ink[]): readonly Ink[] {
  for (const ink of inks) {
    const check = checkInkColor(ink.color);
    if (!check.ok) throw new Error(`Ink "${ink.name}": ${check.reason}`);
  }
  for (const key of ['id', 'name', 'color', 'pattern', 'symbol'] as const) {
    const seen = new Set<string>();
    for (const ink of inks) {
      const value = ink[key].toLowerCase();
      if (seen.has(value)) throw new Error(`Ink "${ink.name}": its ${key} "${ink[key]}" is already used by another ink.`);
      seen.add(value);
    }
  }
  return inks;
}

/** In the conventional order inks are offered (keys 1–7 pick them). */
export const INK_PALETTE: readonly Ink[] = definePalette([
  { id: 'blue', name: 'Blue', color: '#1f4fc8', pattern: 'solid', symbol: 'B' },
  { id: 'yellow', name: 'Yellow', color: '#b8860b', pattern: 'dotted', symbol: 'Y' },
  { id: 'black', name: 'Black', color: '#111111', pattern: 'double', symbol: 'K' },
  { id: 'green', name: 'Green', color: '#1b7f3a', pattern: 'dashed', symbol: 'G' },
  {
    id: 'red',
    name: 'Red',
    // Crimson, not the tumor red: ΔE 38 from it (was #c62828, the tumor color itself).
    color: '#ad1457',
    pattern: 'zigzag',
    symbol: 'R',
    caution: 'Red is hard to see under the microscope; prefer another color.',
  },
  { id: 'orange', name: 'Orange', color: '#d9660b', pattern: 'dash-dot', symbol: 'O' },
  { id: 'violet', name: 'Violet', color: '#6a3d9a', pattern: 'crosses', symbol: 'V' },
]);

/** Inks for alternating cut edges, in order of use: the four that read best on slides. */
export const DEFAULT_INK_SEQUENCE: readonly string[] = ['blue', 'yellow', 'black', 'green'];

/** Near-black used for a letter whose ink is too light for small text. */
const LETTER_DARK = '#1d2a36';

/**
 * The color of an ink's letter on the map: the ink's own where it reads as small text on
 * white (4.5:1, WCAG 2.1 1.4.3), else near-black (yellow, orange); the line keeps the color.
 */
export const inkLetterColor = (ink: Ink): string => {
  // Worked out once per colour: the map asks for it on every redraw of a block's inks.
  let letter = letterColors.get(ink.color);
  if (letter === undefined) letterColors.set(ink.color, (letter = contrastOnWhite(ink.color) >= 4.5 ? ink.color : LETTER_DARK));
  return letter;
};
const letterColors = new Map<string, string>();

const INKS_BY_ID: ReadonlyMap<string, Ink> = new Map(INK_PALETTE.map((i) => [i.id, i]));

export function inkById(id: string): Ink | undefined {
  return INKS_BY_ID.get(id);
}
