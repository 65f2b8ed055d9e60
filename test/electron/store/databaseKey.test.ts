import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKeyFileBeside, databaseKeyFileSource } from '../../../electron/store/databaseKey';
import { openStore, StoreOpenError } from '../../../electron/store/open';
import { TEST_AUDIT_KEY } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-key-'));
  dirs.push(d);
  return d;
};

describe('a database opened with its key', () => {
  it('is ciphertext on disk, -wal included, and opens again only with the same key', async () => {
    const file = path.join(tempDir(), 'clinic.sqlite');
    const key = await databaseKeyFileSource(databaseKeyFileBeside(file)).load();
    const store = openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: key });
    store.db.prepare(`INSERT INTO settings (key, value_json, version, updated_at) VALUES ('marker', ?, 1, '2026-11-28')`).run(JSON.stringify('Okafor, Grace'));
    for (const part of [file, `${file}-wal`]) {
      expect(fs.readFileSync(part).includes('Okafor')).toBe(false);
    }
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    store.close();

    const again = openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: await databaseKeyFileSource(databaseKeyFileBeside(file)).load() });
    expect(again.db.prepare(`SELECT value_json FROM settings WHERE key = 'marker'`).pluck().get()).toBe(JSON.stringify('Okafor, Grace'));
    again.close();

    expect(() => openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: Buffer.alloc(32, 7) })).toThrow(StoreOpenError);
    expect(() => openStore(file, { auditKey: TEST_AUDIT_KEY })).toThrow(StoreOpenError);
  });

  it('refuses a key file that holds something else, and leaves it as it was', async () => {
    const file = path.join(tempDir(), 'clinic.sqlite');
    fs.writeFileSync(databaseKeyFileBeside(file), 'not a key');
    await expect(databaseKeyFileSource(databaseKeyFileBeside(file)).load()).rejects.toThrow(/does not hold a Layermap database key/);
    expect(fs.readFileSync(databaseKeyFileBeside(file), 'utf8')).toBe('not a key');
  });
});
