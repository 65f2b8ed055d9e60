import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { passphraseKeysBeside, recoveryFileBeside, sealedDatabaseKeyBeside, unlockClinicKeys, writeRecoveryFile, confirmRecoveryFile, discardUnconfirmedRecoveryFile, pendingRecoveryFileBeside, type KeysAnswer } from '../../../electron/services/clinicKeys';
import { unwrapKeys, wrapKeys, type ClinicKeys } from '../../../electron/services/keyWrap';
import { newRecoveryCode, readRecoveryCode } from '../../../electron/services/recoveryCode';
import { sealedKeyBeside } from '../../../electron/services/sealedKey';
import { fakeSealer } from './fakeSealer';
import { createContext } from '../../../electron/services/context';
import { encryptInPlace } from '../../../electron/store/encryptInPlace';
import { openStore } from '../../../electron/store/open';
import { makePatient, patientInput, setUpClinic, signInSurgeon, TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';
import fc from 'fast-check';

/**
 * The clinic's keys before the store opens: sealed by the OS (a fake here, as Electron cannot
 * start), the clinic passphrase where the OS has no real key store, and the recovery code.
 */
const world = useTempWorld();

/** A new recovery code, its sheet confirmed (as the administrator does on the sheet page). */
async function confirmedCode(file: string, keys: ClinicKeys): Promise<string> {
  const code = await writeRecoveryFile(file, keys, TEST_SCRYPT_COST);
  if (!confirmRecoveryFile(file)) throw new Error('no pending recovery file');
  return code;
}
const COST = TEST_SCRYPT_COST;

function ready(answer: KeysAnswer): ClinicKeys {
  if (answer.kind !== 'ready') throw new Error(`not ready: ${JSON.stringify(answer)}`);
  return answer.keys;
}

/** What the unlock gate does with recovered keys once they opened the database: store them for this computer. */
async function recovered(answer: KeysAnswer): Promise<ClinicKeys> {
  const keys = ready(answer);
  if (answer.kind === 'ready') await answer.persist?.();
  return keys;
}

/** What the app does once it has the keys: encrypt in place if needed, open, and (here) save a patient. */
async function openWith(file: string, keys: ClinicKeys, patient?: string) {
  encryptInPlace(file, keys.databaseKey);
  const store = openStore(file, { auditKey: keys.auditKey, databaseKey: keys.databaseKey });
  const ctx = createContext(store, '0.0.0-test', 'test-host', { scryptCost: COST });
  if (patient) {
    await setUpClinic(ctx);
    await signInSurgeon(ctx);
    await makePatient(ctx, patientInput({ familyName: patient }));
  }
  const names = store.db.prepare('SELECT count(*) FROM patients').pluck().get() as number;
  store.close();
  return names;
}

describe('the recovery code', () => {
  it('reads back whatever the case, spacing and look-alike letters, and catches any one typo', () => {
    fc.assert(
      fc.property(fc.nat({ max: 27 }), fc.integer({ min: 1, max: 31 }), (at, shift) => {
        const code = newRecoveryCode();
        expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
        const read = readRecoveryCode(` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `);
        expect(read.ok).toBe(true);
        const plain = code.replace(/-/g, '');
        const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
        const typo = plain.slice(0, at) + alphabet[(alphabet.indexOf(plain[at]!) + shift) % 32] + plain.slice(at + 1);
        expect(readRecoveryCode(typo)).toEqual({ ok: false, message: expect.stringContaining('typing mistake') });
      }),
      { numRuns: 200 },
    );
    expect(readRecoveryCode('K7M2-9QXD').ok).toBe(false);
    expect(readRecoveryCode('U'.repeat(28))).toEqual({ ok: false, message: expect.stringContaining('no "U"') });
  });
});

describe('the key derivation', () => {
  it('runs off the calling thread, so Electron\'s main process keeps answering while it derives', async () => {
    const keys = { databaseKey: Buffer.alloc(32, 1), auditKey: Buffer.alloc(32, 2) };
    const order: string[] = [];
    setImmediate(() => order.push('event loop turned'));
    const wrapped = await wrapKeys(keys, 'maple kettle harbour', 'passphrase', { N: 2 ** 15, r: 8, p: 1 }).then((text) => {
      order.push('derived');
      return text;
    });
    expect(order).toEqual(['event loop turned', 'derived']);
    expect(await unwrapKeys(wrapped, 'maple kettle harbour', 'passphrase', 'test')).toEqual(keys);
  });
});

describe('sealed keys (the OS has a key store)', () => {
  it('opens on a machine whose sealed keys are gone only with the recovery code, then seals new copies', async () => {
    const file = world.file();
    const sealer = fakeSealer();
    const keys = ready(await unlockClinicKeys(file, sealer, {}, COST));
    expect(await openWith(file, keys, 'Okafor')).toBe(1);
    const code = await confirmedCode(file, keys);
    expect(fs.statSync(recoveryFileBeside(file)).mode & 0o777).toBe(0o600);
    expect(ready(await unlockClinicKeys(file, sealer, {}, COST))).toEqual(keys);

    // Another machine (or the sealed files lost): same folder, no sealed keys, another OS secret.
    fs.rmSync(sealedDatabaseKeyBeside(file));
    fs.rmSync(sealedKeyBeside(file));
    const other = fakeSealer('os', 0x17);
    const asked = await unlockClinicKeys(file, other, {}, COST);
    expect(asked).toEqual({ kind: 'needs-recovery', message: expect.stringContaining('recovery code') });
    const before = fs.readFileSync(file);
    expect(await unlockClinicKeys(file, other, { recoveryCode: newRecoveryCode() }, COST)).toEqual({ kind: 'needs-recovery', wrongSecret: true, message: expect.stringContaining('does not open') });
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.existsSync(sealedDatabaseKeyBeside(file))).toBe(false);

    expect(await recovered(await unlockClinicKeys(file, other, { recoveryCode: code.toLowerCase() }, COST))).toEqual(keys);
    expect(await openWith(file, ready(await unlockClinicKeys(file, other, {}, COST)))).toBe(1);
  });

  it('a new code replaces the old one only once its sheet is confirmed; an unconfirmed one is dropped at start', async () => {
    const file = world.file();
    const sealer = fakeSealer();
    const keys = ready(await unlockClinicKeys(file, sealer, {}, COST));
    await openWith(file, keys, 'Okafor');
    const old = await confirmedCode(file, keys);
    const opens = async (code: string) => (await unlockClinicKeys(file, sealer, { recoveryCode: code }, COST)).kind === 'ready';
    fs.rmSync(sealedDatabaseKeyBeside(file));

    // Made, but the sheet never confirmed (the app closed on the sheet page): the old code still opens.
    const unconfirmed = await writeRecoveryFile(file, keys, COST);
    expect(fs.existsSync(pendingRecoveryFileBeside(file))).toBe(true);
    expect(await opens(old)).toBe(true);
    expect(await opens(unconfirmed)).toBe(false);
    discardUnconfirmedRecoveryFile(file);
    expect(fs.existsSync(pendingRecoveryFileBeside(file))).toBe(false);
    expect(confirmRecoveryFile(file)).toBe(false);
    expect(await opens(old)).toBe(true);

    const fresh = await writeRecoveryFile(file, keys, COST);
    expect(await opens(old)).toBe(true);
    expect(confirmRecoveryFile(file)).toBe(true);
    expect(fs.existsSync(pendingRecoveryFileBeside(file))).toBe(false);
    expect((await unlockClinicKeys(file, sealer, { recoveryCode: old }, COST)).kind).toBe('needs-recovery');
    expect(ready(await unlockClinicKeys(file, sealer, { recoveryCode: fresh }, COST))).toEqual(keys);
  });

  it('keeps the sealed audit key of a plaintext database from before, and encrypts the file', async () => {
    const file = world.file();
    const sealer = fakeSealer();
    const keys = ready(await unlockClinicKeys(file, sealer, {}, COST));
    // A database from the last release: plaintext, its audit key sealed, no database key yet.
    fs.rmSync(sealedDatabaseKeyBeside(file));
    const plain = openStore(file, { auditKey: keys.auditKey });
    plain.close();
    const again = ready(await unlockClinicKeys(file, sealer, {}, COST));
    expect(again.auditKey).toEqual(keys.auditKey);
    expect(encryptInPlace(file, again.databaseKey)).toBe('converted');
    openStore(file, { auditKey: again.auditKey, databaseKey: again.databaseKey }).close();
  });
});

describe('the clinic passphrase (Linux with no keyring: safeStorage would use a fixed key)', () => {
  it('is chosen once, asked at each start, and a wrong one changes nothing', async () => {
    const file = world.file();
    const sealer = fakeSealer('basic_text');
    expect(await unlockClinicKeys(file, sealer, {}, COST)).toEqual({ kind: 'needs-passphrase', firstTime: true });
    expect(await unlockClinicKeys(file, sealer, { passphrase: 'short' }, COST)).toEqual({ kind: 'needs-passphrase', firstTime: true, message: expect.stringContaining('at least 12') });
    const keys = ready(await unlockClinicKeys(file, sealer, { passphrase: 'maple kettle harbour' }, COST));
    expect(await openWith(file, keys, 'Okafor')).toBe(1);
    expect(fs.existsSync(sealedKeyBeside(file))).toBe(false);
    expect(fs.readFileSync(passphraseKeysBeside(file), 'utf8')).not.toContain(keys.databaseKey.toString('hex'));

    expect(await unlockClinicKeys(file, sealer, {}, COST)).toEqual({ kind: 'needs-passphrase', firstTime: false });
    const wrapped = fs.readFileSync(passphraseKeysBeside(file));
    expect(await unlockClinicKeys(file, sealer, { passphrase: 'maple kettle harbor' }, COST)).toEqual({
      kind: 'needs-passphrase',
      firstTime: false,
      wrongSecret: true,
      message: expect.stringContaining('not the clinic'),
    });
    expect(fs.readFileSync(passphraseKeysBeside(file))).toEqual(wrapped);
    expect(ready(await unlockClinicKeys(file, sealer, { passphrase: 'maple kettle harbour' }, COST))).toEqual(keys);
  });

  it('recovers with the code and a new passphrase when the passphrase file is lost', async () => {
    const file = world.file();
    const sealer = fakeSealer('basic_text');
    const keys = ready(await unlockClinicKeys(file, sealer, { passphrase: 'maple kettle harbour' }, COST));
    await openWith(file, keys, 'Okafor');
    const code = await confirmedCode(file, keys);
    fs.rmSync(passphraseKeysBeside(file));
    expect((await unlockClinicKeys(file, sealer, {}, COST)).kind).toBe('needs-recovery');
    expect((await unlockClinicKeys(file, sealer, { recoveryCode: code }, COST)).kind).toBe('needs-passphrase');
    expect(await recovered(await unlockClinicKeys(file, sealer, { recoveryCode: code, passphrase: 'new clinic words here' }, COST))).toEqual(keys);
    expect(ready(await unlockClinicKeys(file, sealer, { passphrase: 'new clinic words here' }, COST))).toEqual(keys);
    expect(await openWith(file, keys)).toBe(1);
  });
});
