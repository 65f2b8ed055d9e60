import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PHOTO } from '../../fixtures/db/sample-photo';
import { DB_NAME, useTempWorld } from './helpers';

/**
 * Migration 13 (photos as the lesion_photos table) on the committed v12 file, with a photo row
 * added as schema 12's store wrote it: moved into the table with all it held, gone from
 * settings; a photo row that cannot be read refuses the upgrade and leaves the file as it was.
 * (photos.test.ts upgrades on every engine; migrations.test.ts checks the v13 sample.)
 */
const world = useTempWorld();
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/db');

function v12WithPhotoRow(value: string): string {
  const file = path.join(world.dir(), DB_NAME);
  fs.copyFileSync(path.join(FIXTURES, 'v12.sqlite'), file);
  const db = new Database(file);
  db.prepare(`INSERT INTO settings (key, value_json, version, updated_at) VALUES (?, ?, 1, ?)`).run(SAMPLE_PHOTO.settingsKey, value, SAMPLE_PHOTO.record.updatedAt);
  db.close();
  return file;
}

describe('migration 13', () => {
  it('moves a v12 file’s photo row out of settings into lesion_photos, every column from its record', () => {
    const { record, fullRef, displayRef } = SAMPLE_PHOTO;
    const ctx = world.open(v12WithPhotoRow(JSON.stringify({ ...record, fullRef, displayRef })));
    const db = ctx.store.db;
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(13);
    expect(db.prepare(`SELECT key FROM settings WHERE key LIKE 'photo:%'`).all()).toEqual([]);
    expect(db.prepare('SELECT * FROM lesion_photos').all()).toEqual([
      {
        id: record.id,
        lesion_id: record.lesionId,
        kind: 'after-stage',
        stage_number: 1,
        captured_at: record.capturedAt,
        mime: 'image/jpeg',
        width: 4032,
        height: 3024,
        bytes: record.bytes,
        display_width: 2048,
        display_height: 1536,
        file_name: 'IMG_2041.jpg',
        full_ref: fullRef,
        display_ref: displayRef,
        ruler_x1: 1000,
        ruler_y1: 2800,
        ruler_x2: 1800,
        ruler_y2: 2800,
        ruler_length_mm: 20,
        placed_x: 1.5,
        placed_y: -2,
        placed_rotation_deg: 12,
        placed_opacity: 0.6,
        placed_shown: 1,
        added_by: record.addedBy,
        version: 3,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      },
    ]);
    // The table keeps what a photo is: a kind it does not know, or a placement without a calibration, is refused.
    expect(() => db.prepare(`UPDATE lesion_photos SET kind = 'selfie'`).run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`UPDATE lesion_photos SET ruler_x1 = NULL, ruler_y1 = NULL, ruler_x2 = NULL, ruler_y2 = NULL, ruler_length_mm = NULL`).run()).toThrow(/CHECK constraint failed/);
  });

  it('refuses a v12 file whose photo row cannot be read, and leaves it at schema 12', () => {
    const file = v12WithPhotoRow('{not json');
    expect(() => world.open(file)).toThrow(/1 photo record\(s\) cannot be read.*left exactly as it was/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    expect(db.prepare(`SELECT count(*) AS n FROM settings WHERE key LIKE 'photo:%'`).get()).toEqual({ n: 1 });
    db.close();
  });
});
