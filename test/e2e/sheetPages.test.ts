import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lesionFields } from '../../shared/records';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { E2E_PASSWORD, hostCall } from './hostApi';
import { readPdf } from './pdf';
import { seedPrintedCase } from './sheetFixture';

/**
 * The sheet's page frame, printed by Chromium on Letter and A4 and read back with pdf.js:
 * every page repeats the patient, MRN, date of service and "Page N of M"; nothing drawn runs
 * into the side margins or off the paper (measured on the DOM in print emulation at the
 * printable width, and on every rendered page); the lesion facts say "not chosen" for a
 * 12 o'clock nobody chose, print the outcome, and a patient change after signing is an addendum.
 */
const e2e = useHostAndChromium('sheet-pages');
let caseId: string;
// A long double-barrelled family name: one unbreakable word wider than a header column.
const FAMILY = 'Wolfeschlegelsteinhausenbergerdorff-Lindqvist';
const NAME = `${FAMILY}, Astrid Maria`;
const HEADER = `${NAME} · MRN RD-55821 · Date of service 2026-11-20`;
const REASON = 'Patient became hypotensive after stage 1; surgery stopped and the wound dressed, to be reviewed by the referring dermatologist.';

beforeAll(async () => {
  const { host } = e2e;
  const seeded = await seedPrintedCase(host);
  caseId = seeded.caseId;
  // Lesion A: 12 o'clock chosen, cleared. Lesion B: a long diagnosis and site detail, no direction, stopped.
  let { lesion: a } = await hostCall(host, 'lesions.get', { id: seeded.lesionA });
  a = await hostCall(host, 'lesions.setMapFacts', { id: a.id, version: a.version, twelveOClock: 'medial', finalDefect: { lengthMm: 24, widthMm: 18, source: 'measured' } });
  await hostCall(host, 'lesions.setOutcome', { id: a.id, version: a.version, outcome: { kind: 'cleared' } });
  let { lesion: b } = await hostCall(host, 'lesions.get', { id: seeded.lesionB });
  b = await hostCall(host, 'lesions.update', {
    id: b.id,
    version: b.version,
    ...lesionFields.parse(b),
    tumorTypeId: 'dfsp',
    siteDetail: 'over the inferior angle of the scapula, 4 cm lateral to the spinous processes, in an old scar',
  });
  await hostCall(host, 'lesions.setOutcome', { id: b.id, version: b.version, outcome: { kind: 'stopped', reason: REASON } });
  const detail = await hostCall(host, 'cases.get', { id: caseId });
  await hostCall(host, 'cases.sign', { id: caseId, version: detail.case.version, password: E2E_PASSWORD });
  // After signing, the patient's name is corrected: allowed, and added to the sheet as an addendum.
  const p = detail.patient;
  await hostCall(host, 'patients.update', { id: p.id, version: p.version, familyName: FAMILY, givenName: 'Astrid Maria', mrn: p.mrn, dateOfBirth: p.dateOfBirth, sex: p.sex });
});

const PAPER = {
  letter: { widthPt: 612, heightPt: 792 },
  a4: { widthPt: 595.28, heightPt: 841.89 },
} as const;
const MARGIN_MM = 12;
const PX_PER_MM = 96 / 25.4;

describe('the printed page frame', () => {
  it.each(['letter', 'a4'] as const)('repeats patient, MRN, date of service and page N of M on every %s page, and keeps everything inside the page', async (paper) => {
    const { widthPt, heightPt } = PAPER[paper];
    const printableWidthPx = Math.floor((widthPt / 72) * 96 - 2 * MARGIN_MM * PX_PER_MM);
    const page = await e2e.browser.newPage({ viewport: { width: printableWidthPx, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/print/case/${caseId}/${paper}`);
    await page.getByTestId('map-sheet').waitFor();

    // The DOM as printed, laid out at the printable width, and 10% narrower (the system print
    // dialog may add margins): nothing reaches past its right edge; the maps shrink to fit.
    await page.emulateMedia({ media: 'print' });
    for (const width of [printableWidthPx, Math.floor(printableWidthPx * 0.9)]) {
      await page.setViewportSize({ width, height: 1000 });
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const sheet = document.querySelector('[data-testid="map-sheet"]') as HTMLElement;
        const beyond = [...sheet.querySelectorAll('*')]
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && (r.right > width + 0.5 || r.left < -0.5))
          .map(({ el, r }) => `${el.tagName}.${el.getAttribute('class') ?? ''} ${Math.round(r.left)}–${Math.round(r.right)}`);
        return { width, scrollWidth: document.documentElement.scrollWidth, beyond };
      });
      expect(overflow.beyond, `wider than ${overflow.width}px`).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.width);
    }
    await page.setViewportSize({ width: printableWidthPx, height: 1000 });
    // Back to the browser's own choice: page.pdf() then prints with the print styles, as Electron does.
    await page.emulateMedia({ media: null });

    const file = path.join(e2e.dir, `frame-${paper}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    expect(errors).toEqual([]);
    await page.close();

    const pdf = await readPdf(e2e.browser, file);
    const pages = pdf.pages.length;
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let n = 1; n <= pages; n++) {
      const text = pdf.text(n);
      expect(text, `page ${n}`).toContain(HEADER);
      expect(text, `page ${n}`).toContain(`Page ${n} of ${pages}`);
      const p = pdf.pages[n - 1]!;
      expect(Math.abs(p.widthPt - widthPt)).toBeLessThan(1);
      expect(Math.abs(p.heightPt - heightPt)).toBeLessThan(1);
      // Drawn content stays inside the page box: the side margins are blank paper, top to bottom.
      const png = await pdf.render(n, 72);
      const { data, width, height } = PNG.sync.read(png);
      const strip = Math.floor(((MARGIN_MM - 1) / 25.4) * 72);
      let inked = 0;
      for (let y = 0; y < height; y++) {
        for (const x0 of [0, width - strip]) {
          for (let x = x0; x < x0 + strip; x++) {
            const i = (y * width + x) * 4;
            if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) inked++;
          }
        }
      }
      expect(inked, `inked pixels in the side margins of page ${n}`).toBe(0);
      if (n <= 3) fs.writeFileSync(screenshotPath(`sheet-frame-${paper}-${n}`), png);
    }

    const all = pdf.text().replace(/\s+/g, ' ');
    // The screen's controls and the app's top bar are not printed.
    expect(all).not.toMatch(/Lab worklist|Print…|Switch user/);
    expect(all).toContain("12 O'CLOCK POINTS");
    expect(all).toMatch(/Medial/);
    expect(all).toContain('not chosen');
    expect(all).toContain('Cleared');
    expect(all).toContain('Stopped (abandoned): Patient became hypotensive after stage 1');
    // Wrapped in its column, whole words only.
    expect(all).toMatch(/Dermatofibrosarcoma (.* )?protuberans \(DFSP\)/);
    expect(all).toContain(`Patient record changed after signing: family name "Lindqvist" → "${FAMILY}"; given name "Astrid" → "Astrid Maria".`);
    expect(all).toContain('Lesion B was stopped before its margins were clear');
    await pdf.close();
  });
});
