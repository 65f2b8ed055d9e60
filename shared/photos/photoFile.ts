/**
 * What a chosen photo file is, judged by its first bytes (never its name: a phone's HEIC renamed
 * .jpg is still HEIC), and the limits a photo is kept within (issue 15 part 2).
 */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;
/** The display copy's longest side: enough for the map at any zoom the editor offers on a screen. */
export const DISPLAY_MAX_PX = 2048;

export type PhotoFormat = 'jpeg' | 'png' | 'heic' | 'webp' | 'gif' | 'tiff' | 'bmp' | 'pdf' | 'unknown';
export const KEPT_FORMATS = ['jpeg', 'png'] as const;
export type KeptFormat = (typeof KEPT_FORMATS)[number];
export const MIME = { jpeg: 'image/jpeg', png: 'image/png' } as const satisfies Record<KeptFormat, string>;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** The format by magic bytes: JPEG FF D8 FF, PNG's 8-byte signature, an ISO-BMFF 'ftyp' box for HEIC/HEIF/AVIF. */
export function sniffPhotoFormat(b: Uint8Array): PhotoFormat {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    // heic, heix, hevc, heim, heis, mif1, msf1 (HEIF), avif: all phone formats a canvas may not decode.
    if (/^(hei.|hev.|mif1|msf1|avi.)$/.test(brand)) return 'heic';
    return 'unknown';
  }
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(b, 0, 2) === 'BM') return 'bmp';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  return 'unknown';
}

const HOW_TO_CONVERT =
  'Layermap keeps JPEG and PNG photos only. On an iPhone or Mac, open it in Photos and choose File → Export → Export 1 Photo… with Kind: JPEG ' +
  '(or set Settings → Camera → Formats → Most Compatible before taking photos); on Windows, open it in Photos and use Save as → JPEG.';

const NAMES: Readonly<Record<Exclude<PhotoFormat, KeptFormat>, string>> = {
  heic: 'a HEIC/HEIF picture (the iPhone’s own format)',
  webp: 'a WebP picture',
  gif: 'a GIF picture',
  tiff: 'a TIFF picture',
  bmp: 'a BMP picture',
  pdf: 'a PDF document',
  unknown: 'not a JPEG or PNG picture',
};

export type PhotoFileCheck = { readonly ok: true; readonly format: KeptFormat } | { readonly ok: false; readonly message: string };

/** Whether a chosen file can be kept, and if not, why and how to convert it, in the user's words. */
export function checkPhotoFile(name: string, size: number, head: Uint8Array): PhotoFileCheck {
  if (size === 0) return { ok: false, message: `${name} is empty: choose the photo again.` };
  if (size > MAX_PHOTO_BYTES) {
    return { ok: false, message: `${name} is ${(size / 1024 / 1024).toFixed(1)} MB; a photo may be at most 25 MB. Export it again at a smaller size (e.g. JPEG, "Large").` };
  }
  const format = sniffPhotoFormat(head);
  if (format === 'jpeg' || format === 'png') return { ok: true, format };
  return { ok: false, message: `${name} is ${NAMES[format]}. ${HOW_TO_CONVERT}` };
}

/** The size of a display copy: the picture scaled to fit DISPLAY_MAX_PX, never enlarged. */
export function displaySize(width: number, height: number, max = DISPLAY_MAX_PX): { readonly width: number; readonly height: number } {
  const f = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}

/** A JPEG's or PNG's pixel size from its header (a JPEG's SOF segment, a PNG's IHDR), or null. */
export function pictureSize(b: Uint8Array): { readonly width: number; readonly height: number } | null {
  const format = sniffPhotoFormat(b);
  const be16 = (at: number) => ((b[at] as number) << 8) | (b[at + 1] as number);
  if (format === 'png') {
    if (b.length < 24) return null;
    const be32 = (at: number) => be16(at) * 65536 + be16(at + 2);
    return { width: be32(16), height: be32(20) };
  }
  if (format !== 'jpeg') return null;
  let i = 2;
  while (i + 9 < b.length && b[i] === 0xff) {
    const marker = b[i + 1] as number;
    if (marker === 0xff) {
      i++;
      continue;
    }
    // SOF0–SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: be16(i + 7), height: be16(i + 5) };
    if (marker === 0xda || marker === 0xd9) return null;
    i += 2 + be16(i + 2);
  }
  return null;
}
