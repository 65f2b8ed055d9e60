import type { OpInput } from '../../../../shared/api';
import { exifCaptureTime } from '../../../../shared/photos/exif';
import { checkPhotoFile, displaySize } from '../../../../shared/photos/photoFile';
import type { PhotoKind } from '../../../../shared/records';

/**
 * A chosen file made ready to keep (issue 15 part 2), all in the renderer: checked by its first
 * bytes (JPEG or PNG, at most 25 MB), its capture time read from EXIF, then decoded with the EXIF
 * orientation applied (createImageBitmap, imageOrientation 'from-image') and re-encoded from a
 * canvas, which writes no EXIF at all (no GPS, no phone owner): a JPEG stays a JPEG (quality
 * 0.92), a PNG a PNG (lossless). The display copy is at most 2048 px on its longest side.
 */
export type PreparedPhoto = { readonly ok: true; readonly input: OpInput<'photos.add'> } | { readonly ok: false; readonly message: string };

const JPEG_QUALITY = 0.92;

async function encode(bitmap: ImageBitmap, width: number, height: number, type: string): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2D canvas');
  g.imageSmoothingQuality = 'high';
  g.drawImage(bitmap, 0, 0, width, height);
  return canvas.convertToBlob({ type, quality: JPEG_QUALITY });
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export async function preparePhoto(file: File, kind: PhotoKind, stageNumber: number | null, lesionId: string): Promise<PreparedPhoto> {
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const check = checkPhotoFile(file.name, file.size, head);
  if (!check.ok) return check;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const capturedAt = exifCaptureTime(bytes);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes], { type: check.format === 'png' ? 'image/png' : 'image/jpeg' }), { imageOrientation: 'from-image' });
  } catch {
    return { ok: false, message: `${file.name} looks like a ${check.format === 'png' ? 'PNG' : 'JPEG'} but cannot be read as a picture (it may be damaged or cut short). Export it again from the camera or Photos.` };
  }
  try {
    const type = check.format === 'png' ? 'image/png' : 'image/jpeg';
    const full = await encode(bitmap, bitmap.width, bitmap.height, type);
    const d = displaySize(bitmap.width, bitmap.height);
    const display = await encode(bitmap, d.width, d.height, 'image/jpeg');
    return {
      ok: true,
      input: {
        lesionId,
        kind,
        stageNumber: kind === 'after-stage' ? stageNumber : null,
        capturedAt,
        fileName: file.name.slice(0, 255),
        full: { data: await base64Of(full), width: bitmap.width, height: bitmap.height },
        display: { data: await base64Of(display), width: d.width, height: d.height },
      },
    };
  } finally {
    bitmap.close();
  }
}
