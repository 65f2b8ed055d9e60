import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

/**
 * Reads a printed PDF back the way a person would look at it: its pages' sizes, the text on
 * each page, and each page as a picture. pdf.js does the reading, inside the tests' Chromium,
 * so the tests need nothing outside npm but that browser (pdfjs-dist 6 needs Node 22, but in
 * the browser any version runs). Its files are served to the page from node_modules by
 * Playwright's request routing: no server, no network.
 */
const ORIGIN = 'http://pdfjs.invalid';
const PDFJS_ROOT = path.resolve(import.meta.dirname, '../../node_modules/pdfjs-dist');

export interface PdfPage {
  /** The page box in PostScript points (1/72 in): Letter is 612 × 792. */
  readonly widthPt: number;
  readonly heightPt: number;
  /** The page's text, one line per printed line, top to bottom; runs apart on a line are spaced. */
  readonly text: string;
}

export interface PrintedPdf {
  readonly pages: readonly PdfPage[];
  /** The text of one page (1-based), or of every page. */
  text(pageNo?: number): string;
  /** A page (1-based) as a PNG at `dpi` dots per inch, white paper behind it. */
  render(pageNo: number, dpi: number): Promise<Buffer>;
  close(): Promise<void>;
}

interface TextRun {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Runs on one baseline (within a third of the text height) make a line; lines go top down. */
export function layoutText(runs: readonly TextRun[]): string {
  const lines: TextRun[][] = [];
  for (const run of [...runs].filter((r) => r.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs((l[0] as TextRun).y - run.y) <= Math.max(1, run.height / 3));
    if (line) line.push(run);
    else lines.push([run]);
  }
  return lines
    .map((line) =>
      line
        .sort((a, b) => a.x - b.x)
        .reduce((text, run, i) => {
          const before = line[i - 1];
          // A gap wider than a thin space between runs is a space in the text.
          const gap = before ? run.x - (before.x + before.width) : 0;
          return text + (i > 0 && gap > Math.max(1, run.height * 0.15) && !text.endsWith(' ') ? ' ' : '') + run.str;
        }, ''),
    )
    .join('\n');
}

async function pdfjsPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, async (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname);
    if (rel === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>pdf</title>' });
    const file = path.join(PDFJS_ROOT, rel);
    if (!file.startsWith(PDFJS_ROOT + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = file.endsWith('.mjs') || file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
    return route.fulfill({ contentType: type, body: fs.readFileSync(file) });
  });
  await page.goto(`${ORIGIN}/`);
  await page.addScriptTag({
    type: 'module',
    content: `
      import * as pdfjs from '${ORIGIN}/build/pdf.min.mjs';
      pdfjs.GlobalWorkerOptions.workerSrc = '${ORIGIN}/build/pdf.worker.min.mjs';
      window.pdfjsLib = pdfjs;`,
  });
  await page.waitForFunction(() => 'pdfjsLib' in window);
  return page;
}

/** Opens a PDF file in pdf.js inside `browser` and reads every page's size and text. */
export async function readPdf(browser: Browser, file: string): Promise<PrintedPdf> {
  const page = await pdfjsPage(browser);
  const base64 = fs.readFileSync(file).toString('base64');
  const pages = await page.evaluate(
    async ({ base64, origin }) => {
      // pdf.js's API, as far as these tests use it.
      type Lib = {
        getDocument(src: object): { promise: Promise<Doc> };
      };
      type Doc = { numPages: number; getPage(n: number): Promise<PdfJsPage> };
      type PdfJsPage = {
        getViewport(o: { scale: number }): { width: number; height: number };
        getTextContent(): Promise<{ items: { str?: string; transform: number[]; width: number; height: number }[] }>;
        render(o: object): { promise: Promise<void> };
      };
      const lib = (window as unknown as { pdfjsLib: Lib }).pdfjsLib;
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const doc = await lib.getDocument({ data, standardFontDataUrl: `${origin}/standard_fonts/`, cMapUrl: `${origin}/cmaps/`, cMapPacked: true })
        .promise;
      (window as unknown as { pdfDoc: Doc }).pdfDoc = doc;
      const out = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const p = await doc.getPage(n);
        const { width, height } = p.getViewport({ scale: 1 });
        const content = await p.getTextContent();
        const runs = content.items
          .filter((i) => typeof i.str === 'string')
          .map((i) => ({ str: i.str as string, x: i.transform[4] ?? 0, y: i.transform[5] ?? 0, width: i.width, height: i.height }));
        out.push({ widthPt: width, heightPt: height, runs });
      }
      return out;
    },
    { base64, origin: ORIGIN },
  );
  const read: PdfPage[] = pages.map((p) => ({ widthPt: p.widthPt, heightPt: p.heightPt, text: layoutText(p.runs) }));
  return {
    pages: read,
    text: (pageNo) => (pageNo === undefined ? read.map((p) => p.text).join('\n\f\n') : pageAt(read, pageNo).text),
    render: async (pageNo, dpi) => {
      pageAt(read, pageNo);
      const dataUrl = await page.evaluate(
        async ({ pageNo, scale }) => {
          type Doc = { getPage(n: number): Promise<{ getViewport(o: { scale: number }): { width: number; height: number }; render(o: object): { promise: Promise<void> } }> };
          const doc = (window as unknown as { pdfDoc: Doc }).pdfDoc;
          const p = await doc.getPage(pageNo);
          const viewport = p.getViewport({ scale });
          const canvas = document.createElement('canvas');
          canvas.width = Math.round(viewport.width);
          canvas.height = Math.round(viewport.height);
          const context = canvas.getContext('2d') as CanvasRenderingContext2D;
          context.fillStyle = '#ffffff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          await p.render({ canvas, canvasContext: context, viewport }).promise;
          return canvas.toDataURL('image/png');
        },
        { pageNo, scale: dpi / 72 },
      );
      return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    },
    close: () => page.close(),
  };
}

function pageAt(pages: readonly PdfPage[], pageNo: number): PdfPage {
  const p = pages[pageNo - 1];
  if (!p) throw new Error(`The PDF has ${pages.length} pages; there is no page ${pageNo}.`);
  return p;
}
