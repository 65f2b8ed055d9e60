import type { View } from './view';

/**
 * How the map shows its scale: a millimetre grid whose step follows the zoom, numbers on the
 * grid in mm from the lesion centre, and a scale bar. Steps are the ones a ruler reads
 * (1, 2, 5, 10, 20 mm), so a surgeon can count squares against the specimen.
 */
export const GRID_STEPS_MM = [1, 2, 5, 10, 20] as const;
/** Grid lines closer than this on screen are noise, not a scale. */
export const MIN_GRID_PX = 24;
/**
 * Numbers on the grid need room for "-120" and must not crowd the drawing: at least this many
 * pixels apart. Not more: the map is about 400 px tall on a 768-px screen, and a scale read off
 * one or two numbers is no scale.
 */
export const MIN_LABEL_PX = 48;
const LABEL_STEPS_MM = [1, 2, 4, 5, 10, 20, 40, 50, 100, 200] as const;
const BAR_LENGTHS_MM = [1, 2, 5, 10, 20, 50, 100] as const;

/** The finest grid step whose lines are at least MIN_GRID_PX apart (20 mm when even that is closer). */
export function gridStepMm(scale: number): number {
  return GRID_STEPS_MM.find((s) => s * scale >= MIN_GRID_PX) ?? 20;
}

/** Every how many mm a grid line carries its number: a multiple of the grid step, at least MIN_LABEL_PX apart. */
export function gridLabelStepMm(scale: number): number {
  const step = gridStepMm(scale);
  return LABEL_STEPS_MM.find((s) => s % step === 0 && s * scale >= MIN_LABEL_PX) ?? 200;
}

/** The scale bar: the longest round length that fits in `maxPx`, and its length on screen (mm × scale). */
export function scaleBar(scale: number, maxPx = 140): { readonly mm: number; readonly px: number; readonly label: string } {
  const fits = BAR_LENGTHS_MM.filter((mm) => mm * scale <= maxPx);
  const mm = fits[fits.length - 1] ?? BAR_LENGTHS_MM[0];
  return { mm, px: mm * scale, label: `${mm} mm` };
}

export interface GridLine {
  /** Millimetres from the lesion centre: x for a vertical line, y (toward 12 o'clock) for a horizontal one. */
  readonly mm: number;
  /** Where the line is on screen: x for a vertical line, y for a horizontal one. */
  readonly px: number;
  /** Lines that carry a number are drawn stronger. */
  readonly labelled: boolean;
}

/** The grid lines visible in a `width` × `height` canvas, each way. */
export function gridLines(view: View, width: number, height: number): { readonly vertical: GridLine[]; readonly horizontal: GridLine[] } {
  const step = gridStepMm(view.scale);
  const every = gridLabelStepMm(view.scale);
  const line = (k: number, px: number): GridLine => {
    const mm = k * step;
    return { mm, px, labelled: mm % every === 0 };
  };
  const vertical: GridLine[] = [];
  for (let k = Math.ceil(-view.ox / view.scale / step); (k * step) * view.scale + view.ox <= width; k++) vertical.push(line(k, view.ox + k * step * view.scale));
  const horizontal: GridLine[] = [];
  for (let k = Math.floor(view.oy / view.scale / step); view.oy - k * step * view.scale <= height; k--) horizontal.push(line(k, view.oy - k * step * view.scale));
  return { vertical, horizontal };
}

/** A grid number: whole millimetres, with the sign (12 o'clock is +y, 3 o'clock +x). */
export const gridLabel = (mm: number): string => String(Math.round(mm) || 0);
