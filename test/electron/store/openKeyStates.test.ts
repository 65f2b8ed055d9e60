import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, StoreOpenError, type OpenOptions } from '../../../electron/store/open';
import { TEST_AUDIT_KEY, useTempWorld } from './helpers';

/**
 * A wrong key, no key for an encrypted file, and a key for a plaintext file: each its own
 * refusal with its own message (not "damaged"), and the file and its folder left as they were.
 */
const world = useTempWorld();
const KEY = Buffer.alloc(32, 0x11);

function made(options: OpenOptions): string {
  const file = world.file();
  const store = openStore(file, { auditKey: TEST_AUDIT_KEY, ...options });
  store.db.prepare(`INSERT INTO settings (key, value_json, version, updated_at) VALUES ('marker', '1', 1, '2026-11-28')`).run();
  store.close();
  return file;
}

function refusal(file: string, options: OpenOptions): StoreOpenError {
  const before = snapshot(file);
  try {
    openStore(file, { auditKey: TEST_AUDIT_KEY, ...options }).close();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreOpenError);
    expect(snapshot(file)).toEqual(before);
    return e as StoreOpenError;
  }
  throw new Error('the file was opened');
}

/** Every file in the folder with its bytes' hash: "nothing written" means this is unchanged. */
function snapshot(file: string): Record<string, string> {
  const dir = path.dirname(file);
  return Object.fromEntries(fs.readdirSync(dir).sort().map((n) => [n, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, n))).digest('hex')]));
}

describe('opening with the wrong key, no key, or a key for a plaintext file', () => {
  it('says a wrong key is a wrong key', () => {
    const err = refusal(made({ databaseKey: KEY }), { databaseKey: Buffer.alloc(32, 0x22) });
    expect(err.kind).toBe('wrong-key');
    expect(err.message).toMatch(/key .* does not open it/);
    expect(err.message).toContain('recovery code');
    expect(err.message).not.toMatch(/is damaged or is not/);
  });

  it('says an encrypted file opened with no key needs its key', () => {
    const err = refusal(made({ databaseKey: KEY }), {});
    expect(err.kind).toBe('key-missing');
    expect(err.message).toContain('is encrypted');
    expect(err.message).toContain('It has not been changed');
  });

  it('says a plaintext file given a key is not encrypted yet', () => {
    const err = refusal(made({}), { databaseKey: KEY });
    expect(err.kind).toBe('plaintext');
    expect(err.message).toContain('not encrypted yet');
  });

  it('still opens each file with what it was made with', () => {
    const encrypted = made({ databaseKey: KEY });
    openStore(encrypted, { auditKey: TEST_AUDIT_KEY, databaseKey: KEY }).close();
    const plain = made({});
    openStore(plain, { auditKey: TEST_AUDIT_KEY }).close();
  });

  it('cannot tell whole pages of random bytes from an encrypted file without a key, and says both', () => {
    const file = world.file();
    fs.writeFileSync(file, crypto.randomBytes(16384));
    expect(refusal(file, {}).kind).toBe('key-missing');
    expect(refusal(file, {}).message).toContain('or is not an SQLite file at all');
    expect(refusal(file, { databaseKey: KEY }).message).toContain('the file itself may be damaged');
  });
});
