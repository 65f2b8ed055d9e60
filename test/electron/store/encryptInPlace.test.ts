import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyDatabaseKey } from '../../../electron/store/databaseKey';
import { encryptInPlace, encryptingCopyOf, plaintextAsideOf, type ConversionStep } from '../../../electron/store/encryptInPlace';
import { openStore } from '../../../electron/store/open';
import { createContext } from '../../../electron/services/context';
import { makePatient, patientInput, setUpClinic, signInSurgeon, TEST_AUDIT_KEY, TEST_SCRYPT_COST, useTempWorld } from './helpers';

/**
 * A plaintext database encrypted in place: the records come through unchanged, no patient's
 * name is left in the folder in clear, and a kill -9 at any step loses nothing (the next start
 * finishes or undoes what the killed one began).
 */
const world = useTempWorld();
const KEY = Buffer.alloc(32, 0x3c);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const CHILD = path.join(import.meta.dirname, 'encryptChild.ts');

/** A plaintext clinic database with a signed-in surgeon's patients and their audit rows. */
async function plaintextClinic(): Promise<string> {
  const file = world.file();
  const store = openStore(file, { auditKey: TEST_AUDIT_KEY });
  const ctx = createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });
  await setUpClinic(ctx);
  await signInSurgeon(ctx);
  await makePatient(ctx, patientInput({ familyName: 'Okafor', givenName: 'Grace', mrn: 'MRN-100234', dateOfBirth: '1961-07-14' }));
  await makePatient(ctx, patientInput({ familyName: 'Lindqvist', givenName: 'Maja', mrn: 'MRN-100235' }));
  store.close();
  return file;
}

/** Every table's rows, as the app reads them with the key (or without, for a plaintext file). */
function content(file: string, key?: Buffer): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (key) applyDatabaseKey(db, key);
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

const clearText = (file: string): string[] =>
  fs.readdirSync(path.dirname(file)).filter((n) => ['Okafor', 'MRN-100234', '1961-07-14'].some((s) => fs.readFileSync(path.join(path.dirname(file), n)).includes(s)));

function runChild(file: string, pauseAt?: ConversionStep): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, KEY.toString('hex'), ...(pauseAt ? [pauseAt] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (pauseAt && out.includes(`paused ${pauseAt}`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' || code === 0 ? resolve(out) : reject(new Error(`child exit ${code}: ${err}`))));
  });
}

describe('encrypting a plaintext database in place', () => {
  it('keeps every record, leaves no name in clear, and the app opens it with the key', async () => {
    const file = await plaintextClinic();
    const before = content(file);
    expect(clearText(file).length).toBeGreaterThan(0);

    expect(encryptInPlace(file, KEY)).toBe('converted');

    expect(content(file, KEY)).toEqual(before);
    expect(clearText(file)).toEqual([]);
    expect(fs.existsSync(encryptingCopyOf(file))).toBe(false);
    expect(fs.existsSync(plaintextAsideOf(file))).toBe(false);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const store = openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: KEY });
    store.close();
    expect(encryptInPlace(file, KEY)).toBe('already-encrypted');
    expect(content(file, KEY)).toEqual(before);
  });

  it('leaves a file it cannot read as it was, with no copy beside it', () => {
    const file = world.file();
    fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(200, 9)]));
    const bytes = fs.readFileSync(file);
    expect(() => encryptInPlace(file, KEY)).toThrow();
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  const steps: ConversionStep[] = ['copied', 'encrypted', 'verified', 'original-aside', 'swapped'];
  for (const step of steps) {
    it(`loses nothing when killed -9 after "${step}": the next start finishes or undoes it`, async () => {
      const file = await plaintextClinic();
      const before = content(file);
      expect(await runChild(file, step)).toContain(`paused ${step}`);

      expect(encryptInPlace(file, KEY)).toMatch(/converted|already-encrypted/);
      expect(content(file, KEY)).toEqual(before);
      // Only the database and its audit head (which the conversion never touches) are left.
      expect(fs.readdirSync(path.dirname(file)).sort()).toEqual([path.basename(file), `${path.basename(file)}.audit-head`]);
      expect(clearText(file)).toEqual([]);
    }, 30_000);
  }

  it('runs to the end in a child process too', async () => {
    const file = await plaintextClinic();
    const before = content(file);
    expect(await runChild(file)).toContain('done converted');
    expect(content(file, KEY)).toEqual(before);
  }, 30_000);
});

/** An upgrade backup as a version before encryption left it: a plaintext copy beside the database. */
function plaintextUpgradeBackup(file: string): string {
  const backup = `${file}.before-v7-1700000000000.sqlite`;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(backup);
  } finally {
    db.close();
  }
  return backup;
}

describe('upgrade backups taken before the conversion', () => {
  it('are encrypted once the database is: the same records, no name left in clear', async () => {
    const file = await plaintextClinic();
    const backup = plaintextUpgradeBackup(file);
    const before = content(backup);

    expect(encryptInPlace(file, KEY)).toBe('converted');

    expect(content(backup, KEY)).toEqual(before);
    expect(clearText(file)).toEqual([]);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual([path.basename(file), `${path.basename(file)}.audit-head`, path.basename(backup)].sort());
  });

  for (const step of ['encrypted', 'original-aside'] as const) {
    it(`lose nothing when the backup's conversion is killed -9 after "${step}"`, async () => {
      const file = await plaintextClinic();
      const backup = plaintextUpgradeBackup(file);
      const before = content(backup);
      // The start that converted the database was killed before it came to the backup.
      fs.renameSync(backup, `${backup}.held`);
      expect(encryptInPlace(file, KEY)).toBe('converted');
      fs.renameSync(`${backup}.held`, backup);
      expect(await runChild(file, step)).toContain(`paused ${step}`);

      expect(encryptInPlace(file, KEY)).toBe('already-encrypted');
      expect(content(backup, KEY)).toEqual(before);
      expect(clearText(file)).toEqual([]);
      expect(fs.existsSync(encryptingCopyOf(backup))).toBe(false);
      expect(fs.existsSync(plaintextAsideOf(backup))).toBe(false);
    }, 30_000);
  }

  it('one that cannot be encrypted does not stop the database from opening; it is tried again later', async () => {
    const file = await plaintextClinic();
    const broken = `${file}.before-v6-1600000000000.sqlite`;
    fs.writeFileSync(broken, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(200, 9)]));
    const error = console.error;
    console.error = () => undefined;
    try {
      expect(encryptInPlace(file, KEY)).toBe('converted');
    } finally {
      console.error = error;
    }
    expect(fs.existsSync(broken)).toBe(true);
    expect(fs.existsSync(encryptingCopyOf(broken))).toBe(false);
  });
});
