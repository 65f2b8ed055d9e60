import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { passphraseKeysBeside, recoveryFileBeside, sealedDatabaseKeyBeside, unlockClinicKeys, writeRecoveryFile, confirmRecoveryFile } from '../../../electron/services/clinicKeys';
import type { ClinicKeys } from '../../../electron/services/keyWrap';
import { newRecoveryCode } from '../../../electron/services/recoveryCode';
import { sealedKeyBeside } from '../../../electron/services/sealedKey';
import { openUnlockGate } from '../../../electron/services/unlockGate';
import { openStore, StoreOpenError } from '../../../electron/store/open';
import { TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';
import { fakeSealer } from './fakeSealer';

/**
 * The unlock page's logic, as Electron's main process runs it before the store's thread
 * starts: the OS key store is a fake, and "opening" opens the real encrypted file with the
 * keys the gate hands over, so a wrong key would fail here as in the app.
 */
const world = useTempWorld();

/** A new recovery code, its sheet confirmed (as the administrator does on the sheet page). */
async function confirmedCode(file: string, keys: ClinicKeys): Promise<string> {
  const code = await writeRecoveryFile(file, keys, TEST_SCRYPT_COST);
  if (!confirmRecoveryFile(file)) throw new Error('no pending recovery file');
  return code;
}
const cost = TEST_SCRYPT_COST;

/** A clinic's encrypted database with one row, its keys found the usual way for `sealer`. */
async function clinicDatabase(sealer = fakeSealer(), passphrase?: string): Promise<{ file: string; keys: ClinicKeys; code: string }> {
  const file = world.file();
  const answer = await unlockClinicKeys(file, sealer, passphrase ? { passphrase } : {}, cost);
  if (answer.kind !== 'ready') throw new Error(answer.kind);
  const store = openStore(file, { auditKey: answer.keys.auditKey, databaseKey: answer.keys.databaseKey });
  store.db.exec('CREATE TABLE marker (x)');
  store.close();
  return { file, keys: answer.keys, code: await confirmedCode(file, answer.keys) };
}

/** What main does with the keys: open the store (here: check that they open the file). */
function opener(file: string) {
  const opened: ClinicKeys[] = [];
  const open = async (keys: ClinicKeys) => {
    const store = openStore(file, { auditKey: keys.auditKey, databaseKey: keys.databaseKey });
    store.db.prepare('SELECT count(*) FROM marker').get();
    store.close();
    opened.push(keys);
  };
  return { opened, open };
}

describe('the unlock gate', () => {
  it('opens at once with the sealed keys, asking nothing', async () => {
    const { file, keys } = await clinicDatabase();
    const { opened, open } = opener(file);
    const gate = await openUnlockGate(file, fakeSealer(), open, { cost });
    expect(gate.view()).toEqual({ state: 'open' });
    expect(opened).toEqual([keys]);
  });

  it('asks for the passphrase; a wrong one says so and can be tried again, the right one opens', async () => {
    const sealer = fakeSealer('basic_text');
    const { file, keys } = await clinicDatabase(sealer, 'maple kettle harbour');
    const { opened, open } = opener(file);
    const gate = await openUnlockGate(file, sealer, open, { cost });
    expect(gate.view()).toEqual({ state: 'needs-passphrase', firstTime: false });
    expect(await gate.unlock({ passphrase: '' })).toEqual({ state: 'needs-passphrase', firstTime: false, message: 'Type the clinic passphrase.' });
    expect(await gate.unlock({ passphrase: 'maple kettle harbor' })).toEqual({ state: 'needs-passphrase', firstTime: false, message: expect.stringContaining('try again') });
    expect(opened).toEqual([]);
    expect(await gate.unlock({ passphrase: 'maple kettle harbour' })).toEqual({ state: 'open' });
    expect(opened).toEqual([keys]);
    // Once open, further tries change nothing.
    expect(await gate.unlock({ passphrase: 'anything else at all' })).toEqual({ state: 'open' });
    expect(opened).toHaveLength(1);
  });

  it('on a first start with no key store, the passphrase is chosen (long enough) and makes the keys', async () => {
    const file = world.file();
    const { opened, open } = opener(file);
    const make = async (keys: ClinicKeys) => {
      openStore(file, { auditKey: keys.auditKey, databaseKey: keys.databaseKey }).db.exec('CREATE TABLE marker (x)');
      await open(keys);
    };
    const gate = await openUnlockGate(file, fakeSealer('basic_text'), make, { cost });
    expect(gate.view()).toEqual({ state: 'needs-passphrase', firstTime: true });
    expect(await gate.unlock({ passphrase: 'too short' })).toMatchObject({ state: 'needs-passphrase', firstTime: true, message: expect.stringContaining('at least 12') });
    expect(fs.existsSync(passphraseKeysBeside(file))).toBe(false);
    expect(await gate.unlock({ passphrase: 'maple kettle harbour' })).toEqual({ state: 'open' });
    expect(opened).toHaveLength(1);
  });

  it('a computer with no key for the file asks for the recovery code: a typo and a wrong code say so, the right one opens and seals the keys anew', async () => {
    const { file, keys, code } = await clinicDatabase();
    // A replaced computer: the sealed files are gone and its key store is another.
    fs.rmSync(sealedDatabaseKeyBeside(file));
    fs.rmSync(sealedKeyBeside(file));
    const newComputer = fakeSealer('os', 0x17);
    const { opened, open } = opener(file);
    const gate = await openUnlockGate(file, newComputer, open, { cost });
    expect(gate.view()).toEqual({ state: 'needs-recovery', message: expect.stringContaining('recovery code') });

    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    expect(await gate.unlock({ recoveryCode: typo })).toEqual({ state: 'needs-recovery', message: expect.stringContaining('typing mistake') });
    expect(await gate.unlock({ recoveryCode: newRecoveryCode() })).toEqual({ state: 'needs-recovery', message: expect.stringContaining('older recovery sheet') });
    expect(await gate.unlock({ recoveryCode: '   ' })).toEqual({ state: 'needs-recovery', message: expect.stringContaining('recovery code') });
    expect(fs.existsSync(sealedDatabaseKeyBeside(file))).toBe(false);
    expect(opened).toEqual([]);

    expect(await gate.unlock({ recoveryCode: code.toLowerCase().replace(/-/g, ' ') })).toEqual({ state: 'open' });
    expect(opened).toEqual([keys]);
    // Sealed for this computer: the next start opens with nothing asked.
    const next = opener(file);
    expect((await openUnlockGate(file, newComputer, next.open, { cost })).view()).toEqual({ state: 'open' });
    expect(next.opened).toEqual([keys]);
  });

  it('sealed keys this computer cannot unseal are replaced only after the right recovery code, with the keys that open the file', async () => {
    const { file, keys, code } = await clinicDatabase();
    const sealedBefore = fs.readFileSync(sealedDatabaseKeyBeside(file));
    const auditBefore = fs.readFileSync(sealedKeyBeside(file));
    const otherUser = fakeSealer('os', 0x33);
    const { opened, open } = opener(file);
    const gate = await openUnlockGate(file, otherUser, open, { cost });
    expect(gate.view()).toEqual({ state: 'needs-recovery', message: expect.stringMatching(/could not be unsealed[\s\S]*recovery code/) });
    expect(await gate.unlock({ recoveryCode: newRecoveryCode() })).toMatchObject({ state: 'needs-recovery', message: expect.stringContaining('does not open') });
    expect(fs.readFileSync(sealedDatabaseKeyBeside(file))).toEqual(sealedBefore);
    expect(fs.readFileSync(sealedKeyBeside(file))).toEqual(auditBefore);
    expect(await gate.unlock({ recoveryCode: code })).toEqual({ state: 'open' });
    expect(opened).toEqual([keys]);
    // Both files now hold this user's seal of the very keys that opened the file; nothing left aside.
    expect((await otherUser.unseal(fs.readFileSync(sealedDatabaseKeyBeside(file)))).text).toBe(keys.databaseKey.toString('hex'));
    expect((await otherUser.unseal(fs.readFileSync(sealedKeyBeside(file)))).text).toBe(keys.auditKey.toString('hex'));
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.bak') || f.endsWith('.tmp'))).toEqual([]);
    const next = opener(file);
    expect((await openUnlockGate(file, otherUser, next.open, { cost })).view()).toEqual({ state: 'open' });
    expect(next.opened).toEqual([keys]);
  });

  it('a recovery file and code of ANOTHER database leave the gate asking, with this computer\'s key files untouched', async () => {
    const mine = await clinicDatabase();
    const other = await clinicDatabase();
    const sealedBefore = fs.readFileSync(sealedDatabaseKeyBeside(mine.file));
    const myRecovery = fs.readFileSync(recoveryFileBeside(mine.file));
    // The wrong folder's recovery file put back beside this database, and its sheet's code typed.
    fs.copyFileSync(recoveryFileBeside(other.file), recoveryFileBeside(mine.file));
    const otherUser = fakeSealer('os', 0x33);
    const { opened, open } = opener(mine.file);
    const gate = await openUnlockGate(mine.file, otherUser, open, { cost });
    expect(await gate.unlock({ recoveryCode: other.code })).toEqual({ state: 'needs-recovery', message: expect.stringContaining('This recovery code belongs to another database') });
    expect(opened).toEqual([]);
    expect(fs.readFileSync(sealedDatabaseKeyBeside(mine.file))).toEqual(sealedBefore);
    expect((await fakeSealer().unseal(fs.readFileSync(sealedDatabaseKeyBeside(mine.file)))).text).toBe(mine.keys.databaseKey.toString('hex'));
    // Still asking, not dead: the right file and code open it.
    fs.writeFileSync(recoveryFileBeside(mine.file), myRecovery);
    expect(await gate.unlock({ recoveryCode: mine.code })).toEqual({ state: 'open' });
    expect(opened).toEqual([mine.keys]);
  });

  it('key files of another database at start ask for the recovery code instead of failing', async () => {
    const mine = await clinicDatabase();
    const other = await clinicDatabase();
    for (const beside of [sealedDatabaseKeyBeside, sealedKeyBeside]) fs.copyFileSync(beside(other.file), beside(mine.file));
    const { opened, open } = opener(mine.file);
    const gate = await openUnlockGate(mine.file, fakeSealer(), open, { cost });
    expect(gate.view()).toEqual({ state: 'needs-recovery', message: expect.stringContaining('belong to another database') });
    expect(await gate.unlock({ recoveryCode: mine.code })).toEqual({ state: 'open' });
    expect(opened).toEqual([mine.keys]);
    expect((await fakeSealer().unseal(fs.readFileSync(sealedDatabaseKeyBeside(mine.file)))).text).toBe(mine.keys.databaseKey.toString('hex'));
  });

  it('a right code whose key this computer cannot store says so, and the database stays open this session', async () => {
    const { file, keys, code } = await clinicDatabase();
    fs.rmSync(sealedDatabaseKeyBeside(file));
    fs.rmSync(sealedKeyBeside(file));
    const lockedKeychain = { ...fakeSealer('os', 0x17), seal: async () => Promise.reject(new Error('the login keychain is locked')) };
    const { opened, open } = opener(file);
    const gate = await openUnlockGate(file, lockedKeychain, open, { cost });
    const view = await gate.unlock({ recoveryCode: code });
    expect(view).toEqual({ state: 'open', notice: expect.stringContaining('The code is right, but this computer could not store the key: the login keychain is locked') });
    expect(view).not.toMatchObject({ notice: expect.stringMatching(/wrong|does not open/) });
    expect(opened).toEqual([keys]);
    expect(fs.existsSync(sealedDatabaseKeyBeside(file))).toBe(false);
    // The next start asks again, and the code still opens.
    const next = opener(file);
    const again = await openUnlockGate(file, fakeSealer('os', 0x17), next.open, { cost });
    expect(again.view().state).toBe('needs-recovery');
    expect(await again.unlock({ recoveryCode: code })).toEqual({ state: 'open' });
  });

  it('after 5 wrong tries each further try waits, 30 s and growing, and the page is told how long', async () => {
    const sealer = fakeSealer('basic_text');
    const { file, keys } = await clinicDatabase(sealer, 'maple kettle harbour');
    let now = 1_000_000;
    const said = async (passphrase: string) => {
      const view = await gate.unlock({ passphrase });
      return view.state === 'needs-passphrase' ? view.message : view.state;
    };
    const { opened, open } = opener(file);
    const gate = await openUnlockGate(file, sealer, open, { cost, now: () => now });
    for (let i = 1; i <= 4; i++) expect(await said(`wrong guess ${i} here`)).toMatch(/not the clinic/);
    expect(await said('wrong guess 5 here')).toMatch(/Wait 30 s before the next try/);
    // Even the right passphrase waits: no derivation runs, nothing opens.
    now += 29_000;
    expect(await gate.unlock({ passphrase: 'maple kettle harbour' })).toMatchObject({ state: 'needs-passphrase', message: expect.stringMatching(/Wait 1 s before the next try/) });
    expect(opened).toEqual([]);
    now += 1_000;
    expect(await said('wrong guess 6 here')).toMatch(/Wait 60 s/);
    now += 60_000;
    expect(await gate.unlock({ passphrase: 'maple kettle harbour' })).toEqual({ state: 'open' });
    expect(opened).toEqual([keys]);
  });

  it('with no key store, the right recovery code asks for a new passphrase, which works from then on', async () => {
    const sealer = fakeSealer('basic_text');
    const { file, keys, code } = await clinicDatabase(sealer, 'maple kettle harbour');
    const { opened, open } = opener(file);
    const gate = await openUnlockGate(file, sealer, open, { cost });
    // The passphrase is forgotten: the recovery code instead.
    expect(await gate.unlock({ recoveryCode: code })).toEqual({ state: 'needs-passphrase', firstTime: true, recovering: true });
    expect(await gate.unlock({ recoveryCode: code, passphrase: 'new clinic words here' })).toEqual({ state: 'open' });
    expect(opened).toEqual([keys]);
    const next = opener(file);
    const again = await openUnlockGate(file, sealer, next.open, { cost });
    expect(await again.unlock({ passphrase: 'maple kettle harbour' })).toMatchObject({ state: 'needs-passphrase', message: expect.any(String) });
    expect(await again.unlock({ passphrase: 'new clinic words here' })).toEqual({ state: 'open' });
  });

  it('says why when the keys are right but the database will not open, and refuses malformed tries', async () => {
    const sealer = fakeSealer('basic_text');
    const { file } = await clinicDatabase(sealer, 'maple kettle harbour');
    const gate = await openUnlockGate(file, sealer, async () => {
      throw new StoreOpenError('read-only-file', 'The database file is read-only.');
    }, { cost });
    expect(await gate.unlock({ passphrase: 42 })).toEqual({ state: 'needs-passphrase', firstTime: false });
    expect(await gate.unlock({ passphrase: 'maple kettle harbour', extra: 1 })).toEqual({ state: 'needs-passphrase', firstTime: false });
    expect(await gate.unlock({ passphrase: 'maple kettle harbour' })).toEqual({ state: 'failed', message: 'The database file is read-only.' });
  });
});
