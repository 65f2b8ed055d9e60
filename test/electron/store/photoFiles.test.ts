/**
 * A single computer's photos: sealed files beside the database (never in it), readable only with
 * its key, backed up incrementally beside the backups and brought back by a restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { takeBackup } from '../../../electron/store/backups';
import { openStore, type SqliteStore } from '../../../electron/store/open';
import { BACKUP_PHOTO_FOLDER } from '../../../electron/store/photoBackup';
import { photoFolderBeside } from '../../../electron/store/photoImages';
import { restoreBackup } from '../../../electron/store/restore';
import { pngOf } from '../../fixtures/photos/pictures';
import { must, refused, seed, TEST_AUDIT_KEY, TEST_SCRYPT_COST, useTempWorld } from './helpers';
import { FULL, photoInput } from './photoInput';

const world = useTempWorld();
const KEY = Buffer.alloc(32, 0x3c);

function openEncrypted(file: string, key = KEY): ServiceContext<SqliteStore> {
  const store = openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: key });
  return createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });
}
const b64 = (b: Buffer) => b.toString('base64');
const files = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []);

describe('photo files on this computer', () => {
  it('keeps each picture once, sealed, owner-only, beside the database and not in it', async () => {
    const ctx = openEncrypted(world.file());
    const { lesion } = await seed(ctx);
    ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const sizeBefore = fs.statSync(ctx.store.path).size;
    const photo = await must(ctx, 'photos.add', photoInput(lesion.id));
    // The same picture again is stored once (content-addressed): two files, the full picture and its display copy.
    await must(ctx, 'photos.add', photoInput(lesion.id));
    const folder = photoFolderBeside(ctx.store.path);
    const names = files(folder);
    expect(names).toHaveLength(2);
    for (const n of names) {
      const bytes = fs.readFileSync(path.join(folder, n));
      expect(fs.statSync(path.join(folder, n)).mode & 0o777).toBe(0o600);
      expect(bytes.subarray(0, 4).toString()).toBe('LMP1');
      // Ciphertext: neither the PNG signature nor its IDAT appears in the file.
      expect(bytes.includes(Buffer.from('IDAT'))).toBe(false);
    }
    ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    // The database grew by a record, not by a picture.
    expect(fs.statSync(ctx.store.path).size - sizeBefore).toBeLessThan(FULL.length);
    expect((await must(ctx, 'photos.picture', { id: photo.id, copy: 'full' })).data).toBe(b64(FULL));
  });

  it('a damaged photo file is said so, and the records still open', async () => {
    const ctx = openEncrypted(world.file());
    const { lesion } = await seed(ctx);
    const photo = await must(ctx, 'photos.add', photoInput(lesion.id));
    const folder = photoFolderBeside(ctx.store.path);
    for (const n of files(folder)) {
      const f = path.join(folder, n);
      const b = fs.readFileSync(f);
      b[b.length - 20] = (b[b.length - 20] as number) ^ 0xff;
      fs.writeFileSync(f, b);
    }
    const e = await refused(ctx, 'photos.picture', { id: photo.id, copy: 'full' });
    expect(e.message).toMatch(/damaged or was sealed with another database's key/);
    expect(await must(ctx, 'photos.list', { lesionId: lesion.id })).toHaveLength(1);
  });

  it('backups copy only the photo files the backup folder lacks, and a restore brings them back', async () => {
    const ctx = openEncrypted(world.file());
    const { lesion, surgeon } = await seed(ctx);
    await must(ctx, 'photos.add', photoInput(lesion.id));
    const backups = world.dir();
    const first = takeBackup(ctx.store, backups, { appVersion: 't', now: new Date('2026-11-28T10:00:00Z') });
    expect(first.photos).toMatchObject({ folder: BACKUP_PHOTO_FOLDER, files: 2, copied: 2 });
    const second = takeBackup(ctx.store, backups, { appVersion: 't', now: new Date('2026-11-28T11:00:00Z') });
    expect(second.photos).toMatchObject({ files: 2, copied: 0, copiedBytes: 0 });
    const other = pngOf(120, 80, () => [200, 0, 0]);
    await must(ctx, 'photos.add', photoInput(lesion.id, { full: { data: b64(other), width: 120, height: 80 }, display: { data: b64(other), width: 120, height: 80 } }));
    const third = takeBackup(ctx.store, backups, { appVersion: 't', now: new Date('2026-11-28T12:00:00Z') });
    // Full and display copy are the same picture here: one new file.
    expect(third.photos).toMatchObject({ files: 3, copied: 1 });
    expect(files(path.join(backups, BACKUP_PHOTO_FOLDER))).toEqual(files(photoFolderBeside(ctx.store.path)));

    // The computer's photo folder is lost; restoring the last backup brings every picture back.
    const file = ctx.store.path;
    ctx.store.close();
    fs.rmSync(photoFolderBeside(file), { recursive: true });
    await restoreBackup(file, path.join(backups, third.file), { databaseKey: KEY, auditKey: TEST_AUDIT_KEY, restoredBy: surgeon.id as never });
    const again = openEncrypted(file);
    again.session.userId = surgeon.id;
    const photos = await must(again, 'photos.list', { lesionId: lesion.id });
    expect(photos).toHaveLength(2);
    expect((await must(again, 'photos.picture', { id: photos[1]!.id, copy: 'display' })).data).toBe(b64(other));
  });
});
