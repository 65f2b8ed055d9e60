/**
 * Renders assets/icon.svg in Chromium and writes the files electron-builder uses:
 * icon.png (512), icon-256.png, icon.ico (16–256) and icon.icns (128–1024), plus
 * icons.json, which records the SVG's hash so a test can tell the files are stale.
 *
 *   node --import tsx assets/build-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumForTests } from '../test/setup/chromium';
import { ICNS_TYPES, sha256, writeIcns, writeIco, type IcnsType } from './iconFormats';

const DIR = import.meta.dirname;
export const ICON_SOURCE = path.join(DIR, 'icon.svg');
export const ICON_MANIFEST = path.join(DIR, 'icons.json');
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const OUTPUTS = { png512: 'icon.png', png256: 'icon-256.png', ico: 'icon.ico', icns: 'icon.icns' } as const;

export type IconManifest = { svgSha256: string; files: Record<string, string> };

async function main(): Promise<void> {
  const svg = fs.readFileSync(ICON_SOURCE, 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumForTests(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const sizes = [...new Set([...ICO_SIZES, 512, ...Object.values(ICNS_TYPES)])];
    const png = new Map<number, Buffer>();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      // The SVG scales to the viewport; a transparent page keeps the rounded corners clear.
      await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
      png.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    const at = (size: number): Buffer => png.get(size) ?? Buffer.alloc(0);
    const files: Record<string, Buffer> = {
      [OUTPUTS.png512]: at(512),
      [OUTPUTS.png256]: at(256),
      [OUTPUTS.ico]: writeIco(ICO_SIZES.map((size) => ({ size, png: at(size) }))),
      [OUTPUTS.icns]: writeIcns((Object.keys(ICNS_TYPES) as IcnsType[]).map((type) => ({ type, png: at(ICNS_TYPES[type]) }))),
    };
    for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(DIR, name), bytes);
    const manifest: IconManifest = {
      svgSha256: sha256(svg),
      files: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, sha256(bytes)])),
    };
    fs.writeFileSync(ICON_MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
    console.log(`icons written from icon.svg (${manifest.svgSha256.slice(0, 12)}…)`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
