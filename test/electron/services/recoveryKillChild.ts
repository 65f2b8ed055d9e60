/**
 * Run by recoveryKill.test.ts in a child process, to be killed (-9) in the middle of writing
 * the clinic's key files: argv = database, step, sealer secret (decimal), recovery code, keys
 * (hex, database then audit), and at the rename named by `step` it prints "paused <step>" and
 * blocks, so the test kills it exactly there:
 *   between-sealed-writes: recovery at the unlock gate, after the database key's sealed file
 *     was replaced and before the audit key's;
 *   pending-recovery: a new recovery code, while its pending file is being put in place;
 *   confirm-recovery: confirming the new sheet, before the pending file replaces `.recovery`.
 */
import fs from 'node:fs';
import { confirmRecoveryFile, pendingRecoveryFileBeside, recoveryFileBeside, writeRecoveryFile } from '../../../electron/services/clinicKeys';
import { sealedKeyBeside } from '../../../electron/services/sealedKey';
import { openUnlockGate } from '../../../electron/services/unlockGate';
import { fakeSealer } from './fakeSealer';

const [db, step, secret, code, databaseKeyHex, auditKeyHex] = process.argv.slice(2) as [string, string, string, string, string, string];
const cost = { N: 2 ** 10, r: 8, p: 1 };
const keys = { databaseKey: Buffer.from(databaseKeyHex, 'hex'), auditKey: Buffer.from(auditKeyHex, 'hex') };
const pauseBefore: Record<string, string> = {
  'between-sealed-writes': sealedKeyBeside(db),
  'pending-recovery': pendingRecoveryFileBeside(db),
  'confirm-recovery': recoveryFileBeside(db),
};

const rename = fs.renameSync;
fs.renameSync = (from, to) => {
  if (to === pauseBefore[step]) {
    process.stdout.write(`paused ${step}\n`);
    // Blocks this thread for good (the test kills the process).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  rename(from, to);
};

if (step === 'between-sealed-writes') {
  const gate = await openUnlockGate(db, fakeSealer('os', Number(secret)), async () => undefined, { cost });
  process.stdout.write(`done ${JSON.stringify(await gate.unlock({ recoveryCode: code }))}\n`);
} else {
  await writeRecoveryFile(db, keys, cost);
  process.stdout.write(`done ${confirmRecoveryFile(db)}\n`);
}
