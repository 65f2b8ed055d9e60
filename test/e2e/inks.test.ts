import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { seedInkedLesion } from './inksFixture';
import { readPdf } from './pdf';

/**
 * Inks and tumor on the printed sheet, read the way a black-and-white copy reads them: the
 * legend swatches are photographed in Chromium, turned to gray and compared pairwise, and
 * the ink letters are measured at print size and checked against the lines' ends.
 */
const e2e = useHostAndChromium('inks');
let lesionId: string;
beforeAll(async () => {
  ({ lesionId } = await seedInkedLesion(e2e.host));
});

/** Device pixels per CSS pixel: about 384 dpi, fine enough to see each pattern's shape. */
const SCALE = 4;

/** The sheet as printed: print media, at SCALE. */
async function openSheet(): Promise<{ page: Page; errors: string[] }> {
  const page = await e2e.browser.newPage({ viewport: { width: 1100, height: 1000 }, deviceScaleFactor: SCALE });
  const errors = watchForPageErrors(page);
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${e2e.host.url}#/print/lesion/${lesionId}/letter`);
  await page.getByTestId('map-sheet').waitFor();
  return { page, errors };
}

/** Gray level 0..255 of each pixel: Rec. 709 luma, what a grayscale print or copy keeps. */
type Gray = { readonly width: number; readonly height: number; readonly gray: Float64Array };

function grayPixels(png: Buffer): Gray {
  const img = PNG.sync.read(png);
  const gray = new Float64Array(img.width * img.height);
  for (let i = 0; i < gray.length; i++) {
    const a = img.data[4 * i + 3]! / 255; // over white paper
    const c = (k: number) => img.data[4 * i + k]! * a + 255 * (1 - a);
    gray[i] = 0.2126 * c(0) + 0.7152 * c(1) + 0.0722 * c(2);
  }
  return { width: img.width, height: img.height, gray };
}

/** A gray step a copy keeps: an eighth of the scale. */
const VISIBLE_STEP = 32;

/**
 * How differently two swatches print in gray: the share of the pixels either one marks (not
 * paper white) whose gray differs by at least VISIBLE_STEP. Two swatches of the same gray and
 * the same pattern give 0, whatever their hue; a different tone or a different shape gives a
 * large share.
 */
function grayDifference(a: Gray, b: Gray): number {
  let differ = 0;
  let marked = 0;
  for (let y = 0; y < Math.min(a.height, b.height); y++) {
    for (let x = 0; x < Math.min(a.width, b.width); x++) {
      const p = a.gray[y * a.width + x]!;
      const q = b.gray[y * b.width + x]!;
      if (p > 250 && q > 250) continue;
      marked++;
      if (Math.abs(p - q) >= VISIBLE_STEP) differ++;
    }
  }
  return marked ? differ / marked : 0;
}

describe('inks and tumor on the printed sheet, in black and white', () => {
  it('gives every legend swatch (inks, tumor, edges, fills, earlier stage) its own look in gray', async () => {
    const { page, errors } = await openSheet();
    const swatches = page.locator('.sheet-legend [data-swatch]');
    const names = await swatches.evaluateAll((els) => els.map((e) => e.getAttribute('data-swatch') ?? ''));
    // All seven inks are on this lesion, and every finding and fill kind.
    expect(names).toEqual([
      'ink-blue',
      'ink-yellow',
      'ink-black',
      'ink-green',
      'ink-red',
      'ink-orange',
      'ink-violet',
      'tumor-peripheral',
      'tumor-deep',
      'incomplete',
      'positive',
      'clear',
      'not-evaluable',
      'pending',
      'earlier',
    ]);
    const images = [];
    for (let i = 0; i < names.length; i++) images.push(grayPixels(await swatches.nth(i).screenshot()));
    // Same size in mm; element shots are whole CSS pixels, so one more where a swatch falls between.
    for (const g of images) {
      expect(Math.abs(g.width - images[0]!.width)).toBeLessThanOrEqual(SCALE);
      expect(Math.abs(g.height - images[0]!.height)).toBeLessThanOrEqual(SCALE);
    }

    const alike: string[] = [];
    const table: string[] = [];
    for (let i = 0; i < names.length; i++) {
      // A swatch compared with itself differs nowhere: the measure does see sameness.
      expect(grayDifference(images[i]!, images[i]!)).toBe(0);
      for (let j = i + 1; j < names.length; j++) {
        const d = grayDifference(images[i]!, images[j]!);
        table.push(`${(100 * d).toFixed(0).padStart(3)}% ${names[i]} / ${names[j]}`);
        // At least a fifth of the marked area visibly different in gray.
        if (d < 0.2) alike.push(`${names[i]} / ${names[j]} (${(100 * d).toFixed(0)}%)`);
      }
    }
    console.log(`Share of marked pixels differing in gray, least first:\n${table.sort().slice(0, 12).join('\n')}`);
    expect(alike, 'swatches that print alike in gray').toEqual([]);

    // For the eye: the map in color, then the whole sheet as a grayscale copy would show it.
    await page.locator('.sheet-map').first().screenshot({ path: screenshotPath('inks-stage1-color') });
    await page.evaluate(() => {
      document.documentElement.style.filter = 'grayscale(1)';
    });
    await page.locator('.sheet-legend').screenshot({ path: screenshotPath('inks-legend-gray') });
    await page.locator('.sheet-map').first().screenshot({ path: screenshotPath('inks-stage1-gray') });
    await page.setViewportSize({ width: 1100, height: 1000 });
    await page.screenshot({ path: screenshotPath('inks-sheet-gray'), fullPage: true, scale: 'css' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints ink letters at least 7 pt, at the middle of their stretch, never on a line end, above the lines', async () => {
    const { page, errors } = await openSheet();
    const letters = await page.locator('.sheet-map').first().evaluate((figure) => {
      const svg = figure.querySelector('svg')!;
      const mmPerPx = 25.4 / 96;
      // Every corner of every block: where cut lines and edges end and meet.
      const corners = [...svg.querySelectorAll('path[data-status]')].flatMap((p) =>
        [...(p.getAttribute('d') ?? '').matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
      );
      const inkLines = [...svg.querySelectorAll('.ink-mark')];
      return [...svg.querySelectorAll<SVGTextElement>('text.ink-letter')].map((t) => {
        const box = t.getBBox();
        const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        const halfDiagonal = Math.hypot(box.width, box.height) / 2;
        const nearest = Math.min(...corners.map((c) => Math.hypot(c.x - centre.x, c.y - centre.y)));
        const scale = t.getScreenCTM()!.a; // CSS px per map unit
        return {
          ink: t.dataset.ink,
          text: t.textContent,
          fontMm: Number(t.getAttribute('font-size')) * scale * mmPerPx,
          clearOfCorners: nearest / halfDiagonal,
          haloMm: Number(t.getAttribute('stroke-width')) * scale * mmPerPx,
          afterLines: inkLines.every((l) => (l.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0),
        };
      });
    });
    // 6 radial blocks × 2 cut edges, plus red, orange and violet on peripheral edges.
    expect(letters).toHaveLength(15);
    for (const l of letters) {
      expect(l.fontMm, `${l.ink}`).toBeGreaterThanOrEqual((7 * 25.4) / 72 - 0.01); // 7 pt = 2.47 mm
      expect(l.haloMm, `${l.ink}`).toBeGreaterThanOrEqual(0.5);
      expect(l.clearOfCorners, `${l.ink} letter ${l.text} sits on a line end`).toBeGreaterThan(1);
      expect(l.afterLines).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws red ink in its own crimson and zigzag, and tumor on the same edge in tumor red with ticks, apart', async () => {
    const { page, errors } = await openSheet();
    const svg = page.locator('.sheet-map').first().locator('svg');
    const red = await svg.locator('.ink-mark[data-ink="red"] path').evaluateAll((ps) => ps.map((p) => ({ stroke: p.getAttribute('stroke'), dash: p.getAttribute('stroke-dasharray') })));
    expect(red.length).toBe(1);
    expect(red[0]!.stroke).toBe('#ad1457');
    expect(red[0]!.dash).toBeNull(); // a zigzag path, not a dashed line
    const tumor = await svg.locator('.tumor-peripheral path').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
    expect(tumor).toEqual(['#c62828', '#c62828']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps clear and positive blocks apart in gray on the printed PDF, and names every pattern', async () => {
    const { page, errors } = await openSheet();
    const file = path.join(e2e.dir, 'inks-sheet.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    expect(errors).toEqual([]);
    await page.close();
    const pdf = await readPdf(e2e.browser, file);
    const text = pdf.text();
    for (const expected of ['Red ink — letter R, zigzag', 'Violet ink — letter V, line with crosses', 'red band with ticks', 'Positive block', 'Clear block', 'Earlier stage']) {
      expect(text, expected).toContain(expected);
    }
    const png = await pdf.render(1, 150);
    await pdf.close();
    const { width, height, gray } = grayPixels(png);
    // Both block tones are on the printed page, each well away from the other (≈176 and ≈219).
    const near = (g: number) => gray.filter((v) => Math.abs(v - g) <= 6).length;
    expect(near(176), 'positive fill').toBeGreaterThan(2000);
    expect(near(219), 'clear fill').toBeGreaterThan(2000);
    // The printed page in gray, to be looked at.
    const out = new PNG({ width, height });
    gray.forEach((v, i) => {
      out.data.fill(Math.round(v), 4 * i, 4 * i + 3);
      out.data[4 * i + 3] = 255;
    });
    fs.writeFileSync(screenshotPath('inks-pdf-page1-gray'), PNG.sync.write(out));
  });

  it('shows the same pattern swatches in the editor legend, and the same letters on the canvas', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1100 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    const legend = page.locator('.legend');
    await legend.waitFor();
    // The lesion page opens on its latest stage (2, not inked yet); stage 1 has every ink.
    // The map's keys act while it has the focus (key scopes).
    await page.getByTestId('map-canvas').focus();
    await page.keyboard.press('[');
    await expect.poll(() => legend.locator('[data-swatch]').evaluateAll((els) => els.map((e) => e.getAttribute('data-swatch')))).toEqual([
      'ink-blue',
      'ink-yellow',
      'ink-black',
      'ink-green',
      'ink-red',
      'ink-orange',
      'ink-violet',
      'tumor-peripheral',
      'incomplete',
    ]);
    await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));
    await page.getByTestId('map-canvas').screenshot({ path: screenshotPath('inks-canvas') });
    await legend.screenshot({ path: screenshotPath('inks-editor-legend') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
