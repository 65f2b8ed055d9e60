import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NEEDS_CHECK } from '../../../electron/store/integrity';
import { openStore } from '../../../electron/store/open';
import { useTempWorld } from './helpers';

/**
 * The full-file check runs only after an unclean exit, on its own thread: opening does not
 * wait for it, and its finding arrives on store.integrity.
 */
const world = useTempWorld();

/** A closed database with many pages of audit-sized rows. */
function bigDatabase(rows = 3000): string {
  const file = world.file();
  const store = openStore(file);
  store.db.exec(`CREATE TABLE IF NOT EXISTS bulk (id INTEGER PRIMARY KEY, body TEXT) STRICT`);
  const insert = store.db.prepare('INSERT INTO bulk (body) VALUES (?)');
  store.db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`row ${i} `.repeat(40));
  })();
  store.close();
  return file;
}

/** What a killed run leaves: the file plus a -wal with committed work, never checkpointed. */
function killedRun(file: string): string {
  const crashed = path.join(world.dir(), path.basename(file));
  const live = new Database(file);
  live.pragma('journal_mode = WAL');
  live.exec(`INSERT INTO bulk (body) VALUES ('last save before the crash')`);
  fs.copyFileSync(file, crashed);
  fs.copyFileSync(`${file}-wal`, `${crashed}-wal`);
  live.close();
  return crashed;
}

/** Overwrites a page in the middle of the file: the first pages (what opening reads) stay sound. */
function damageMiddle(file: string): void {
  const buf = fs.readFileSync(file);
  const pageSize = buf.readUInt16BE(16);
  const pages = buf.length / pageSize;
  const page = Math.floor(pages / 2);
  buf.fill(0x5a, page * pageSize + 8, (page + 1) * pageSize);
  fs.writeFileSync(file, buf);
}

describe('the integrity check after an unclean exit', () => {
  it('does not run after a clean exit, whatever the size', () => {
    const store = world.open(bigDatabase()).store;
    expect(store.integrity ?? null).toBeNull();
  });

  it('runs after a killed run, without holding up the first read, and finds a sound file ok', async () => {
    const file = killedRun(bigDatabase());
    const store = world.open(file).store;
    expect(store.integrity).not.toBeNull();
    // Answered at once, before the check's report.
    expect(store.db.prepare(`SELECT body FROM bulk ORDER BY id DESC LIMIT 1`).get()).toEqual({ body: 'last save before the crash' });
    expect(await store.integrity).toEqual({ status: 'ok' });
    expect(fs.existsSync(file + NEEDS_CHECK)).toBe(false);
  });

  it('reports damage it finds after a killed run, in words, and checks again at the next start', async () => {
    const file = bigDatabase();
    damageMiddle(file);
    const crashed = killedRun(file);
    const store = world.open(crashed).store;
    const report = await store.integrity;
    expect(report?.status).toBe('damaged');
    if (report?.status !== 'damaged') return;
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.message).toContain('not closed properly last time');
    expect(report.message).toContain('found damage');
    expect(report.message).toContain(crashed);
    store.close();
    // The marker carries the unfinished business to the next start, even after a clean close.
    expect(fs.existsSync(crashed + NEEDS_CHECK)).toBe(true);
    const again = world.open(crashed).store;
    expect((await again.integrity)?.status).toBe('damaged');
  });

  it('opens a damaged file after a clean exit (no full check on every start) and answers reads', () => {
    const file = bigDatabase();
    damageMiddle(file);
    const store = world.open(file).store;
    expect(store.integrity ?? null).toBeNull();
    expect(store.db.prepare(`SELECT count(*) AS n FROM settings`).get()).toBeDefined();
  });
});
