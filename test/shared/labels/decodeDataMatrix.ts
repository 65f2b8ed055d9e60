import zxing from '@zxing/library';
import { PNG } from 'pngjs';

const { BinaryBitmap, DataMatrixReader, HybridBinarizer, RGBLuminanceSource } = zxing;

/** A part of an image, in pixels. */
export interface Crop {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * What a scanner reads from a PNG of a DataMatrix (ZXing's decoder, independent of the
 * bwip-js encoder). `crop` picks the symbol out of a larger picture, e.g. a printed label.
 */
export function decodeDataMatrix(png: Buffer, crop?: Crop): string {
  const image = PNG.sync.read(png);
  const area = crop ?? { x: 0, y: 0, width: image.width, height: image.height };
  const luminance = new Uint8ClampedArray(area.width * area.height);
  for (let y = 0; y < area.height; y++) {
    for (let x = 0; x < area.width; x++) {
      const p = ((area.y + y) * image.width + (area.x + x)) * 4;
      const [r, g, b, a] = [image.data[p] ?? 255, image.data[p + 1] ?? 255, image.data[p + 2] ?? 255, image.data[p + 3] ?? 255];
      // Transparent counts as white paper.
      luminance[y * area.width + x] = Math.round(255 - (a / 255) * (255 - (r * 299 + g * 587 + b * 114) / 1000));
    }
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, area.width, area.height)));
  return new DataMatrixReader().decode(bitmap).getText();
}
