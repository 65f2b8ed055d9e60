/**
 * The one EXIF fact Layermap keeps, read before the picture is re-encoded without EXIF: when it
 * was taken (DateTimeOriginal, tag 0x9003 in the Exif IFD; with OffsetTimeOriginal 0x9011 when the
 * camera wrote one). Reads a JPEG's APP1 "Exif" segment or a PNG's eXIf chunk; anything damaged
 * gives null, never an exception (the bytes come from outside).
 * Source: CIPA DC-008-2019 (Exif 2.32) §4.6; PNG 1.5 extensions (eXIf chunk).
 */
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

/** The TIFF structure inside a JPEG's Exif APP1 segment or a PNG's eXIf chunk, or null. */
export function exifBlock(b: Uint8Array): Uint8Array | null {
  if (b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 4 <= b.length && b[i] === 0xff) {
      const marker = b[i + 1] as number;
      if (marker === 0xda || marker === 0xd9) return null; // image data: no metadata after this
      const len = ((b[i + 2] as number) << 8) | (b[i + 3] as number);
      if (len < 2) return null;
      if (marker === 0xe1 && EXIF_HEADER.every((x, k) => b[i + 4 + k] === x)) return b.subarray(i + 10, Math.min(b.length, i + 2 + len));
      i += 2 + len;
    }
    return null;
  }
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    let i = 8;
    while (i + 8 <= b.length) {
      const len = (((b[i] as number) << 24) | ((b[i + 1] as number) << 16) | ((b[i + 2] as number) << 8) | (b[i + 3] as number)) >>> 0;
      const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
      if (type === 'eXIf') return b.subarray(i + 8, Math.min(b.length, i + 8 + len));
      if (type === 'IDAT' || type === 'IEND') return null;
      i += 12 + len;
    }
  }
  return null;
}

/** Whether the file still carries EXIF (what is kept must not: it can hold GPS, the phone's owner…). */
export const hasExif = (b: Uint8Array): boolean => exifBlock(b) !== null;

interface Tiff {
  readonly b: Uint8Array;
  readonly le: boolean;
}
const u16 = (t: Tiff, at: number): number | null =>
  at + 2 > t.b.length ? null : t.le ? (t.b[at] as number) | ((t.b[at + 1] as number) << 8) : ((t.b[at] as number) << 8) | (t.b[at + 1] as number);
const u32 = (t: Tiff, at: number): number | null => {
  const hi = u16(t, t.le ? at + 2 : at);
  const lo = u16(t, t.le ? at : at + 2);
  return hi === null || lo === null ? null : hi * 65536 + lo;
};

/** The IFD at `offset`: each tag's value offset (the entry's value field), by tag number. */
function readIfd(t: Tiff, offset: number): Map<number, { type: number; count: number; at: number }> {
  const out = new Map<number, { type: number; count: number; at: number }>();
  const n = u16(t, offset);
  if (n === null || n > 1000) return out;
  for (let k = 0; k < n; k++) {
    const e = offset + 2 + k * 12;
    const tag = u16(t, e);
    const type = u16(t, e + 2);
    const count = u32(t, e + 4);
    if (tag === null || type === null || count === null) break;
    out.set(tag, { type, count, at: e + 8 });
  }
  return out;
}

function asciiValue(t: Tiff, entry: { type: number; count: number; at: number } | undefined): string | null {
  if (!entry || entry.type !== 2 || entry.count > 64) return null;
  const at = entry.count <= 4 ? entry.at : u32(t, entry.at);
  if (at === null || at + entry.count > t.b.length) return null;
  return String.fromCharCode(...t.b.subarray(at, at + entry.count)).replace(/\0.*$/s, '');
}

/**
 * When the photo was taken, as ISO 8601 local time ("2026-03-14T09:26:53"), with the camera's
 * offset ("+01:00") when it wrote one; null without EXIF or with no usable date.
 */
export function exifCaptureTime(file: Uint8Array): string | null {
  const block = exifBlock(file);
  if (!block || block.length < 8) return null;
  const order = String.fromCharCode(block[0] as number, block[1] as number);
  if (order !== 'II' && order !== 'MM') return null;
  const t: Tiff = { b: block, le: order === 'II' };
  if (u16(t, 2) !== 42) return null;
  const ifd0 = u32(t, 4);
  if (ifd0 === null) return null;
  const exifPointer = readIfd(t, ifd0).get(0x8769);
  const exifAt = exifPointer ? u32(t, exifPointer.at) : null;
  if (exifAt === null) return null;
  const exif = readIfd(t, exifAt);
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(asciiValue(t, exif.get(0x9003)) ?? '');
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (!(y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60)) return null;
  const offset = asciiValue(t, exif.get(0x9011));
  const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
}
