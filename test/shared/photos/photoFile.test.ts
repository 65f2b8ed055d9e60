import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exifCaptureTime, hasExif } from '../../../shared/photos/exif';
import { checkPhotoFile, displaySize, MAX_PHOTO_BYTES, sniffPhotoFormat } from '../../../shared/photos/photoFile';
import { jpegWithExif, pngWithExif, tiffWithDate } from './exifBytes';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const heic = Uint8Array.from([0, 0, 0, 0x18, ...text('ftypheic'), 0, 0, 0, 0, ...text('mif1heic')]);

describe('which files are kept', () => {
  it('knows JPEG and PNG by their first bytes, whatever the name', () => {
    expect(sniffPhotoFormat(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffPhotoFormat(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
    expect(checkPhotoFile('wound.heic', 1000, bytes(0xff, 0xd8, 0xff, 0xe1))).toEqual({ ok: true, format: 'jpeg' });
  });

  it('refuses a HEIC named .jpg, saying what it is and how to export it as JPEG', () => {
    const r = checkPhotoFile('IMG_0001.jpg', 2_000_000, heic);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('IMG_0001.jpg is a HEIC/HEIF picture');
      expect(r.message).toMatch(/Export.*JPEG/);
    }
  });

  it('names WebP, GIF, TIFF, PDF and anything else, and refuses them', () => {
    expect(sniffPhotoFormat(text('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffPhotoFormat(text('GIF89a'))).toBe('gif');
    expect(sniffPhotoFormat(bytes(0x49, 0x49, 0x2a, 0))).toBe('tiff');
    expect(sniffPhotoFormat(text('%PDF-1.7'))).toBe('pdf');
    expect(checkPhotoFile('notes.txt', 10, text('hello'))).toMatchObject({ ok: false, message: expect.stringContaining('not a JPEG or PNG picture') });
  });

  it('refuses an empty file and one over 25 MB', () => {
    expect(checkPhotoFile('a.jpg', 0, bytes())).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
    expect(checkPhotoFile('a.jpg', MAX_PHOTO_BYTES + 1, bytes(0xff, 0xd8, 0xff))).toMatchObject({ ok: false, message: expect.stringContaining('at most 25 MB') });
    expect(checkPhotoFile('a.jpg', MAX_PHOTO_BYTES, bytes(0xff, 0xd8, 0xff)).ok).toBe(true);
  });

  it('never throws on any bytes, and keeps only what it sniffs as JPEG or PNG', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const r = checkPhotoFile('x', 100, b);
        expect(r.ok).toBe(['jpeg', 'png'].includes(sniffPhotoFormat(b)));
      }),
    );
  });

  it('a display copy fits 2048 px on its longest side, keeps the shape and never enlarges', () => {
    expect(displaySize(4000, 3000)).toEqual({ width: 2048, height: 1536 });
    expect(displaySize(3000, 4000)).toEqual({ width: 1536, height: 2048 });
    expect(displaySize(800, 600)).toEqual({ width: 800, height: 600 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), (w, h) => {
        const d = displaySize(w, h);
        expect(Math.max(d.width, d.height)).toBeLessThanOrEqual(2048);
        expect(d.width).toBeLessThanOrEqual(w);
        // The shape is kept to the pixel: each side is the exact scaled size rounded to a whole pixel
        // (a ratio tolerance would fail on thin pictures, where half a pixel is several per cent).
        const f = Math.min(1, 2048 / Math.max(w, h));
        expect(Math.abs(d.width - Math.max(1, w * f))).toBeLessThanOrEqual(0.5);
        expect(Math.abs(d.height - Math.max(1, h * f))).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});

describe('capture time from EXIF', () => {
  it('reads DateTimeOriginal from a JPEG, with the camera’s offset when there is one, in either byte order', () => {
    expect(exifCaptureTime(jpegWithExif(tiffWithDate('2026:03:14 09:26:53', null)))).toBe('2026-03-14T09:26:53');
    expect(exifCaptureTime(jpegWithExif(tiffWithDate('2026:03:14 09:26:53', '+01:00')))).toBe('2026-03-14T09:26:53+01:00');
    expect(exifCaptureTime(jpegWithExif(tiffWithDate('2025:12:31 23:59:59', '-05:00', false)))).toBe('2025-12-31T23:59:59-05:00');
  });

  it('reads it from a PNG’s eXIf chunk', () => {
    expect(exifCaptureTime(pngWithExif(tiffWithDate('2026:01:02 03:04:05', null)))).toBe('2026-01-02T03:04:05');
  });

  it('gives null for no EXIF, a blank date, or a date that is not one', () => {
    expect(exifCaptureTime(bytes(0xff, 0xd8, 0xff, 0xda, 0, 2))).toBeNull();
    expect(exifCaptureTime(jpegWithExif(tiffWithDate('    :  :     :  :  ', null)))).toBeNull();
    expect(exifCaptureTime(jpegWithExif(tiffWithDate('2026:13:01 00:00:00', null)))).toBeNull();
  });

  it('knows whether a file still carries EXIF', () => {
    expect(hasExif(jpegWithExif(tiffWithDate('2026:03:14 09:26:53', null)))).toBe(true);
    expect(hasExif(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xda))).toBe(false);
  });

  it('never throws on damaged metadata: any bytes after a JPEG start, or a cut EXIF block', () => {
    const good = jpegWithExif(tiffWithDate('2026:03:14 09:26:53', '+01:00'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: good.length }), (tail, cut) => {
        exifCaptureTime(Uint8Array.from([0xff, 0xd8, ...tail]));
        exifCaptureTime(good.subarray(0, cut));
        const flipped = Uint8Array.from(good);
        if (tail.length > 0) flipped[(tail[0] as number) % flipped.length] = tail[tail.length - 1] as number;
        const t = exifCaptureTime(flipped);
        expect(t === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(t)).toBe(true);
      }),
    );
  });
});
