import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { takeBackup } from '../../electron/store/backups';
import { openStore } from '../../electron/store/open';
import { restoreBackup } from '../../electron/store/restore';
import { figure, notMeasured } from './figures';

/**
 * store.backup_1gb: a checked, encrypted backup of a 1 GB database (VACUUM INTO a temp file,
 * integrity_check of the copy, sha256, manifest, rename). store.restore_1gb: restoring that
 * backup until a read answers on the reopened store. The 1 GB is random blobs in a scratch
 * table, written in one transaction (about half a minute).
 */
const SIZE = 1024 ** 3;
const KEY = Buffer.alloc(32, 0x42);
const AUDIT_KEY = Buffer.alloc(32, 0x24);

export async function benchBackup(): Promise<void> {
  const free = fs.statfsSync(os.tmpdir());
  if (free.bavail * free.bsize < SIZE * 4) {
    notMeasured('store.backup_1gb', 'not enough free space for 1 GB, its backup and its restore');
    return notMeasured('store.restore_1gb', 'not enough free space');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-bench-backup-'));
  try {
    const file = path.join(dir, 'layermap.sqlite');
    const folder = path.join(dir, 'backups');
    fs.mkdirSync(folder);
    const store = openStore(file, { auditKey: AUDIT_KEY, databaseKey: KEY });
    const ctx = createContext(store, 'bench', 'test-host', { scryptCost: { N: 2 ** 10, r: 8, p: 1 } });
    const admin = await dispatch(ctx, 'session.setUp', { clinicName: 'Bench', name: 'Bench Admin', initials: 'BA', roles: ['administrator'], password: 'bench password 123' });
    if (!admin.ok) throw new Error(admin.error.message);
    const started = performance.now();
    store.db.exec('CREATE TABLE bench_fill (id INTEGER PRIMARY KEY, body BLOB) STRICT');
    const fill = store.db.prepare(
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO bench_fill (body) SELECT randomblob(100000) FROM n',
    );
    store.db.transaction(() => {
      for (let i = 0; i < Math.ceil(SIZE / 100_000 / 1000); i++) fill.run();
    })();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`generated ${(fs.statSync(file).size / 1024 ** 3).toFixed(2)} GB encrypted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const t0 = performance.now();
    const m = takeBackup(store, folder, { appVersion: 'bench' });
    const backupS = (performance.now() - t0) / 1000;
    store.close();

    const t1 = performance.now();
    await restoreBackup(file, path.join(folder, m.file), { databaseKey: KEY, auditKey: AUDIT_KEY, restoredBy: admin.value.id });
    const again = openStore(file, { auditKey: AUDIT_KEY, databaseKey: KEY });
    again.db.prepare('SELECT count(*) FROM users').get();
    const restoreS = (performance.now() - t1) / 1000;
    again.close();
    console.log(`store.backup_1gb ${backupS.toFixed(1)} s (${(m.bytes / 1024 ** 3).toFixed(2)} GB copy, checked); store.restore_1gb ${restoreS.toFixed(1)} s`);
    figure('store.backup_1gb', backupS, 1);
    figure('store.restore_1gb', restoreS, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
