import { createHash } from 'node:crypto';

/**
 * The icon containers electron-builder takes, written and read here so no image tool is
 * needed: ICO (Windows) is a 6-byte header, a 16-byte directory entry per image, then the
 * PNGs; ICNS (macOS) is an 'icns' header and typed chunks, each a PNG.
 */

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function mustBePng(png: Buffer, size: number): void {
  const s = pngSize(png);
  if (!s || s.width !== size || s.height !== size) throw new Error(`expected a ${size}×${size} PNG`);
}

export type IcoEntry = { size: number; png: Buffer };

export function writeIco(entries: readonly IcoEntry[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(entries.length, 4);
  const directory = Buffer.alloc(16 * entries.length);
  let offset = header.length + directory.length;
  entries.forEach((e, i) => {
    mustBePng(e.png, e.size);
    if (e.size < 1 || e.size > 256) throw new Error(`an ICO image is 1–256 px, not ${e.size}`);
    const at = i * 16;
    directory.writeUInt8(e.size === 256 ? 0 : e.size, at); // 0 means 256
    directory.writeUInt8(e.size === 256 ? 0 : e.size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3);
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(e.png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += e.png.length;
  });
  return Buffer.concat([header, directory, ...entries.map((e) => e.png)]);
}

/** The images of an ICO file; throws on anything malformed. */
export function readIco(ico: Buffer): IcoEntry[] {
  if (ico.length < 6 || ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = ico.readUInt16LE(4);
  if (ico.length < 6 + 16 * count) throw new Error('ICO directory is cut short');
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + i * 16;
    const size = ico.readUInt8(at) || 256;
    const length = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    if (offset + length > ico.length) throw new Error(`ICO image ${i + 1} runs past the end of the file`);
    const png = ico.subarray(offset, offset + length);
    mustBePng(png, size);
    return { size, png };
  });
}

/** ICNS chunk types that hold a PNG, by the pixel size each one holds. */
export const ICNS_TYPES = { ic07: 128, ic08: 256, ic09: 512, ic10: 1024 } as const;
export type IcnsType = keyof typeof ICNS_TYPES;
export type IcnsChunk = { type: IcnsType; png: Buffer };

export function writeIcns(chunks: readonly IcnsChunk[]): Buffer {
  const parts = chunks.map((c) => {
    mustBePng(c.png, ICNS_TYPES[c.type]);
    const head = Buffer.alloc(8);
    head.write(c.type, 0, 'latin1');
    head.writeUInt32BE(c.png.length + 8, 4); // a chunk's length counts its own header
    return Buffer.concat([head, c.png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

export function readIcns(icns: Buffer): IcnsChunk[] {
  if (icns.length < 8 || icns.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS file');
  if (icns.readUInt32BE(4) !== icns.length) throw new Error('ICNS length does not match the file');
  const chunks: IcnsChunk[] = [];
  for (let at = 8; at < icns.length; ) {
    const type = icns.toString('latin1', at, at + 4);
    const length = icns.readUInt32BE(at + 4);
    if (length < 8 || at + length > icns.length) throw new Error(`ICNS chunk ${type} has a bad length`);
    if (!(type in ICNS_TYPES)) throw new Error(`unexpected ICNS chunk ${type}`);
    const png = icns.subarray(at + 8, at + length);
    mustBePng(png, ICNS_TYPES[type as IcnsType]);
    chunks.push({ type: type as IcnsType, png });
    at += length;
  }
  return chunks;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
