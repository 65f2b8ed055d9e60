import { PAPER_MM, type LabelRollSettings, type LabelSheetSettings } from '../records/settings';

/** Where labels go on paper, in millimetres: the page and the top-left corner of the grid. */
export interface LabelPageGeometry {
  readonly pageWidthMm: number;
  readonly pageHeightMm: number;
  readonly labelWidthMm: number;
  readonly labelHeightMm: number;
  readonly columns: number;
  readonly rows: number;
  readonly columnGapMm: number;
  readonly rowGapMm: number;
  readonly marginLeftMm: number;
  readonly marginTopMm: number;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** A label sheet: the grid centred on Letter or A4 paper, as label makers lay them out. */
export function sheetGeometry(sheet: LabelSheetSettings): LabelPageGeometry {
  const paper = PAPER_MM[sheet.paper];
  const across = sheet.columns * sheet.widthMm + (sheet.columns - 1) * sheet.columnGapMm;
  const down = sheet.rows * sheet.heightMm + (sheet.rows - 1) * sheet.rowGapMm;
  return {
    pageWidthMm: paper.widthMm,
    pageHeightMm: paper.heightMm,
    labelWidthMm: sheet.widthMm,
    labelHeightMm: sheet.heightMm,
    columns: sheet.columns,
    rows: sheet.rows,
    columnGapMm: sheet.columnGapMm,
    rowGapMm: sheet.rowGapMm,
    marginLeftMm: round(Math.max(0, (paper.widthMm - across) / 2)),
    marginTopMm: round(Math.max(0, (paper.heightMm - down) / 2)),
  };
}

/** A roll: each label is a page of its own, the page the size of the label. */
export function rollGeometry(roll: LabelRollSettings): LabelPageGeometry {
  return {
    pageWidthMm: roll.widthMm,
    pageHeightMm: roll.heightMm,
    labelWidthMm: roll.widthMm,
    labelHeightMm: roll.heightMm,
    columns: 1,
    rows: 1,
    columnGapMm: 0,
    rowGapMm: 0,
    marginLeftMm: 0,
    marginTopMm: 0,
  };
}

/**
 * Labels into pages of `perPage` places. `skip` places at the start of the first page are
 * left empty (null), so a part-used sheet can go through the printer again; `copies` prints
 * each label that many times in a row (a cassette and its slides).
 */
export function paginate<T>(items: readonly T[], perPage: number, options: { readonly skip?: number; readonly copies?: number } = {}): (T | null)[][] {
  const size = Math.max(1, Math.floor(perPage));
  const skip = Math.min(Math.max(0, Math.floor(options.skip ?? 0)), size - 1);
  const copies = Math.max(1, Math.floor(options.copies ?? 1));
  const places: (T | null)[] = [...Array<null>(skip).fill(null), ...items.flatMap((item) => Array<T>(copies).fill(item))];
  const pages: (T | null)[][] = [];
  for (let i = 0; i < places.length; i += size) pages.push(places.slice(i, i + size));
  return pages;
}
