import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/store/open';
import { LATEST_SCHEMA_VERSION } from '../../../electron/store/migrations';
import { checkCopy } from '../../../electron/store/verifiedCopy';
import { DB_NAME, TEST_AUDIT_KEY, useTempWorld } from './helpers';

/**
 * The copy taken before a schema upgrade: written under a temp name, owner-only even with a
 * permissive umask, checked, then renamed; what a killed upgrade left is removed at the next
 * start (it used to stay under a real backup's name, readable by others).
 */
const world = useTempWorld();
const OLDER = LATEST_SCHEMA_VERSION - 1;
const FIXTURE = path.resolve(import.meta.dirname, `../../fixtures/db/v${OLDER}.sqlite`);

describe('upgrade backups', () => {
  it('are owner-only, whole and checked, and leave no temp file, even under umask 000', () => {
    const file = path.join(world.dir(), DB_NAME);
    fs.copyFileSync(FIXTURE, file);
    const umask = process.umask(0);
    try {
      openStore(file, { auditKey: TEST_AUDIT_KEY }).close();
    } finally {
      process.umask(umask);
    }
    const names = fs.readdirSync(path.dirname(file));
    const backups = names.filter((n) => n.startsWith(`${DB_NAME}.before-v${LATEST_SCHEMA_VERSION}-`));
    expect(backups).toHaveLength(1);
    const backup = path.join(path.dirname(file), backups[0]!);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    expect(checkCopy(backup, null).schemaVersion).toBe(OLDER);
    expect(names.filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('left half-written by a killed start are removed at the next start; other files stay', () => {
    const dir = world.dir();
    const file = path.join(dir, DB_NAME);
    fs.copyFileSync(FIXTURE, file);
    const leftover = path.join(dir, `.${DB_NAME}.before-v${LATEST_SCHEMA_VERSION}-1700000000000.sqlite.1a2b3c4d.partial`);
    fs.writeFileSync(leftover, Buffer.alloc(4096, 1), { mode: 0o644 });
    const unrelated = path.join(dir, 'notes.partial');
    fs.writeFileSync(unrelated, 'keep me');
    openStore(file, { auditKey: TEST_AUDIT_KEY }).close();
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.readFileSync(unrelated, 'utf8')).toBe('keep me');
  });
});
