// Tissue marking dyes. Each ink has a name, a display color, a line pattern and a letter,
// so a map printed or photocopied in black and white still says which edge got which dye.

export type InkPattern =
  | 'solid'
  | 'dashed'
  | 'dotted'
  | 'dash-dot'
  | 'double'
  | 'zigzag'
  | 'ticks'
  | 'crosses';

export interface Ink {
  readonly id: string;
  readonly name: string;
  /** #rrggbb display color, dark enough to read on white paper. */
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
  'app\'s choice, darkened where needed to reach 3:1 contrast on white paper (yellow is dark goldenrod).';

/** In the conventional order inks are offered. 'ticks' is left free for a clinic-added ink. */
export const INK_PALETTE: readonly Ink[] = [
  { id: 'blue', name: 'Blue', color: '#1f4fc8', pattern: 'solid', symbol: 'B' },
  { id: 'yellow', name: 'Yellow', color: '#b8860b', pattern: 'dotted', symbol: 'Y' },
  { id: 'black', name: 'Black', color: '#111111', pattern: 'double', symbol: 'K' },
  { id: 'green', name: 'Green', color: '#1b7f3a', pattern: 'dashed', symbol: 'G' },
  {
    id: 'red',
    name: 'Red',
    color: '#c62828',
    pattern: 'zigzag',
    symbol: 'R',
    caution: 'Red is hard to see under the microscope; prefer another color.',
  },
  { id: 'orange', name: 'Orange', color: '#d9660b', pattern: 'dash-dot', symbol: 'O' },
  { id: 'violet', name: 'Violet', color: '#6a3d9a', pattern: 'crosses', symbol: 'V' },
];

/** Inks for alternating cut edges, in order of use: the four that read best on slides. */
export const DEFAULT_INK_SEQUENCE: readonly string[] = ['blue', 'yellow', 'black', 'green'];

const INKS_BY_ID: ReadonlyMap<string, Ink> = new Map(INK_PALETTE.map((i) => [i.id, i]));

export function inkById(id: string): Ink | undefined {
  return INKS_BY_ID.get(id);
}
