/**
 * The printed page frame of a map sheet: paper size, margins, and what every page repeats
 * (patient, MRN, date of service, "Page N of M"), as CSS paged-media margin boxes. Chromium
 * draws @page margin boxes since version 131 (Electron 34 and later, and the tests'
 * Chromium), in print and in printToPDF/page.pdf alike, and counts pages itself, so a long
 * block table that breaks across pages still gets the header on each.
 */

/** A CSS string literal: quotes, backslashes and control characters escaped. */
export function cssString(text: string): string {
  // Control characters are exactly what this must find, to escape them.
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

export interface PageFrame {
  readonly paper: 'letter' | 'a4';
  readonly patientName: string;
  readonly mrn: string;
  readonly dateOfService: string;
  /** What the document is, at the foot of each page; a map sheet unless told (the chart export: sheet and operative note). */
  readonly document?: string;
}

// The bundled print font (styles/fonts.css), as on the sheet itself.
const BOX = "font-family: 'Noto Sans', sans-serif; font-size: 8pt; color: #222;";

/** The body of the sheet's @page rule (see usePrintPage). */
export function pageRule(f: PageFrame): string {
  const header = `${f.patientName} · MRN ${f.mrn} · Date of service ${f.dateOfService}`;
  return [
    `size: ${f.paper === 'a4' ? 'A4' : 'letter'} portrait;`,
    'margin: 16mm 12mm 14mm;',
    `@top-left { content: ${cssString(header)}; ${BOX} vertical-align: bottom; padding-bottom: 2mm; }`,
    `@top-right { content: 'Page ' counter(page) ' of ' counter(pages); ${BOX} vertical-align: bottom; padding-bottom: 2mm; white-space: nowrap; }`,
    `@bottom-left { content: ${cssString(`Layermap ${f.document ?? 'map sheet'}`)}; ${BOX} color: #555; }`,
  ].join(' ');
}
