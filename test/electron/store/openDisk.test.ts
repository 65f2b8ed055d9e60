import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreOpenError } from '../../../electron/store/open';
import { folderListing, sha256, useTempWorld } from './helpers';

/**
 * A healthy database on a full disk or a read-only drive, staged on a small tmpfs (root
 * only: CI runs as root; elsewhere these tests are reported as skipped, never passed).
 */
const world = useTempWorld();
const ROOT = process.getuid?.() === 0;
const mounts: string[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) execFileSync('umount', [m]);
});

function smallDisk(sizeKb: number): string {
  const dir = world.dir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

/** A closed Layermap database with a little data, on the given folder. */
function database(dir: string): string {
  const file = path.join(dir, 'layermap.sqlite');
  const store = openStore(file);
  store.db.exec(`INSERT INTO settings (key, value_json, version, updated_at) VALUES ('probe', '"x"', 1, 'now')`);
  store.close();
  return file;
}

/** Fills the rest of the disk. */
function fill(dir: string): void {
  try {
    fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(64 * 1024 * 1024));
  } catch (e) {
    expect((e as { code?: string }).code).toBe('ENOSPC');
  }
}

function openFails(file: string): StoreOpenError {
  try {
    openStore(file).close();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreOpenError);
    return e as StoreOpenError;
  }
  throw new Error('the open unexpectedly succeeded');
}

describe.runIf(ROOT)('openStore on a full disk or a read-only drive (tmpfs)', () => {
  it('calls a healthy database on a full disk a full disk, not damaged, and changes nothing', () => {
    const dir = smallDisk(2048);
    const file = database(dir);
    fill(dir);
    const hash = sha256(file);
    const listing = folderListing(file);
    const err = openFails(file);
    expect(err.kind).toBe('disk-full');
    expect(err.message).toMatch(/disk holding the database .* is full/);
    expect(err.message).toContain('is not damaged');
    expect(err.message).not.toMatch(/damaged or/);
    expect(sha256(file)).toBe(hash);
    expect(folderListing(file)).toEqual(listing);
    // With room again it opens as it was.
    fs.rmSync(path.join(dir, 'filler'));
    const store = openStore(file);
    expect(store.db.prepare(`SELECT value_json FROM settings WHERE key = 'probe'`).get()).toEqual({ value_json: '"x"' });
    store.close();
  });

  it('on a disk too full for a new database says so and leaves no empty file behind', () => {
    const dir = smallDisk(1024);
    fill(dir);
    const file = path.join(dir, 'layermap.sqlite');
    const err = openFails(file);
    expect(err.kind).toBe('disk-full');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('when SQLite itself meets the full disk (just enough room to pass the first look), still says full disk', () => {
    const dir = smallDisk(2048);
    const file = database(dir);
    // Leave a little over the 1 MiB the first look asks for, then take it at SQLite's -shm/-wal.
    const free = () => { const s = fs.statfsSync(dir); return s.bavail * s.bsize; };
    fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(Math.max(0, free() - 1024 * 1024 - 4096)));
    expect(free()).toBeGreaterThanOrEqual(1024 * 1024);
    const raw = new Database(file, { readonly: true });
    raw.close();
    const hash = sha256(file);
    let outcome: string;
    try {
      openStore(file).close();
      outcome = 'opened';
    } catch (e) {
      outcome = (e as StoreOpenError).kind;
    }
    // Either there was room enough to open, or the refusal names the full disk: never "corrupt".
    expect(['opened', 'disk-full']).toContain(outcome);
    expect(sha256(file)).toBe(hash);
  });

  it('refuses a database on a read-only drive as read-only, file unchanged', () => {
    const dir = smallDisk(2048);
    const file = database(dir);
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const hash = sha256(file);
    const listing = folderListing(file);
    const err = openFails(file);
    expect(err.kind).toBe('read-only-volume');
    expect(err.message).toContain('read-only drive');
    expect(sha256(file)).toBe(hash);
    expect(folderListing(file)).toEqual(listing);
  });
});
