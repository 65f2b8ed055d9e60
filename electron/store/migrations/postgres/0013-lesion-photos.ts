import type { PostgresMigration } from './types';

const OLD_PHOTO_KEYS = `key LIKE 'photo:%'`;
const v = (path: string) => `(value_json::jsonb #>> '{${path}}')`;
const real = (path: string) => `${v(path)}::double precision`;
const int = (path: string) => `${v(path)}::integer`;

/**
 * Photos as a table: the twin of ../0013-lesion-photos.ts (the rows move out of settings in the
 * same transaction). The server's pictures table, which the first photo used to make on the fly
 * (electron/store/photoImages.ts), is made here; IF NOT EXISTS keeps a server's existing one.
 */
export const lesionPhotos: PostgresMigration = {
  version: 13,
  name: 'lesion-photos',
  statements: [
    `CREATE TABLE IF NOT EXISTS layermap_photo_images (ref text COLLATE "C" PRIMARY KEY, picture bytea NOT NULL)`,
    `CREATE TABLE lesion_photos (
      id text COLLATE "C" PRIMARY KEY,
      lesion_id text COLLATE "C" NOT NULL REFERENCES lesions (id),
      kind text COLLATE "C" NOT NULL CHECK (kind IN ('pre-op', 'after-stage', 'final-defect')),
      stage_number integer CHECK (stage_number IS NULL OR stage_number >= 1),
      captured_at text COLLATE "C",
      mime text COLLATE "C" NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
      width integer NOT NULL CHECK (width >= 1),
      height integer NOT NULL CHECK (height >= 1),
      bytes integer NOT NULL CHECK (bytes >= 1),
      display_width integer NOT NULL CHECK (display_width >= 1),
      display_height integer NOT NULL CHECK (display_height >= 1),
      file_name text COLLATE "C" NOT NULL,
      full_ref text COLLATE "C" NOT NULL,
      display_ref text COLLATE "C" NOT NULL,
      ruler_x1 double precision,
      ruler_y1 double precision,
      ruler_x2 double precision,
      ruler_y2 double precision,
      ruler_length_mm double precision CHECK (ruler_length_mm IS NULL OR ruler_length_mm > 0),
      placed_x double precision,
      placed_y double precision,
      placed_rotation_deg double precision,
      placed_opacity double precision CHECK (placed_opacity IS NULL OR (placed_opacity > 0 AND placed_opacity <= 1)),
      placed_shown integer CHECK (placed_shown IS NULL OR placed_shown IN (0, 1)),
      added_by text COLLATE "C" NOT NULL REFERENCES users (id),
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      CHECK ((kind = 'after-stage') = (stage_number IS NOT NULL)),
      CHECK ((ruler_x1 IS NULL) = (ruler_length_mm IS NULL) AND (ruler_y1 IS NULL) = (ruler_length_mm IS NULL)
         AND (ruler_x2 IS NULL) = (ruler_length_mm IS NULL) AND (ruler_y2 IS NULL) = (ruler_length_mm IS NULL)),
      CHECK ((placed_x IS NULL) = (placed_shown IS NULL) AND (placed_y IS NULL) = (placed_shown IS NULL)
         AND (placed_rotation_deg IS NULL) = (placed_shown IS NULL) AND (placed_opacity IS NULL) = (placed_shown IS NULL)),
      CHECK (placed_shown IS NULL OR ruler_length_mm IS NOT NULL)
    )`,
    `CREATE INDEX lesion_photos_lesion ON lesion_photos (lesion_id, created_at)`,
    `CREATE INDEX lesion_photos_full_ref ON lesion_photos (full_ref)`,
    `CREATE INDEX lesion_photos_display_ref ON lesion_photos (display_ref)`,
    `INSERT INTO lesion_photos
      SELECT ${v('id')}, ${v('lesionId')}, ${v('kind')}, ${int('stageNumber')}, ${v('capturedAt')}, ${v('mime')},
        ${int('width')}, ${int('height')}, ${int('bytes')}, ${int('displayWidth')}, ${int('displayHeight')}, ${v('fileName')},
        ${v('fullRef')}, ${v('displayRef')},
        ${real('calibration,x1')}, ${real('calibration,y1')}, ${real('calibration,x2')}, ${real('calibration,y2')}, ${real('calibration,lengthMm')},
        ${real('placement,x')}, ${real('placement,y')}, ${real('placement,rotationDeg')}, ${real('placement,opacity')},
        CASE ${v('placement,shown')} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END,
        ${v('addedBy')}, ${int('version')}, ${v('createdAt')}, ${v('updatedAt')}
      FROM settings WHERE ${OLD_PHOTO_KEYS} ORDER BY ${v('createdAt')}, key`,
    `DELETE FROM settings WHERE ${OLD_PHOTO_KEYS}`,
  ],
};
