/**
 * Test pictures' metadata, built byte by byte: a TIFF block with IFD0 → Exif IFD →
 * DateTimeOriginal (and OffsetTimeOriginal), wrapped as a JPEG APP1 segment or a PNG eXIf chunk.
 */
export function tiffWithDate(date: string, offset: string | null, littleEndian = true): Uint8Array {
  const entries: [number, string][] = [[0x9003, `${date}\0`]];
  if (offset !== null) entries.push([0x9011, `${offset}\0`]);
  const out: number[] = [];
  const u16 = (n: number) => (littleEndian ? out.push(n & 255, n >> 8) : out.push(n >> 8, n & 255));
  const u32 = (n: number) => (littleEndian ? out.push(n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24) : out.push(n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255));
  out.push(...(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]));
  u16(42);
  u32(8);
  // IFD0 at 8: one entry, the Exif IFD pointer.
  u16(1);
  u16(0x8769);
  u16(4);
  u32(1);
  const exifAt = 8 + 2 + 12 + 4;
  u32(exifAt);
  u32(0);
  // Exif IFD: its entries, then their values after it.
  u16(entries.length);
  let valueAt = exifAt + 2 + entries.length * 12 + 4;
  const values: number[] = [];
  for (const [tag, text] of entries) {
    u16(tag);
    u16(2);
    u32(text.length);
    if (text.length <= 4) {
      const b = [...text].map((c) => c.charCodeAt(0));
      out.push(...b, ...new Array(4 - b.length).fill(0));
    } else {
      u32(valueAt);
      values.push(...[...text].map((c) => c.charCodeAt(0)));
      valueAt += text.length;
    }
  }
  u32(0);
  out.push(...values);
  return Uint8Array.from(out);
}

export function jpegWithExif(tiff: Uint8Array): Uint8Array {
  const len = tiff.length + 8;
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, len >> 8, len & 255, 0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff, 0xff, 0xda, 0, 2, 0xff, 0xd9]);
}

export function pngWithExif(tiff: Uint8Array): Uint8Array {
  const len = tiff.length;
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(13).fill(0), 0, 0, 0, 0,
    len >>> 24, (len >> 16) & 255, (len >> 8) & 255, len & 255, 0x65, 0x58, 0x49, 0x66, ...tiff, 0, 0, 0, 0]);
}
