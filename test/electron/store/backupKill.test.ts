import type { SqliteStore } from '../../../electron/store/open';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { listBackups, takeBackup } from '../../../electron/store/backups';
import { openStore } from '../../../electron/store/open';
import { restoreBackup } from '../../../electron/store/restore';
import { checkCopy } from '../../../electron/store/verifiedCopy';
import { makeCase, makePatient, must, signInSurgeon, TEST_AUDIT_KEY, TEST_SCRYPT_COST, useTempWorld } from './helpers';

/**
 * kill -9 in the middle of a backup or a restore loses nothing: a child process runs it, stops
 * at a step and is killed there; the database then opens with everything in it, the backup
 * folder lists only whole backups, and the next run succeeds and clears what was left.
 */
const world = useTempWorld();
const KEY = Buffer.alloc(32, 0x3c);
const CHILD = path.join(import.meta.dirname, 'backupChild.ts');
const ROOT_DIR = path.resolve(import.meta.dirname, '../../..');

function openEncrypted(file: string): ServiceContext<SqliteStore> {
  return createContext(openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: KEY }), '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });
}

/** Runs the child until it reports `step`, then kills it with SIGKILL. */
function killAt(step: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT_DIR,
      env: { ...process.env, LAYERMAP_STOP_AT: step, LAYERMAP_TEST_DB_KEY: KEY.toString('hex'), LAYERMAP_TEST_AUDIT_KEY: TEST_AUDIT_KEY.toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`AT ${step}`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended (${code}) without reaching ${step}: ${out} ${err}`))));
  });
}

async function clinic(): Promise<{ file: string; surgeonId: string; folder: string; backup: string }> {
  const ctx = openEncrypted(world.file());
  const surgeon = await signInSurgeon(ctx);
  for (const name of ['Okafor', 'Mensah']) await makeCase(ctx, (await makePatient(ctx, { familyName: name })).id, surgeon.id);
  const folder = world.dir();
  const backup = path.join(folder, takeBackup(ctx.store, folder, { appVersion: 't', now: new Date('2026-11-01T09:00:00Z') }).file);
  await makeCase(ctx, (await makePatient(ctx, { familyName: 'Later' })).id, surgeon.id);
  ctx.store.close();
  return { file: ctx.store.path, surgeonId: surgeon.id, folder, backup };
}

async function expectWhole(file: string, surgeonId: string): Promise<number> {
  const ctx = openEncrypted(file);
  try {
    ctx.session.userId = surgeonId as never;
    expect((await must(ctx, 'audit.verify', {})).intact).toBe(true);
    return (ctx.store.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    ctx.store.close();
  }
}

describe('kill -9 during a backup', () => {
  it.each(['temp-created', 'copied', 'checked', 'recording', 'rotating'])('at "%s" loses nothing and the next backup clears what was left', async (step) => {
    const { file, surgeonId, folder } = await clinic();
    await killAt(step, ['backup', file, folder]);
    expect(await expectWhole(file, surgeonId)).toBe(3);
    for (const b of listBackups(folder)) expect(checkCopy(path.join(folder, b.file), KEY).schemaVersion).toBeGreaterThan(0);
    for (const name of fs.readdirSync(folder)) expect(fs.statSync(path.join(folder, name)).mode & 0o077).toBe(0);
    const ctx = openEncrypted(file);
    const m = takeBackup(ctx.store, folder, { appVersion: 't' });
    ctx.store.close();
    expect(m.caseCount).toBe(3);
    expect(fs.readdirSync(folder).filter((n) => n.endsWith('.partial'))).toEqual([]);
  }, 30_000);
});

describe('kill -9 during a restore', () => {
  it.each(['checking', 'copying', 'recording', 'keeping-aside', 'swapping', 'done'])('at "%s" leaves the old database or the whole restored one, and a retry restores', async (step) => {
    const { file, surgeonId, backup } = await clinic();
    await killAt(step, ['restore', file, backup, surgeonId]);
    const cases = await expectWhole(file, surgeonId);
    expect(cases).toBe(step === 'done' ? 2 : 3);
    await restoreBackup(file, backup, { databaseKey: KEY, auditKey: TEST_AUDIT_KEY, restoredBy: surgeonId as never });
    expect(await expectWhole(file, surgeonId)).toBe(2);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.partial'))).toEqual([]);
  }, 30_000);
});
