/**
 * Photos of a lesion on every engine: attached with a display copy, read back after a restart,
 * calibrated and placed with the version check, audited; what the store refuses.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { LATEST_SCHEMA_VERSION } from '../../../electron/store/migrations';
import { PHOTO_FILE_PATTERN, photoFolderBeside } from '../../../electron/store/photoImages';
import { pngOf, withExifChunk } from '../../fixtures/photos/pictures';
import { DISPLAY, FULL, photoInput } from './photoInput';

const b64 = (b: Buffer) => b.toString('base64');
import { tiffWithDate } from '../../shared/photos/exifBytes';
import { forEachEngine } from './engines';
import { auditTrail, must, refused, seed, TEST_PASSWORD } from './helpers';

const CALIBRATION = { x1: 10, y1: 190, x2: 110, y2: 190, lengthMm: 10 };
const PLACEMENT = { x: 2.5, y: -1, rotationDeg: 30, opacity: 0.5, shown: true };
const OTHER_FULL = pngOf(300, 200, () => [200, 40, 40]);
const OTHER_DISPLAY = pngOf(150, 100, () => [90, 20, 20]);

const raw = (ctx: ServiceContext, text: string) => sql.raw(text).execute(ctx.store.query);

/** How many pictures the store keeps: this computer's files, or the server's rows. */
async function pictureCount(ctx: ServiceContext): Promise<number> {
  if (ctx.store.engine === 'sqlite') {
    const folder = photoFolderBeside(ctx.store.path);
    return fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => PHOTO_FILE_PATTERN.test(n)).length : 0;
  }
  return Number(((await raw(ctx, 'SELECT count(*) AS n FROM layermap_photo_images')).rows[0] as { n: number | string }).n);
}

/**
 * Makes the database as schema 12 left it: every photo back in a settings row `photo:<lesion>:<id>`
 * holding its record and its pictures' references as JSON (as the schema 12 store wrote it), the
 * table gone, the version back at 12. The pictures stay where they are.
 */
async function backToSchema12(ctx: ServiceContext): Promise<void> {
  const rows = (await raw(ctx, 'SELECT id, lesion_id, full_ref, display_ref FROM lesion_photos')).rows as { id: string; lesion_id: string; full_ref: string; display_ref: string }[];
  for (const r of rows) {
    const photo = (await must(ctx, 'photos.list', { lesionId: r.lesion_id })).find((p) => p.id === r.id);
    const json = JSON.stringify({ ...photo, fullRef: r.full_ref, displayRef: r.display_ref }).replace(/'/g, "''");
    await raw(ctx, `INSERT INTO settings (key, value_json, version, updated_at) VALUES ('photo:${r.lesion_id}:${r.id}', '${json}', 1, '2026-03-14T10:00:00.000Z')`);
  }
  // Every later migration undone first, then 13's own.
  await raw(ctx, 'DROP INDEX cases_surgeon_date'); // 0015
  await raw(ctx, 'DROP TABLE block_lab_times'); // 0015
  await raw(ctx, 'ALTER TABLE blocks DROP COLUMN ready_at'); // 0015
  await raw(ctx, 'ALTER TABLE block_histology DROP COLUMN recut_asked'); // 0015
  await raw(ctx, 'DROP TABLE note_templates'); // 0014
  await raw(ctx, 'DROP TABLE operative_notes'); // 0014
  await raw(ctx, 'DROP TABLE lesion_photos');
  await raw(ctx, ctx.store.engine === 'sqlite' ? 'PRAGMA user_version = 12' : 'UPDATE layermap_schema SET version = 12');
}

forEachEngine('photos', (world) => {
  it('attaches a photo, lists it, gives both pictures back byte for byte, and keeps all after a restart', async () => {
    let ctx: ServiceContext = await world.open();
    const { lesion, surgeon } = await seed(ctx);
    const photo = await must(ctx, 'photos.add', photoInput(lesion.id));
    expect(photo).toMatchObject({ lesionId: lesion.id, kind: 'final-defect', capturedAt: '2026-03-14T09:26:53+01:00', width: 300, height: 200, displayWidth: 150, mime: 'image/png', bytes: FULL.length, addedBy: surgeon.id, version: 1, calibration: null, placement: null });
    expect(photo).not.toHaveProperty('fullRef');
    ctx = await world.reopen(ctx);
    expect(await must(ctx, 'photos.list', { lesionId: lesion.id })).toEqual([photo]);
    expect((await must(ctx, 'photos.picture', { id: photo.id, copy: 'full' })).data).toBe(b64(FULL));
    expect(await must(ctx, 'photos.picture', { id: photo.id, copy: 'display' })).toEqual({ mime: 'image/png', data: b64(DISPLAY) });
    // Settings still read as settings: a photo's row is not a setting.
    expect((await must(ctx, 'settings.get', {})).clinicName).toBeTypeOf('string');
  });

  it('calibrates, then places it under the map; both survive a restart, each audited; a stale version is refused', async () => {
    let ctx = await world.open();
    const { lesion } = await seed(ctx);
    const added = await must(ctx, 'photos.add', photoInput(lesion.id, { kind: 'after-stage', stageNumber: 1 }));
    const early = await refused(ctx, 'photos.place', { id: added.id, version: added.version, placement: { x: 0, y: 0, rotationDeg: 0, opacity: 0.5, shown: true } });
    expect(early.message).toMatch(/Calibrate the photo first/);
    const calibrated = await must(ctx, 'photos.calibrate', { id: added.id, version: added.version, calibration: CALIBRATION });
    const placement = { x: 2.5, y: -1, rotationDeg: 30, opacity: 0.5, shown: true };
    const placed = await must(ctx, 'photos.place', { id: added.id, version: calibrated.version, placement });
    expect(placed).toMatchObject({ version: 3, calibration: CALIBRATION, placement });
    const stale = await refused(ctx, 'photos.place', { id: added.id, version: calibrated.version, placement: { ...placement, x: 9 } });
    expect(stale.code).toBe('stale');
    ctx = await world.reopen(ctx);
    expect((await must(ctx, 'photos.list', { lesionId: lesion.id }))[0]).toMatchObject({ version: 3, stageNumber: 1, calibration: CALIBRATION, placement });
    const trail = await auditTrail(ctx, { entityId: added.id });
    expect(trail.map((e) => [e.entity, e.action])).toEqual([
      ['photo', 'update'],
      ['photo', 'update'],
      ['photo', 'create'],
    ]);
    // Never the picture in the audit trail: only what the records hold.
    expect(JSON.stringify(trail)).not.toContain(b64(FULL).slice(0, 40));
  });

  it('refuses a picture still carrying EXIF, one whose size is not its header’s, and a display copy over 2048 px; nothing is written', async () => {
    const ctx = await world.open();
    const { lesion } = await seed(ctx);
    const exif = withExifChunk(FULL, tiffWithDate('2026:03:14 09:26:53', null));
    expect((await refused(ctx, 'photos.add', photoInput(lesion.id, { full: { data: b64(exif), width: 300, height: 200 } }))).message).toMatch(/EXIF/);
    expect((await refused(ctx, 'photos.add', photoInput(lesion.id, { full: { data: b64(FULL), width: 301, height: 200 } }))).message).toMatch(/size does not match/);
    const big = pngOf(2100, 1400, () => [0, 0, 0]);
    expect((await refused(ctx, 'photos.add', photoInput(lesion.id, { display: { data: b64(big), width: 2100, height: 1400 } }))).message).toMatch(/larger than 2048/);
    const text = Buffer.from('this is not a picture at all');
    expect((await refused(ctx, 'photos.add', photoInput(lesion.id, { full: { data: b64(text), width: 300, height: 200 } }))).message).toMatch(/not a JPEG or PNG/);
    expect((await refused(ctx, 'photos.add', photoInput(lesion.id, { kind: 'after-stage', stageNumber: null }))).code).toBe('invalid_input');
    expect(await must(ctx, 'photos.list', { lesionId: lesion.id })).toEqual([]);
  });

  it('a signed lesion takes no new photo and no new placement', async () => {
    const ctx = await world.open();
    const { lesion } = await seed(ctx);
    const photo = await must(ctx, 'photos.add', photoInput(lesion.id));
    const calibrated = await must(ctx, 'photos.calibrate', { id: photo.id, version: 1, calibration: CALIBRATION });
    await must(ctx, 'lesions.setOutcome', { id: lesion.id, version: lesion.version, outcome: { kind: 'cleared' } });
    const now = (await must(ctx, 'lesions.get', { id: lesion.id })).lesion;
    const reviewed = (await must(ctx, 'lesions.signWarnings', { id: lesion.id })).map((w) => w.id);
    await must(ctx, 'lesions.sign', { id: lesion.id, version: now.version, reviewed, password: TEST_PASSWORD });
    expect((await refused(ctx, 'photos.add', photoInput(lesion.id))).code).toBe('forbidden');
    expect((await refused(ctx, 'photos.place', { id: photo.id, version: calibrated.version, placement: { x: 0, y: 0, rotationDeg: 0, opacity: 1, shown: true } })).code).toBe('forbidden');
  });

  it('deletes a photo: gone from the list and after a restart, audited with what it was; its picture goes with the last photo that has it', async () => {
    let ctx = await world.open();
    const { lesion, surgeon } = await seed(ctx);
    const first = await must(ctx, 'photos.add', photoInput(lesion.id));
    // The same picture attached twice (the same file chosen again): kept once.
    const twin = await must(ctx, 'photos.add', photoInput(lesion.id, { kind: 'pre-op' }));
    const other = await must(ctx, 'photos.add', photoInput(lesion.id, { full: { data: b64(OTHER_FULL), width: 300, height: 200 }, display: { data: b64(OTHER_DISPLAY), width: 150, height: 100 } }));
    expect(await pictureCount(ctx)).toBe(4);
    expect((await refused(ctx, 'photos.delete', { id: first.id, version: 2 })).code).toBe('stale');
    expect(await must(ctx, 'photos.delete', { id: first.id, version: first.version })).toBeNull();
    // Its twin still has the picture.
    expect(await pictureCount(ctx)).toBe(4);
    expect((await must(ctx, 'photos.picture', { id: twin.id, copy: 'full' })).data).toBe(b64(FULL));
    await must(ctx, 'photos.delete', { id: twin.id, version: twin.version });
    expect(await pictureCount(ctx)).toBe(2);
    ctx = await world.reopen(ctx);
    expect((await must(ctx, 'photos.list', { lesionId: lesion.id })).map((p) => p.id)).toEqual([other.id]);
    expect((await must(ctx, 'photos.picture', { id: other.id, copy: 'display' })).data).toBe(b64(OTHER_DISPLAY));
    expect((await refused(ctx, 'photos.picture', { id: first.id, copy: 'full' })).code).toBe('not_found');
    const trail = await auditTrail(ctx, { entityId: first.id });
    expect(trail.map((e) => [e.action, e.userId])).toEqual([
      ['delete', surgeon.id],
      ['create', surgeon.id],
    ]);
    expect(trail[0]).toMatchObject({ before: expect.objectContaining({ id: first.id, fileName: 'IMG_0042.jpg' }), after: null });
  });

  it('replaces a photo’s picture: the calibration is kept only when asked and the sizes match; the old picture goes', async () => {
    let ctx = await world.open();
    const { lesion } = await seed(ctx);
    const added = await must(ctx, 'photos.add', photoInput(lesion.id, { kind: 'after-stage', stageNumber: 2 }));
    const calibrated = await must(ctx, 'photos.calibrate', { id: added.id, version: added.version, calibration: CALIBRATION });
    const placed = await must(ctx, 'photos.place', { id: added.id, version: calibrated.version, placement: PLACEMENT });
    const newer = { fileName: 'IMG_0043.jpg', capturedAt: null, full: { data: b64(OTHER_FULL), width: 300, height: 200 }, display: { data: b64(OTHER_DISPLAY), width: 150, height: 100 } };
    const kept = await must(ctx, 'photos.replace', { id: added.id, version: placed.version, keepCalibration: true, ...newer });
    expect(kept).toMatchObject({ kind: 'after-stage', stageNumber: 2, fileName: 'IMG_0043.jpg', capturedAt: null, calibration: CALIBRATION, placement: PLACEMENT, version: placed.version + 1 });
    expect(await pictureCount(ctx)).toBe(2);
    expect((await must(ctx, 'photos.picture', { id: added.id, copy: 'full' })).data).toBe(b64(OTHER_FULL));
    // A picture of another size cannot keep a ruler line drawn on the old one: refused, nothing changed.
    const wide = pngOf(400, 200);
    const misfit = await refused(ctx, 'photos.replace', { id: added.id, version: kept.version, keepCalibration: true, ...newer, full: { data: b64(wide), width: 400, height: 200 }, display: { data: b64(pngOf(200, 100)), width: 200, height: 100 } });
    expect(misfit.message).toMatch(/400 × 200 pixels and the old one 300 × 200.*calibrate it again/);
    const fresh = await must(ctx, 'photos.replace', { id: added.id, version: kept.version, keepCalibration: false, ...newer, fileName: 'IMG_0044.jpg', full: { data: b64(FULL), width: 300, height: 200 }, display: { data: b64(DISPLAY), width: 150, height: 100 } });
    expect(fresh).toMatchObject({ fileName: 'IMG_0044.jpg', calibration: null, placement: null, version: kept.version + 1 });
    expect(await pictureCount(ctx)).toBe(2);
    ctx = await world.reopen(ctx);
    expect(await must(ctx, 'photos.list', { lesionId: lesion.id })).toEqual([fresh]);
    expect((await must(ctx, 'photos.picture', { id: added.id, copy: 'display' })).data).toBe(b64(DISPLAY));
    expect((await auditTrail(ctx, { entityId: added.id })).map((e) => e.action)).toEqual(['update', 'update', 'update', 'update', 'create']);
  });

  it('moves a placed photo in one audited write that survives a restart', async () => {
    let ctx = await world.open();
    const { lesion } = await seed(ctx);
    const added = await must(ctx, 'photos.add', photoInput(lesion.id));
    const calibrated = await must(ctx, 'photos.calibrate', { id: added.id, version: added.version, calibration: CALIBRATION });
    const placed = await must(ctx, 'photos.place', { id: added.id, version: calibrated.version, placement: PLACEMENT });
    const before = (await auditTrail(ctx, { entityId: added.id })).length;
    const moved = await must(ctx, 'photos.place', { id: added.id, version: placed.version, placement: { ...PLACEMENT, x: -4.25, y: 7.5 } });
    ctx = await world.reopen(ctx);
    expect((await must(ctx, 'photos.list', { lesionId: lesion.id }))[0]).toEqual(moved);
    expect(moved.placement).toEqual({ ...PLACEMENT, x: -4.25, y: 7.5 });
    const trail = await auditTrail(ctx, { entityId: added.id });
    expect(trail.length).toBe(before + 1);
    // The audit keeps what changed: the position only.
    expect(trail[0]!.action).toBe('update');
    expect(trail[0]!.changes).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/placement/x', value: -4.25 },
        { op: 'replace', path: '/placement/y', value: 7.5 },
      ]),
    );
    expect(trail[0]!.changes!.filter((c) => c.path.startsWith('/placement/'))).toHaveLength(2);
  });

  it('a signed lesion keeps its photos: no delete, no replace', async () => {
    const ctx = await world.open();
    const { lesion } = await seed(ctx);
    const photo = await must(ctx, 'photos.add', photoInput(lesion.id));
    await must(ctx, 'lesions.setOutcome', { id: lesion.id, version: lesion.version, outcome: { kind: 'cleared' } });
    const now = (await must(ctx, 'lesions.get', { id: lesion.id })).lesion;
    const reviewed = (await must(ctx, 'lesions.signWarnings', { id: lesion.id })).map((w) => w.id);
    await must(ctx, 'lesions.sign', { id: lesion.id, version: now.version, reviewed, password: TEST_PASSWORD });
    expect((await refused(ctx, 'photos.delete', { id: photo.id, version: photo.version })).code).toBe('forbidden');
    const { lesionId: _l, kind: _k, stageNumber: _s, ...pictures } = photoInput(lesion.id);
    expect((await refused(ctx, 'photos.replace', { id: photo.id, version: photo.version, keepCalibration: false, ...pictures })).code).toBe('forbidden');
    expect(await pictureCount(ctx)).toBe(2);
  });

  it('upgrading a schema 12 database moves its photo rows out of settings into lesion_photos, pictures and audit intact', async () => {
    let ctx = await world.open();
    const { lesion } = await seed(ctx);
    const plain = await must(ctx, 'photos.add', photoInput(lesion.id, { kind: 'pre-op', capturedAt: null }));
    const added = await must(ctx, 'photos.add', photoInput(lesion.id, { kind: 'after-stage', stageNumber: 1, full: { data: b64(OTHER_FULL), width: 300, height: 200 }, display: { data: b64(OTHER_DISPLAY), width: 150, height: 100 } }));
    const calibrated = await must(ctx, 'photos.calibrate', { id: added.id, version: added.version, calibration: CALIBRATION });
    const placed = await must(ctx, 'photos.place', { id: added.id, version: calibrated.version, placement: { ...PLACEMENT, shown: false } });
    await backToSchema12(ctx);
    expect((await raw(ctx, `SELECT key FROM settings WHERE key LIKE 'photo:%'`)).rows).toHaveLength(2);
    ctx = await world.reopen(ctx);
    expect(ctx.store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const listed = await must(ctx, 'photos.list', { lesionId: lesion.id });
    expect(listed).toHaveLength(2);
    expect(listed).toEqual(expect.arrayContaining([plain, placed]));
    expect((await raw(ctx, `SELECT key FROM settings WHERE key LIKE 'photo:%'`)).rows).toEqual([]);
    expect((await must(ctx, 'photos.picture', { id: added.id, copy: 'full' })).data).toBe(b64(OTHER_FULL));
    expect((await must(ctx, 'settings.get', {})).clinicName).toBeTypeOf('string');
    // Works as a new one: moved once more, and deleted.
    const moved = await must(ctx, 'photos.place', { id: added.id, version: placed.version, placement: PLACEMENT });
    await must(ctx, 'photos.delete', { id: added.id, version: moved.version });
    expect((await auditTrail(ctx, { entityId: added.id })).map((e) => e.action)).toEqual(['delete', 'update', 'update', 'update', 'create']);
  });
});
