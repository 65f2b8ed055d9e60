import type { SqliteStore } from '../../../electron/store/open';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { checkBackupFolder, listBackups, manifestFor, recoveryFileBeside, takeBackup } from '../../../electron/store/backups';
import { openStore } from '../../../electron/store/open';
import { previewBackup, restoreBackup } from '../../../electron/store/restore';
import { checkCopy } from '../../../electron/store/verifiedCopy';
import { makeCase, makePatient, must, signInSurgeon, TEST_AUDIT_KEY, TEST_SCRYPT_COST, useTempWorld } from './helpers';

const world = useTempWorld();
const KEY = Buffer.alloc(32, 0x3c);

function openEncrypted(file: string): ServiceContext<SqliteStore> {
  const store = openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: KEY });
  return createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });
}

async function clinicWithCases(n: number): Promise<{ ctx: ServiceContext<SqliteStore>; surgeonId: string }> {
  const ctx = openEncrypted(world.file());
  const surgeon = await signInSurgeon(ctx);
  for (let i = 0; i < n; i++) {
    const p = await makePatient(ctx, { familyName: i === 0 ? 'Okafor' : `Family${i}`, givenName: 'Grace' });
    await makeCase(ctx, p.id, surgeon.id);
  }
  return { ctx, surgeonId: surgeon.id };
}

const caseCount = (ctx: ServiceContext<SqliteStore>) => (ctx.store.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;

describe('takeBackup', () => {
  it('writes a checked, owner-only, encrypted copy with a manifest naming its cases, last change and audit head', async () => {
    const { ctx } = await clinicWithCases(3);
    fs.writeFileSync(recoveryFileBeside(ctx.store.path), 'wrapped keys', { mode: 0o600 });
    const folder = world.dir();
    const steps: string[] = [];
    const m = takeBackup(ctx.store, folder, { appVersion: '1.2.3', now: new Date('2026-11-28T14:05:09Z'), onProgress: (p) => steps.push(p.step) });
    const file = path.join(folder, 'layermap-2026-11-28T140509Z.sqlite');
    expect(m).toMatchObject({ file: path.basename(file), caseCount: 3, schemaVersion: ctx.store.schemaVersion, appVersion: '1.2.3', encrypted: true });
    const tail = ctx.store.db.prepare('SELECT seq, at, chain FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; at: string; chain: string };
    expect(m.auditHead).toEqual({ seq: tail.seq, chain: tail.chain });
    expect(m.lastChange).toBe(tail.at);
    expect(steps).toEqual(['copying', 'checking', 'recording', 'rotating', 'done']);
    for (const f of [file, manifestFor(file), path.join(folder, `${m.file}.recovery`)]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(folder, `${m.file}.recovery`), 'utf8')).toBe('wrapped keys');
    // Ciphertext: no patient name in the bytes, and it opens only with the key.
    expect(fs.readFileSync(file).includes('Okafor')).toBe(false);
    expect(() => checkCopy(file, null)).toThrow();
    expect(checkCopy(file, KEY).caseCount).toBe(3);
    expect(listBackups(folder).map((b) => b.file)).toEqual([m.file]);
    // Nothing but the backup, its manifest and its recovery copy: no temp file left behind.
    expect(fs.readdirSync(folder).sort()).toEqual([m.file, `${m.file}.json`, `${m.file}.recovery`].sort());
  });

  it('rotates as it goes: 30 daily backups leave the newest 7 days plus the newest of the older weeks', async () => {
    const { ctx } = await clinicWithCases(1);
    const folder = world.dir();
    for (let day = 1; day <= 30; day++) takeBackup(ctx.store, folder, { appVersion: 't', now: new Date(Date.UTC(2026, 10, day, 9)) });
    const kept = listBackups(folder).map((b) => b.createdAt.slice(0, 10));
    expect(kept.slice(0, 7)).toEqual(['2026-11-30', '2026-11-29', '2026-11-28', '2026-11-27', '2026-11-26', '2026-11-25', '2026-11-24']);
    // The 4 most recent weeks (Monday first) count this one: weeks of 30, 23, 16 and 9 November.
    expect(kept).toEqual([...kept.slice(0, 7), '2026-11-22', '2026-11-15']);
    expect(fs.readdirSync(folder)).toHaveLength(kept.length * 2);
  });

  it('says clearly when no folder is chosen, the folder is missing, or it is full, and writes nothing', async () => {
    const { ctx } = await clinicWithCases(1);
    expect(checkBackupFolder('')?.message).toMatch(/No backup folder is chosen/);
    const gone = path.join(world.dir(), 'unplugged-disk');
    expect(() => takeBackup(ctx.store, gone, { appVersion: 't' })).toThrow(/cannot be found. Connect the backup disk/);
    expect(fs.existsSync(gone)).toBe(false);
    expect(checkBackupFolder(world.dir(), Number.MAX_SAFE_INTEGER)?.kind).toBe('folder-full');
  });
});

describe('restore', () => {
  it('previews a backup read-only, then swaps it in: later changes gone, the old file kept aside, the restore audited by its administrator', async () => {
    const { ctx, surgeonId } = await clinicWithCases(2);
    const folder = world.dir();
    const m = takeBackup(ctx.store, folder, { appVersion: 't' });
    const backupFile = path.join(folder, m.file);
    const backupBytes = fs.readFileSync(backupFile);
    const later = await makePatient(ctx, { familyName: 'Later' });
    await makeCase(ctx, later.id, surgeonId);
    expect(caseCount(ctx)).toBe(3);

    const preview = previewBackup(backupFile, KEY);
    expect(preview.caseCount).toBe(2);
    expect(preview.contents).toMatchObject({ patientCount: 2, caseCount: 2 });
    expect(JSON.stringify(preview)).not.toMatch(/Okafor|Family1|Grace/);
    expect(fs.readFileSync(backupFile).equals(backupBytes)).toBe(true);

    const file = ctx.store.path;
    ctx.store.close();
    const outcome = await restoreBackup(file, backupFile, { databaseKey: KEY, auditKey: TEST_AUDIT_KEY, restoredBy: surgeonId as never });
    expect(fs.readFileSync(backupFile).equals(backupBytes)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const again = openEncrypted(file);
    again.session.userId = surgeonId as never;
    expect(caseCount(again)).toBe(2);
    const last = (await must(again, 'audit.list', {})).find((e) => e.action === 'restore');
    expect(last).toMatchObject({ userId: surgeonId, entityId: 'database', after: { backup: m.file, caseCount: 2 } });
    expect((await must(again, 'audit.verify', {})).intact).toBe(true);
    // The app answers and writes on the restored file.
    await makePatient(again, { familyName: 'AfterRestore' });
    again.store.close();

    const kept = openEncrypted(outcome.keptAside);
    expect(caseCount(kept)).toBe(3);
    kept.store.close();
  });

  it('refuses a backup whose bytes no longer match its manifest, leaving the database as it was', async () => {
    const { ctx, surgeonId } = await clinicWithCases(1);
    const folder = world.dir();
    const m = takeBackup(ctx.store, folder, { appVersion: 't' });
    const backupFile = path.join(folder, m.file);
    const bytes = fs.readFileSync(backupFile);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    fs.writeFileSync(backupFile, bytes);
    const file = ctx.store.path;
    ctx.store.close();
    const before = fs.readFileSync(file);
    await expect(restoreBackup(file, backupFile, { databaseKey: KEY, auditKey: TEST_AUDIT_KEY, restoredBy: surgeonId as never })).rejects.toThrow(/checksum differs/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('restor'))).toEqual([]);
  });
});
