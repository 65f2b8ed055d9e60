import { usePrintPage } from '../../lib/usePrintPage';

/** No margin boxes: a label has no room for the map sheet's page footer. */
const NO_MARGIN_BOXES = ['top-left', 'top-center', 'top-right', 'bottom-left', 'bottom-center', 'bottom-right']
  .map((b) => `@${b} { content: none; }`)
  .join(' ');

/** The label page's paper: the sheet or roll size from the clinic's settings, no margins. */
export function usePageRule(widthMm: number, heightMm: number): void {
  usePrintPage(`size: ${widthMm}mm ${heightMm}mm; margin: 0; ${NO_MARGIN_BOXES}`, 'printing-labels');
}
