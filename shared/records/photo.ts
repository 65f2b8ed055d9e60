import { z } from 'zod';
import type { LesionId, UserId } from '../ids';

/**
 * A photo of a lesion (issue 15 part 2): the pre-op marking, the wound after a stage, or the final
 * defect. The picture itself is kept apart from the records (electron/store/photoImages.ts);
 * this is what the records hold of it, audited: which lesion, what it shows, when it was taken,
 * its calibration and where it sits under the map.
 */
export const PHOTO_KINDS = ['pre-op', 'after-stage', 'final-defect'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];
export const PHOTO_KIND_LABELS: Readonly<Record<PhotoKind, string>> = {
  'pre-op': 'Pre-op marking',
  'after-stage': 'After stage',
  'final-defect': 'Final defect',
};

const coordinate = (label: string) => z.number({ error: `${label} must be a number.` }).finite().min(-100000).max(100000);

/**
 * A line drawn over a ruler in the photo, in the full picture's pixels (origin top left), and
 * the length the surgeon read off the ruler: pixels per millimetre = line length / lengthMm.
 */
export const photoCalibrationSchema = z
  .object({
    x1: coordinate('The ruler line'),
    y1: coordinate('The ruler line'),
    x2: coordinate('The ruler line'),
    y2: coordinate('The ruler line'),
    lengthMm: z
      .number({ error: 'Type the length of the ruler line in millimetres.' })
      .finite()
      .min(1, { error: 'The ruler line must be at least 1 mm long.' })
      .max(500, { error: 'The ruler line must be at most 500 mm long.' }),
  })
  .strict()
  .refine((c) => Math.hypot(c.x2 - c.x1, c.y2 - c.y1) >= 10, { error: 'Draw the ruler line longer: at least 10 pixels of the photo.' });
export type PhotoCalibration = z.output<typeof photoCalibrationSchema>;

/**
 * Where a calibrated photo sits under the map, in the map's frame (mm, origin at the lesion's
 * centre, +y toward 12 o'clock): the photo's centre, its turn counter-clockwise in degrees, and
 * how opaque it is drawn. `shown`: drawn under the map (and on the sheet, when the clinic prints photos).
 */
export const photoPlacementSchema = z
  .object({
    x: z.number({ error: 'The photo’s position must be a number of millimetres.' }).finite().min(-1000).max(1000),
    y: z.number({ error: 'The photo’s position must be a number of millimetres.' }).finite().min(-1000).max(1000),
    rotationDeg: z.number({ error: 'The turn must be a number of degrees.' }).finite().min(-360).max(360),
    opacity: z.number({ error: 'Opacity must be a number.' }).finite().min(0.1, { error: 'Opacity must be at least 10%.' }).max(1, { error: 'Opacity must be at most 100%.' }),
    shown: z.boolean(),
  })
  .strict();
export type PhotoPlacement = z.output<typeof photoPlacementSchema>;

export const DEFAULT_PLACEMENT: PhotoPlacement = { x: 0, y: 0, rotationDeg: 0, opacity: 0.6, shown: true };

export interface Photo {
  readonly id: string;
  readonly lesionId: LesionId;
  readonly kind: PhotoKind;
  /** For 'after-stage': which stage; null otherwise. */
  readonly stageNumber: number | null;
  /** EXIF DateTimeOriginal as taken (local time, with the camera's offset when it wrote one); null when the file had none. */
  readonly capturedAt: string | null;
  readonly mime: 'image/jpeg' | 'image/png';
  /** The kept full-resolution picture (EXIF orientation applied, EXIF removed). */
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  /** The display copy (longest side at most 2048 px). */
  readonly displayWidth: number;
  readonly displayHeight: number;
  /** The chosen file's name, for the user to recognise it. */
  readonly fileName: string;
  readonly calibration: PhotoCalibration | null;
  readonly placement: PhotoPlacement | null;
  readonly addedBy: UserId;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Pixels of the full picture per millimetre of skin, from its calibration. */
export const pxPerMm = (c: PhotoCalibration): number => Math.hypot(c.x2 - c.x1, c.y2 - c.y1) / c.lengthMm;
