import { z } from 'zod';
import { MAX_PHOTO_BYTES } from '../photos/photoFile';
import { PHOTO_KINDS, recordId, version } from '../records';

/**
 * A photo on its way to the store: the renderer has checked the file (JPEG or PNG, ≤ 25 MB),
 * read its capture time, applied its EXIF orientation and re-encoded it without EXIF, with a
 * display copy; both pictures travel base64 (the operations speak JSON). The store checks
 * them again (electron/store/photos.ts).
 */
/** A re-encoded PNG can be larger than the file it came from; this leaves room for that. */
export const MAX_KEPT_PICTURE_BYTES = 2 * MAX_PHOTO_BYTES;
const base64 = (what: string, maxBytes: number) =>
  z
    .string({ error: `The ${what} is missing.` })
    .min(8, { error: `The ${what} is missing.` })
    .max(Math.ceil(maxBytes / 3) * 4, { error: `The ${what} is larger than Layermap keeps.` })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: `The ${what} is not base64.` });
const side = z.number().int().min(1).max(30000);
const picture = (what: string, maxBytes: number) => z.object({ data: base64(what, maxBytes), width: side, height: side }).strict();

const capturedAt = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?$/, { error: 'The capture time is not a date and time.' })
    .nullable();
const fileName = () => z.string().trim().min(1).max(255, { error: 'The file name is too long.' });

export const photoAddSchema = () =>
  z
    .object({
      lesionId: recordId('Lesion'),
      kind: z.enum(PHOTO_KINDS, { error: 'Say what the photo shows: the pre-op marking, the wound after a stage, or the final defect.' }),
      stageNumber: z.number().int().min(1).max(50).nullable(),
      capturedAt: capturedAt(),
      fileName: fileName(),
      full: picture('photo', MAX_KEPT_PICTURE_BYTES),
      display: picture('display copy', MAX_PHOTO_BYTES),
    })
    .strict()
    .refine((p) => (p.kind === 'after-stage') === (p.stageNumber !== null), { error: 'A photo after a stage names the stage; the others name none.' });

/** A new picture for a photo (a sharper shot of the same wound), as photos.add sends it; keepCalibration: the user chose to keep the ruler line. */
export const photoReplaceSchema = () =>
  z
    .object({
      id: recordId('Photo'),
      version,
      capturedAt: capturedAt(),
      fileName: fileName(),
      full: picture('photo', MAX_KEPT_PICTURE_BYTES),
      display: picture('display copy', MAX_PHOTO_BYTES),
      keepCalibration: z.boolean({ error: 'Say whether to keep the calibration.' }),
    })
    .strict();

export interface PhotoPicture {
  readonly mime: 'image/jpeg' | 'image/png';
  /** base64 */
  readonly data: string;
}
