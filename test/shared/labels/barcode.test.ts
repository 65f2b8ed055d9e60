import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { BARCODE_OPTIONS, buildPayload, formatPayload, parsePayload, type LabelPayload } from '../../../shared/labels/payload';
import { decodeDataMatrix } from './decodeDataMatrix';

/**
 * The barcode says what the label says: each payload is drawn with bwip-js (the options the
 * app uses, as PNG in Node) and decoded back with an independent reader (ZXing's DataMatrix
 * decoder), so a barcode carrying the wrong text fails here.
 */
async function draw(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({ ...BARCODE_OPTIONS, text, scale: 4, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'FFFFFF' });
}

const BLOCKS: LabelPayload[] = [
  { blockId: '3f2b8c1e-9a4d-4e2b-8f1a-2c3d4e5f6a7b', accession: 'MS26-0412', mrn: 'W-104233', date: '2026-11-27', lesion: 'A', stage: 1, block: '1-1' },
  { blockId: '9c0d5e7a-1b2c-4d3e-8f40-5a6b7c8d9e0f', accession: 'MS26-0412', mrn: 'W-104233', date: '2026-11-27', lesion: 'A', stage: 1, block: '1-4' },
  { blockId: 'map-00017', accession: 'S/2027/000981.B', mrn: '000123/77.B', date: '2027-02-28', lesion: 'AB', stage: 12, block: 'XII-10' },
  { blockId: 'b|1', accession: '', mrn: 'M1', date: '2026-01-01', lesion: 'C', stage: 3, block: '3|C %' },
  { blockId: 'b2', accession: 'Ü-1', mrn: 'M2', date: '2026-01-01', lesion: 'C', stage: 3, block: 'Ü' },
];

describe('label barcodes (bwip-js DataMatrix, decoded with ZXing)', () => {
  it.each(BLOCKS.map((b) => [buildPayload(b), b] as const))('%s decodes to its payload and parses back to its block', async (payload, block) => {
    const decoded = decodeDataMatrix(await draw(payload));
    expect(decoded).toBe(payload);
    expect(parsePayload(decoded)).toEqual({ ok: true, value: { format: 'LM2', ...block } });
  });

  it('an LM1 barcode printed before block ids still decodes and parses', async () => {
    const old = formatPayload('LM1', ['W-104233', '2026-11-27', 'A', '1', '1-2']);
    expect(decodeDataMatrix(await draw(old))).toBe('LM1|W-104233|2026-11-27|A|1|1-2');
    expect(parsePayload(old)).toEqual({ ok: true, value: { format: 'LM1', mrn: 'W-104233', date: '2026-11-27', lesion: 'A', stage: 1, block: '1-2' } });
  });

  it('a barcode made for another block does not pass for this one', async () => {
    const [first, second] = BLOCKS.map(buildPayload) as [string, string];
    const decoded = decodeDataMatrix(await draw(second));
    expect(decoded).not.toBe(first);
    // The check itself is sharp: one character changed in the payload changes what is read.
    const changed = first.replace('1-1', '1-2');
    expect(decodeDataMatrix(await draw(changed))).toBe(changed);
    expect(decodeDataMatrix(await draw(changed))).not.toBe(first);
  });

  it('the SVG the app shows is a different drawing for a different payload, and the same for the same', () => {
    const [a, b] = BLOCKS.map(buildPayload) as [string, string];
    const svg = (text: string) => bwipjs.toSVG({ ...BARCODE_OPTIONS, text });
    expect(svg(a)).toMatch(/^<svg viewBox="0 0 \d+ \d+" xmlns="http:\/\/www.w3.org\/2000\/svg">/);
    expect(svg(a)).not.toMatch(/<script|style=|href/);
    expect(svg(a)).toBe(svg(a));
    expect(svg(a)).not.toBe(svg(b));
  });
});
