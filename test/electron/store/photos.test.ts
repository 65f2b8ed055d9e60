/**
 * Photos of a lesion on every engine: attached with a display copy, read back after a restart,
 * calibrated and placed with the version check, audited; what the store refuses.
 */
import { expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { pngOf, withExifChunk } from '../../fixtures/photos/pictures';
import { DISPLAY, FULL, photoInput } from './photoInput';

const b64 = (b: Buffer) => b.toString('base64');
import { tiffWithDate } from '../../shared/photos/exifBytes';
import { forEachEngine } from './engines';
import { auditTrail, must, refused, seed, TEST_PASSWORD } from './helpers';

const CALIBRATION = { x1: 10, y1: 190, x2: 110, y2: 190, lengthMm: 10 };

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
});
