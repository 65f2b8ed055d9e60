import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../electron/store/migrations';
import { openStore, StoreOpenError } from '../../../electron/store/open';
import { anAdministrator, folderListing, must, seed, sha256, sidecars, signInAs, useTempWorld } from './helpers';

const world = useTempWorld();

const APP_TABLES = ['audit_events', 'blocks', 'cases', 'lesions', 'margin_findings', 'patients', 'settings', 'stages', 'users'];

function pragmas(db: Database.Database) {
  return {
    journal: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
    foreignKeys: db.pragma('foreign_keys', { simple: true }),
  };
}

/** Opening must throw StoreOpenError; returns it. */
function openFails(file: string): StoreOpenError {
  try {
    openStore(file).close();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreOpenError);
    return e as StoreOpenError;
  }
  throw new Error(`openStore(${file}) unexpectedly succeeded`);
}

/** A closed real Layermap database with some records in it. */
async function realDatabase(): Promise<string> {
  const file = world.file();
  const ctx = world.open(file);
  await seed(ctx);
  ctx.store.close();
  expect(sidecars(file)).toEqual([]);
  return file;
}

describe('openStore: a new file', () => {
  it('creates the latest schema, and app.info reports it', async () => {
    const ctx = world.open(world.file());
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    expect(ctx.store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ctx.store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(await must(ctx, 'app.info')).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, databasePath: ctx.store.path });
  });

  it('sets WAL, synchronous=FULL and foreign_keys=ON, and again on every reopen', async () => {
    const file = world.file();
    let ctx = world.open(file);
    expect(pragmas(ctx.store.db)).toEqual({ journal: 'wal', synchronous: 2, foreignKeys: 1 });
    await seed(ctx);
    for (let i = 0; i < 2; i++) {
      ctx.store.close();
      ctx = world.open(file);
      expect(pragmas(ctx.store.db)).toEqual({ journal: 'wal', synchronous: 2, foreignKeys: 1 });
    }
    // A plain connection shows what openStore overrides: WAL databases default to NORMAL (1).
    const plain = new Database(file);
    try {
      expect(plain.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      plain.close();
    }
  });

  it('enforces foreign keys: a case for a missing patient is refused by the database itself', async () => {
    const ctx = world.open(world.file());
    const { surgeon } = await seed(ctx);
    expect(() =>
      ctx.store.db
        .prepare(`INSERT INTO cases (id, patient_id, surgeon_id, date_of_surgery, version, created_at, updated_at) VALUES ('x', 'nobody', ?, '2026-01-01', 1, 'now', 'now')`)
        .run(surgeon.id),
    ).toThrow(/FOREIGN KEY/);
  });

  it('makes the file (and its WAL) readable by this user only, in a new private folder', async () => {
    const file = path.join(world.dir(), 'clinic', 'data', 'layermap.sqlite');
    const ctx = world.open(file);
    await seed(ctx);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('makes every app table STRICT', () => {
    const ctx = world.open(world.file());
    const tables = (ctx.store.db.pragma('table_list') as { schema: string; name: string; type: string; strict: number }[]).filter(
      (t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'),
    );
    expect(tables.map((t) => t.name).sort()).toEqual(expect.arrayContaining(APP_TABLES));
    for (const t of tables) expect({ table: t.name, strict: t.strict }).toEqual({ table: t.name, strict: 1 });
    // STRICT in practice: a string where an integer belongs is refused, not stored.
    expect(() =>
      ctx.store.db.prepare(`INSERT INTO settings (key, value_json, version, updated_at) VALUES ('k', '1', 'one', 'now')`).run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('creates a missing file and its folders in one step, with no background check (nothing to check)', () => {
    const file = path.join(world.dir(), 'new', 'layermap.sqlite');
    const ctx = world.open(file);
    expect(ctx.store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ctx.store.integrity ?? null).toBeNull();
  });
});

describe('openStore: refusals leave the file exactly as it was', () => {
  it('refuses an existing empty (0-byte) file: never replaces it, never deletes its -wal', async () => {
    const file = world.file();
    fs.writeFileSync(file, '');
    // What a killed copy or a crash can leave: the main file cut to nothing, recent work in the -wal.
    const walBytes = fs.readFileSync(`${await realDatabase()}`);
    fs.writeFileSync(`${file}-wal`, walBytes);
    const walHash = sha256(`${file}-wal`);
    const listing = folderListing(file);

    const err = openFails(file);
    expect(err.kind).toBe('empty');
    expect(err.message).toContain('is empty (0 bytes)');
    expect(err.message).toContain('-wal');
    expect(err.message).toContain('will not replace it');
    expect(fs.statSync(file).size).toBe(0);
    expect(sha256(`${file}-wal`)).toBe(walHash);
    expect(folderListing(file)).toEqual(listing);
  });

  it('refuses an empty file without a -wal the same way, and says nothing of a -wal', () => {
    const file = world.file();
    fs.writeFileSync(file, '');
    const err = openFails(file);
    expect(err.kind).toBe('empty');
    expect(err.message).not.toContain('-wal');
    expect(folderListing(file)).toEqual([path.basename(file)]);
    expect(fs.statSync(file).size).toBe(0);
  });

  it('refuses a path that is a folder, naming it and suggesting a file inside, creating nothing', () => {
    const folder = world.dir();
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'keep');
    const err = openFails(folder);
    expect(err.kind).toBe('not-a-file');
    expect(err.message).toContain(`${folder} is a folder`);
    expect(fs.readdirSync(folder)).toEqual(['notes.txt']);
  });

  it('refuses a database from a newer Layermap, touching nothing', async () => {
    const file = await realDatabase();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(sidecars(file)).toEqual([]);
    const hash = sha256(file);
    const listing = folderListing(file);

    const err = openFails(file);
    expect(err.kind).toBe('newer');
    expect(err.message).toContain('newer version of Layermap');
    expect(err.message).toContain(`schema ${LATEST_SCHEMA_VERSION + 1}`);
    expect(err.message).toContain('has not been changed');
    expect(sha256(file)).toBe(hash);
    expect(folderListing(file)).toEqual(listing);
  });

  it('refuses a newer database that another program has open (its -wal exists), without changing it', async () => {
    const file = await realDatabase();
    const other = new Database(file);
    other.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    // The newer version lives only in the -wal: the main file's header still says the old one.
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    try {
      const hash = sha256(file);
      const walHash = sha256(`${file}-wal`);
      const err = openFails(file);
      expect(err.kind).toBe('newer');
      expect(sha256(file)).toBe(hash);
      expect(sha256(`${file}-wal`)).toBe(walHash);
    } finally {
      other.close();
    }
  });

  const garbage: Record<string, (file: string) => void | Promise<void>> = {
    // Whole 4096-byte pages of random bytes are what an encrypted file looks like without its
    // key (openKeyStates.test.ts); a length that is no whole page count is damage.
    'random bytes': (file) => fs.writeFileSync(file, crypto.randomBytes(16000)),
    'a short text file': (file) => fs.writeFileSync(file, 'patients.csv\n'),
    'the first 5000 bytes of a real database': async (file) => {
      const real = fs.readFileSync(await realDatabase());
      fs.writeFileSync(file, real.subarray(0, 5000));
    },
    'a real database with its pages after the first overwritten with junk': async (file) => {
      const real = Buffer.from(fs.readFileSync(await realDatabase()));
      const pageSize = real.readUInt16BE(16);
      crypto.randomFillSync(real, pageSize);
      fs.writeFileSync(file, real);
    },
  };
  for (const [what, write] of Object.entries(garbage)) {
    it(`refuses ${what} as corrupt, touching nothing`, async () => {
      const file = world.file();
      await write(file);
      const hash = sha256(file);
      const listing = folderListing(file);

      const err = openFails(file);
      expect(err.kind).toBe('corrupt');
      expect(err.message).toContain('It has not been changed');
      expect(err.message).toContain(file);
      expect(sha256(file)).toBe(hash);
      expect(folderListing(file)).toEqual(listing);
    });
  }

  it("refuses another program's SQLite database instead of adding Layermap tables to it", () => {
    const file = world.file('someone-elses.sqlite');
    const raw = new Database(file);
    raw.exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5);`);
    raw.close();
    const hash = sha256(file);
    const listing = folderListing(file);

    const err = openFails(file);
    expect(err.kind).toBe('corrupt');
    expect(err.message).toMatch(/not a Layermap database/);
    expect(sha256(file)).toBe(hash);
    expect(folderListing(file)).toEqual(listing);
  });

  it('opens the same file again after a refusal was fixed (no stale state left behind)', async () => {
    const file = await realDatabase();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(openFails(file).kind).toBe('newer');
    const fix = new Database(file);
    fix.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    fix.close();
    const ctx = world.open(file);
    // Signed in again after the fix (the seed's surgeon, who is the clinic's administrator).
    await signInAs(ctx, { id: await anAdministrator(ctx) });
    expect(await must(ctx, 'cases.search', { text: '' })).toHaveLength(1);
  });
});
