/**
 * Run by backupReadOnly.test.ts as another user (uid 65534): opens the
 * database argv[2] as the app does and asks for a backup and the status, printing what the
 * app would show as one JSON line. Keys come in LAYERMAP_TEST_DB_KEY / LAYERMAP_TEST_AUDIT_KEY.
 */
import Database from 'better-sqlite3';
import { backupNow, backupStatus } from '../../../electron/services/backupOps';
import { createContext } from '../../../electron/services/context';
import { openStore } from '../../../electron/store/open';

// As root, the user is dropped here, after the code is loaded: uid 65534 may not be able to
// read the checkout (a clone in root's 0700 home, as on CI), but only the database matters.
const runAs = Number(process.env.LAYERMAP_TEST_RUN_AS ?? NaN);
if (Number.isInteger(runAs)) {
  // better-sqlite3 loads its native part on first use: load it while the checkout is readable.
  new Database(':memory:').close();
  process.setgroups?.([]);
  process.setgid?.(runAs);
  process.setuid?.(runAs);
}

const store = openStore(process.argv[2] ?? '', {
  auditKey: Buffer.from(process.env.LAYERMAP_TEST_AUDIT_KEY ?? '', 'hex'),
  databaseKey: Buffer.from(process.env.LAYERMAP_TEST_DB_KEY ?? '', 'hex'),
});
const ctx = createContext(store, 'read-only-test', 'test-host');
let backup: string;
try {
  backupNow(ctx);
  backup = 'taken';
} catch (e) {
  backup = e instanceof Error ? e.message : String(e);
}
const status = backupStatus(ctx);
store.close();
process.stdout.write(`${JSON.stringify({ uid: process.getuid?.(), backup, status })}\n`);
