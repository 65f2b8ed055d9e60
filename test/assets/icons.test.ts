import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICO_SIZES, OUTPUTS, type IconManifest } from '../../assets/build-icons';
import { ICNS_TYPES, pngSize, readIcns, readIco, sha256, writeIcns, writeIco, PNG_SIGNATURE } from '../../assets/iconFormats';

const ASSETS = path.resolve(import.meta.dirname, '../../assets');
const read = (name: string): Buffer => fs.readFileSync(path.join(ASSETS, name));

/** A minimal PNG head (signature + IHDR) of a given size: enough for the container code. */
function fakePng(size: number, extra = 0): Buffer {
  const ihdr = Buffer.alloc(25 + extra);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(size, 8);
  ihdr.writeUInt32BE(size, 12);
  return Buffer.concat([PNG_SIGNATURE, ihdr]);
}

describe('app icon files (assets/)', () => {
  it('are generated from the current icon.svg (run node --import tsx assets/build-icons.ts after editing it)', () => {
    const manifest = JSON.parse(read('icons.json').toString('utf8')) as IconManifest;
    expect(manifest.svgSha256).toBe(sha256(read('icon.svg').toString('utf8')));
    for (const name of Object.values(OUTPUTS)) expect(sha256(read(name)), name).toBe(manifest.files[name]);
  });

  it('PNGs are 512 and 256 px', () => {
    expect(pngSize(read(OUTPUTS.png512))).toEqual({ width: 512, height: 512 });
    expect(pngSize(read(OUTPUTS.png256))).toEqual({ width: 256, height: 256 });
  });

  it('ICO holds a PNG for every size from 16 to 256', () => {
    expect(readIco(read(OUTPUTS.ico)).map((e) => e.size)).toEqual([...ICO_SIZES]);
  });

  it('ICNS holds ic07–ic10 (128–1024 px PNGs)', () => {
    const chunks = readIcns(read(OUTPUTS.icns));
    expect(chunks.map((c) => c.type)).toEqual(['ic07', 'ic08', 'ic09', 'ic10']);
    for (const c of chunks) expect(pngSize(c.png)?.width).toBe(ICNS_TYPES[c.type]);
  });

  it('electron-builder.yml points every platform at them', () => {
    const yml = fs.readFileSync(path.resolve(ASSETS, '../electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^mac:\n(?: .*\n)*? {2}icon: assets\/icon\.icns$/m);
    expect(yml).toMatch(/^win:\n(?: .*\n)*? {2}icon: assets\/icon\.ico$/m);
    expect(yml).toMatch(/^linux:\n(?: .*\n)*? {2}icon: assets\/icon\.png$/m);
  });
});

describe('icon containers', () => {
  it('ICO and ICNS read back what was written', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 256 }), { minLength: 1, maxLength: 8 }), fc.nat(40), (sizes, extra) => {
        const entries = sizes.map((size) => ({ size, png: fakePng(size, extra) }));
        expect(readIco(writeIco(entries))).toEqual(entries);
      }),
    );
    const chunks = [{ type: 'ic07' as const, png: fakePng(128) }, { type: 'ic10' as const, png: fakePng(1024, 9) }];
    expect(readIcns(writeIcns(chunks))).toEqual(chunks);
  });

  it('refuses a PNG of the wrong size and a cut-short file', () => {
    expect(() => writeIco([{ size: 32, png: fakePng(16) }])).toThrow(/32×32/);
    expect(() => writeIcns([{ type: 'ic08', png: fakePng(128) }])).toThrow(/256×256/);
    const ico = writeIco([{ size: 16, png: fakePng(16) }]);
    expect(() => readIco(ico.subarray(0, ico.length - 3))).toThrow(/past the end/);
    const icns = writeIcns([{ type: 'ic07', png: fakePng(128) }]);
    expect(() => readIcns(icns.subarray(0, icns.length - 1))).toThrow(/length/);
  });
});
