import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmRecoveryFile, discardUnconfirmedRecoveryFile, pendingRecoveryFileBeside, unlockClinicKeys, writeRecoveryFile } from '../../../electron/services/clinicKeys';
import type { ClinicKeys } from '../../../electron/services/keyWrap';
import { openUnlockGate } from '../../../electron/services/unlockGate';
import { openStore } from '../../../electron/store/open';
import { TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';
import { fakeSealer } from './fakeSealer';

/**
 * kill -9 while the clinic's key files are being written (a power cut, a crash): the next start
 * still opens the database, with the keys before or after, and no record is lost.
 */
const world = useTempWorld();
const cost = TEST_SCRYPT_COST;
const ROOT = path.resolve(import.meta.dirname, '../../..');
const CHILD = path.join(import.meta.dirname, 'recoveryKillChild.ts');

async function clinicDatabase(): Promise<{ file: string; keys: ClinicKeys; code: string }> {
  const file = world.file();
  const answer = await unlockClinicKeys(file, fakeSealer(), {}, cost);
  if (answer.kind !== 'ready') throw new Error(answer.kind);
  const store = openStore(file, { auditKey: answer.keys.auditKey, databaseKey: answer.keys.databaseKey });
  store.db.exec("CREATE TABLE marker (x); INSERT INTO marker VALUES ('Okafor')");
  store.close();
  const code = await writeRecoveryFile(file, answer.keys, cost);
  confirmRecoveryFile(file);
  return { file, keys: answer.keys, code };
}

/** Runs the child until it pauses at `step`, then kills it with SIGKILL. */
function killAt(step: string, file: string, secret: number, code: string, keys: ClinicKeys): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [file, step, String(secret), code, keys.databaseKey.toString('hex'), keys.auditKey.toString('hex')];
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`paused ${step}`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (exitCode, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child was not killed (exit ${exitCode}): ${out} ${err}`))));
  });
}

/** The next start: the gate, and (if it asks) the recovery code; the records read back with the keys it hands over. */
async function nextStart(file: string, secret: number, code: string): Promise<{ keys: ClinicKeys; asked: boolean; names: unknown[] }> {
  const opened: ClinicKeys[] = [];
  const gate = await openUnlockGate(file, fakeSealer('os', secret), async (keys) => {
    openStore(file, { auditKey: keys.auditKey, databaseKey: keys.databaseKey }).close();
    opened.push(keys);
  }, { cost });
  const asked = gate.view().state !== 'open';
  if (asked) expect(await gate.unlock({ recoveryCode: code })).toEqual({ state: 'open' });
  const keys = opened[0]!;
  const store = openStore(file, { auditKey: keys.auditKey, databaseKey: keys.databaseKey });
  const names = store.db.prepare('SELECT x FROM marker').pluck().all();
  store.close();
  return { keys, asked, names };
}

describe('kill -9 while key files are written', () => {
  it('between the two sealed-key writes of a recovery: the next start opens (the code asked again at worst), nothing lost', async () => {
    const { file, keys, code } = await clinicDatabase();
    // Another user of this computer, whose key store cannot unseal the files: recovery re-seals them.
    expect(await killAt('between-sealed-writes', file, 0x33, code, keys)).toContain('paused');
    const after = await nextStart(file, 0x33, code);
    expect(after.keys).toEqual(keys);
    expect(after.names).toEqual(['Okafor']);
    // And once recovered, the start after asks nothing.
    expect((await nextStart(file, 0x33, code)).asked).toBe(false);
  }, 30_000);

  it('while a new recovery file is put in place, or before it is confirmed: the old code still opens, the unconfirmed file is dropped', async () => {
    for (const step of ['pending-recovery', 'confirm-recovery']) {
      const { file, keys, code } = await clinicDatabase();
      expect(await killAt(step, file, 0x42, code, keys)).toContain('paused');
      discardUnconfirmedRecoveryFile(file); // what the store's thread does at start
      expect(fs.existsSync(pendingRecoveryFileBeside(file))).toBe(false);
      expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // A computer with no key for the file: the old sheet's code opens it.
      const after = await nextStart(file, 0x17, code);
      expect(after.asked).toBe(true);
      expect(after.keys).toEqual(keys);
      expect(after.names).toEqual(['Okafor']);
    }
  }, 30_000);
});
