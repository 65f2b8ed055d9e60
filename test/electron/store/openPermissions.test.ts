import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderListing, sha256, useTempWorld } from './helpers';

/**
 * Permission states as a clinic user meets them. Root ignores file modes, so as root (CI)
 * the open runs in a child process as `nobody` (setpriv); as any other user it runs directly.
 */
const world = useTempWorld();
const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const CHILD = path.join(import.meta.dirname, 'openChild.ts');

type Outcome = { ok: true; schemaVersion: number } | { ok: false; kind: string; message: string };

/**
 * The child as `nobody` cannot be assumed to reach this checkout (CI clones into a folder
 * only root may enter), so it runs from a self-contained bundle in a folder it can read:
 * the store's code in one file and the native SQLite module beside it.
 */
let childDir = '';
let child: string[] = [];
beforeAll(async () => {
  if (!ROOT) {
    child = ['--import', 'tsx', CHILD];
    return;
  }
  childDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-child-'));
  fs.chmodSync(childDir, 0o755);
  const bundle = path.join(childDir, 'openChild.mjs');
  await build({
    entryPoints: [CHILD],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'error',
    // CommonJS inside the bundle (better-sqlite3) needs a real require.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const native = path.join(childDir, 'better_sqlite3.node');
  fs.copyFileSync(path.resolve(import.meta.dirname, '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node'), native);
  for (const f of [bundle, native]) fs.chmodSync(f, 0o755);
  process.env.LAYERMAP_SQLITE_BINDING = native;
  child = [bundle];
});
afterAll(() => {
  delete process.env.LAYERMAP_SQLITE_BINDING;
  if (childDir) fs.rmSync(childDir, { recursive: true, force: true });
});

function openAsUser(file: string): Outcome {
  const node = [process.execPath, ...child, file];
  const [cmd, ...args] = ROOT ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node] : node;
  const out = execFileSync(cmd!, args, { cwd: ROOT ? childDir : path.resolve(import.meta.dirname, '../../..'), encoding: 'utf8', env: { ...process.env, HOME: '/tmp' } });
  return JSON.parse(out.trim().split('\n').pop()!) as Outcome;
}

/** A folder the user owns (traversable from the temp root), holding a real database. */
function userFolder(withDatabase: boolean): { dir: string; file: string } {
  const dir = world.dir();
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, 'layermap.sqlite');
  if (withDatabase) world.open(file).store.close();
  if (ROOT) for (const p of fs.readdirSync(dir)) fs.chownSync(path.join(dir, p), NOBODY, NOBODY);
  if (ROOT) fs.chownSync(dir, NOBODY, NOBODY);
  return { dir, file };
}

function refusal(outcome: Outcome): { kind: string; message: string } {
  if (outcome.ok) throw new Error('the open unexpectedly succeeded');
  return outcome;
}

describe('openStore as a clinic user: permissions', () => {
  it('opens a database the user owns (the child set-up itself works)', () => {
    const { file } = userFolder(true);
    expect(openAsUser(file)).toMatchObject({ ok: true });
  });

  it('refuses a read-only file at open (never an app whose every save fails), file unchanged', () => {
    const { file } = userFolder(true);
    fs.chmodSync(file, 0o444);
    const hash = sha256(file);
    const listing = folderListing(file);
    const r = refusal(openAsUser(file));
    expect(r.kind).toBe('read-only-file');
    expect(r.message).toContain('read-only for this user');
    expect(r.message).toContain('has not been changed');
    expect(sha256(file)).toBe(hash);
    expect(folderListing(file)).toEqual(listing);
  });

  it('refuses a database in a read-only folder (SQLite needs its -wal beside it), not "damaged"', () => {
    const { dir, file } = userFolder(true);
    fs.chmodSync(dir, 0o555);
    const hash = sha256(file);
    const listing = folderListing(file);
    const r = refusal(openAsUser(file));
    expect(r.kind).toBe('read-only-folder');
    expect(r.message).toContain(`may not create files in the folder ${dir}`);
    expect(r.message).not.toMatch(/damaged/);
    expect(sha256(file)).toBe(hash);
    expect(folderListing(file)).toEqual(listing);
  });

  it('refuses a read-only folder with no file yet with a sentence, not a raw EACCES', () => {
    const { dir, file } = userFolder(false);
    fs.chmodSync(dir, 0o555);
    const r = refusal(openAsUser(file));
    expect(r.kind).toBe('read-only-folder');
    expect(r.message).not.toMatch(/EACCES/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a file the user may not read, file unchanged', () => {
    const { file } = userFolder(true);
    if (ROOT) fs.chownSync(file, 0, 0);
    fs.chmodSync(file, 0o600);
    if (!ROOT) fs.chmodSync(file, 0o000);
    const hash = sha256(file);
    const listing = folderListing(file);
    const r = refusal(openAsUser(file));
    expect(r.kind).toBe('no-permission');
    expect(r.message).toContain('may not read its database');
    expect(sha256(file)).toBe(hash);
    expect(folderListing(file)).toEqual(listing);
  });

  it('refuses a database inside a folder the user may not enter', () => {
    const { dir, file } = userFolder(true);
    if (ROOT) fs.chownSync(dir, 0, 0);
    fs.chmodSync(dir, 0o700);
    if (!ROOT) fs.chmodSync(dir, 0o000);
    const hash = sha256(file);
    const r = refusal(openAsUser(file));
    expect(r.kind).toBe('no-permission');
    expect(r.message).toContain(`may not open the folder ${dir}`);
    fs.chmodSync(dir, 0o700);
    expect(sha256(file)).toBe(hash);
  });
});
