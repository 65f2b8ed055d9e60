import type { Migration } from './types';

/**
 * Photos become a table of their own (issue 15 part 2). Until now each photo's record was a
 * settings row `photo:<lesion>:<photo>` holding it as JSON; a table lets the database keep what
 * a photo is (its lesion, what it shows, the stage, the capture time from EXIF, the picture's
 * content address, its calibration and placement) with foreign keys and checks, and lets lists
 * and deletes find a lesion's photos without scanning settings. The rows move here in the same
 * transaction, ids, versions and times unchanged, so the audit trail (entity 'photo', by id)
 * still reads the same records; the settings rows go.
 *
 * - `full_ref`, `display_ref`: the pictures' content addresses (electron/store/photoImages.ts).
 * - Calibration (`ruler_*`, a line over the ruler in the full picture's pixels and its length)
 *   and placement (`placed_*`, mm in the map's frame) are each all set or all null; a photo is
 *   placed only once calibrated (shared/records/photo.ts).
 */
export const LESION_PHOTOS_TABLE_SQL = `
  CREATE TABLE lesion_photos (
    id TEXT PRIMARY KEY,
    lesion_id TEXT NOT NULL REFERENCES lesions (id),
    kind TEXT NOT NULL CHECK (kind IN ('pre-op', 'after-stage', 'final-defect')),
    stage_number INTEGER CHECK (stage_number IS NULL OR stage_number >= 1),
    captured_at TEXT,
    mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    width INTEGER NOT NULL CHECK (width >= 1),
    height INTEGER NOT NULL CHECK (height >= 1),
    bytes INTEGER NOT NULL CHECK (bytes >= 1),
    display_width INTEGER NOT NULL CHECK (display_width >= 1),
    display_height INTEGER NOT NULL CHECK (display_height >= 1),
    file_name TEXT NOT NULL,
    full_ref TEXT NOT NULL,
    display_ref TEXT NOT NULL,
    ruler_x1 REAL,
    ruler_y1 REAL,
    ruler_x2 REAL,
    ruler_y2 REAL,
    ruler_length_mm REAL CHECK (ruler_length_mm IS NULL OR ruler_length_mm > 0),
    placed_x REAL,
    placed_y REAL,
    placed_rotation_deg REAL,
    placed_opacity REAL CHECK (placed_opacity IS NULL OR (placed_opacity > 0 AND placed_opacity <= 1)),
    placed_shown INTEGER CHECK (placed_shown IS NULL OR placed_shown IN (0, 1)),
    added_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((kind = 'after-stage') = (stage_number IS NOT NULL)),
    CHECK ((ruler_x1 IS NULL) = (ruler_length_mm IS NULL) AND (ruler_y1 IS NULL) = (ruler_length_mm IS NULL)
       AND (ruler_x2 IS NULL) = (ruler_length_mm IS NULL) AND (ruler_y2 IS NULL) = (ruler_length_mm IS NULL)),
    CHECK ((placed_x IS NULL) = (placed_shown IS NULL) AND (placed_y IS NULL) = (placed_shown IS NULL)
       AND (placed_rotation_deg IS NULL) = (placed_shown IS NULL) AND (placed_opacity IS NULL) = (placed_shown IS NULL)),
    CHECK (placed_shown IS NULL OR ruler_length_mm IS NOT NULL)
  ) STRICT;
  CREATE INDEX lesion_photos_lesion ON lesion_photos (lesion_id, created_at);
  CREATE INDEX lesion_photos_full_ref ON lesion_photos (full_ref);
  CREATE INDEX lesion_photos_display_ref ON lesion_photos (display_ref);
`;

/** A settings key of a photo's record before this migration. */
const OLD_PHOTO_KEYS = `key LIKE 'photo:%'`;

export const lesionPhotos: Migration = {
  version: 13,
  name: 'lesion-photos',
  refuse: (db) => {
    // Only a record the old store wrote can be moved; anything else is reported, nothing changed.
    const bad = db
      .prepare(
        // CASE: SQLite does not promise to stop an OR at the first true, and json_extract throws on malformed JSON.
        `SELECT key FROM settings WHERE ${OLD_PHOTO_KEYS}
           AND CASE WHEN json_valid(value_json)
                 THEN coalesce(json_extract(value_json, '$.lesionId') NOT IN (SELECT id FROM lesions), 1)
                   OR json_extract(value_json, '$.fullRef') IS NULL OR json_extract(value_json, '$.displayRef') IS NULL
                 ELSE 1 END`,
      )
      .all() as { key: string }[];
    if (bad.length === 0) return null;
    return `${bad.length} photo record(s) cannot be read (${bad.map((b) => b.key).join(', ')}), so this database cannot be upgraded. It was left exactly as it was; ask support.`;
  },
  up: (db) => {
    db.exec(LESION_PHOTOS_TABLE_SQL);
    // json_extract gives JSON's true/false as 1/0 and JSON's null as SQL NULL.
    db.exec(`
      INSERT INTO lesion_photos
      SELECT
        json_extract(value_json, '$.id'), json_extract(value_json, '$.lesionId'), json_extract(value_json, '$.kind'),
        json_extract(value_json, '$.stageNumber'), json_extract(value_json, '$.capturedAt'), json_extract(value_json, '$.mime'),
        json_extract(value_json, '$.width'), json_extract(value_json, '$.height'), json_extract(value_json, '$.bytes'),
        json_extract(value_json, '$.displayWidth'), json_extract(value_json, '$.displayHeight'), json_extract(value_json, '$.fileName'),
        json_extract(value_json, '$.fullRef'), json_extract(value_json, '$.displayRef'),
        json_extract(value_json, '$.calibration.x1'), json_extract(value_json, '$.calibration.y1'),
        json_extract(value_json, '$.calibration.x2'), json_extract(value_json, '$.calibration.y2'),
        json_extract(value_json, '$.calibration.lengthMm'),
        json_extract(value_json, '$.placement.x'), json_extract(value_json, '$.placement.y'),
        json_extract(value_json, '$.placement.rotationDeg'), json_extract(value_json, '$.placement.opacity'),
        json_extract(value_json, '$.placement.shown'),
        json_extract(value_json, '$.addedBy'), json_extract(value_json, '$.version'),
        json_extract(value_json, '$.createdAt'), json_extract(value_json, '$.updatedAt')
      FROM settings WHERE ${OLD_PHOTO_KEYS} ORDER BY json_extract(value_json, '$.createdAt'), key;
      DELETE FROM settings WHERE ${OLD_PHOTO_KEYS};
    `);
  },
};
