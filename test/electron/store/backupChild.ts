/**
 * Run by backupKill.test.ts in a child process that the test kills with SIGKILL: takes a
 * backup or restores one, and at the step named by
 * LAYERMAP_STOP_AT prints "AT <step>" and waits to be killed.
 */
import fs from 'node:fs';
import { takeBackup } from '../../../electron/store/backups';
import { openStore } from '../../../electron/store/open';
import { restoreBackup } from '../../../electron/store/restore';

const [mode, file, other, userId] = process.argv.slice(2) as [string, string, string, string];
const key = Buffer.from(process.env.LAYERMAP_TEST_DB_KEY ?? '', 'hex');
const auditKey = Buffer.from(process.env.LAYERMAP_TEST_AUDIT_KEY ?? '', 'hex');
const stopAt = process.env.LAYERMAP_STOP_AT ?? '';

function stop(step: string): void {
  if (step !== stopAt) return;
  fs.writeSync(1, `AT ${step}\n`);
  // Wait here, synchronously, until the test kills this process.
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(wait, 0, 0, 1000);
}

if (mode === 'backup') {
  const store = openStore(file, { auditKey, databaseKey: key });
  takeBackup(store, other, { appVersion: 'kill-test', onCopyStep: stop, onProgress: (p) => stop(p.step) });
  store.close();
} else if (mode === 'restore') {
  await restoreBackup(file, other, { databaseKey: key, auditKey, restoredBy: userId as never, onStep: stop });
}
fs.writeSync(1, 'DONE\n');
