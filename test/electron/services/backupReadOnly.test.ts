import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../electron/services/context';
import { openStore } from '../../../electron/store/open';
import { makeCase, makePatient, must, signInSurgeon, TEST_AUDIT_KEY, TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';

/**
 * A backup folder the app may not write (a share mounted read-only, a folder of another
 * user): the backup fails with a clear message, the status says so, and nothing is lost.
 * Root may write anywhere, so the app runs as another user (uid 65534, "nobody") in a child
 * process, with the database its own and the backup folder root's (0755).
 */
const world = useTempWorld();
const KEY = Buffer.alloc(32, 0x3c);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const NOBODY = 65534;
/** As root (CI), the child drops to nobody; as anyone else it already cannot write root's folder... */
const asRoot = process.getuid?.() === 0;

describe('a backup folder the app cannot write', () => {
  it('refuses with a clear message, says so in the status, writes nothing and loses nothing', async () => {
    const dir = world.dir();
    const file = path.join(dir, 'clinic.sqlite');
    const share = world.dir();
    fs.chmodSync(share, 0o755); // others may look in, not write: as a share mounted read-only
    const folder = path.join(share, 'backups');
    fs.mkdirSync(folder, { mode: 0o755 });
    const ctx = createContext(openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: KEY }), 't', 'test-host', { scryptCost: TEST_SCRYPT_COST });
    const surgeon = await signInSurgeon(ctx);
    const p = await makePatient(ctx, { familyName: 'Okafor', givenName: 'Grace' });
    await makeCase(ctx, p.id, surgeon.id);
    await must(ctx, 'backup.setFolder', { folder }); // root may: the folder is fine for root
    const before = ctx.store.db.prepare('SELECT * FROM cases ORDER BY id').all();
    ctx.store.close();
    // The database (and its folder) belong to the app's user; the backup folder does not.
    if (asRoot) {
      for (const name of fs.readdirSync(dir)) fs.chownSync(path.join(dir, name), NOBODY, NOBODY);
      fs.chownSync(dir, NOBODY, NOBODY);
    } else {
      // ...when the folder is root's: as another user, make it so (or this test proves nothing).
      expect(fs.statSync(folder).uid).toBe(0);
    }

    // As root the child loads its code, then drops to nobody (setgid/setuid) before it opens the database.
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'backupReadOnlyChild.ts'), file], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        HOME: '/tmp',
        LAYERMAP_TEST_DB_KEY: KEY.toString('hex'),
        LAYERMAP_TEST_AUDIT_KEY: TEST_AUDIT_KEY.toString('hex'),
        ...(asRoot ? { LAYERMAP_TEST_RUN_AS: String(NOBODY) } : {}),
      },
    });
    const seen = JSON.parse(out.trim().split('\n').pop()!) as { uid: number; backup: string; status: { problem: string | null; overdue: boolean; last: unknown } };

    expect(seen.uid).not.toBe(0);
    const clear = `Layermap may not write in the backup folder ${folder} (it is read-only, or this user lacks permission). Choose another folder or ask IT to allow writing.`;
    expect(seen.backup).toBe(clear);
    expect(seen.status).toMatchObject({ problem: clear, overdue: true, last: null });
    // Nothing written there, not even a temp file; the database as it was.
    expect(fs.readdirSync(folder)).toEqual([]);
    const again = openStore(file, { auditKey: TEST_AUDIT_KEY, databaseKey: KEY });
    try {
      expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(again.db.prepare('SELECT * FROM cases ORDER BY id').all()).toEqual(before);
    } finally {
      again.close();
    }
  }, 60_000);
});
