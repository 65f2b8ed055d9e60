import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AUDIT_KEY_BYTES } from '../store/auditChain';
import { parseKey } from '../store/auditKey';
import { DATABASE_KEY_BYTES, parseDatabaseKey } from '../store/databaseKey';
import { isPlaintext } from '../store/encryptInPlace';
import { unwrapKeys, WRAP_SCRYPT_COST, WrongSecretError, wrapKeys, type ClinicKeys, type ScryptCost } from './keyWrap';
import { newRecoveryCode, readRecoveryCode } from './recoveryCode';
import { renameDurably, writeKeyFile } from './keyFiles';
import { loadSealedSecret, sealedKeyBeside, type KeySealer } from './sealedKey';

/**
 * The clinic's two keys (the database's and the audit chain's), found before the store opens:
 * sealed by the OS key store beside the database; or, where the OS has no real key store
 * (Linux basic_text), wrapped under the clinic passphrase; or recovered from `<db>.recovery`
 * with the code on the recovery sheet, after which this computer seals (or wraps) them anew
 * (`persist`, run by the gate only once the keys have opened THIS database).
 * Electron's main process asks before starting the store's thread; where the answer is not
 * 'ready', the unlock page asks the person for the passphrase or the recovery code (unlockGate.ts).
 */
export const sealedDatabaseKeyBeside = (databasePath: string): string => `${databasePath}.db-key.sealed`;
export const passphraseKeysBeside = (databasePath: string): string => `${databasePath}.passphrase-keys`;
export const recoveryFileBeside = (databasePath: string): string => `${databasePath}.recovery`;
/** A new recovery file until the administrator confirms its sheet is printed and kept (then renamed over `.recovery`). */
export const pendingRecoveryFileBeside = (databasePath: string): string => `${databasePath}.recovery.pending`;

/** Tools and the test host with --passphrase: no OS key store, so the clinic passphrase it is. */
export const NO_KEY_STORE: KeySealer = {
  available: async () => false,
  backend: async () => 'none',
  seal: async () => {
    throw new Error('no key store');
  },
  unseal: async () => {
    throw new Error('no key store');
  },
};

/** A passphrase the clinic types at each start; long, because it is all that guards the file. */
export const MIN_PASSPHRASE_LENGTH = 12;

export type KeysAnswer =
  | {
      readonly kind: 'ready';
      readonly keys: ClinicKeys;
      readonly protection: 'sealed' | 'passphrase';
      /** Recovered keys: stored for this computer by `persist`, which the caller runs only after they opened the database. */
      readonly persist?: () => Promise<void>;
    }
  /**
   * Ask for the clinic passphrase (firstTime: choose one, typed twice); `message` says why the
   * last try failed; `wrongSecret`: a real guess that failed (counted for the wait between tries).
   */
  | { readonly kind: 'needs-passphrase'; readonly firstTime: boolean; readonly message?: string; readonly wrongSecret?: true }
  /** The file is encrypted and this computer holds no key for it: ask for the recovery code. */
  | { readonly kind: 'needs-recovery'; readonly message: string; readonly wrongSecret?: true };

export interface UnlockInput {
  readonly passphrase?: string;
  readonly recoveryCode?: string;
}

export async function unlockClinicKeys(databasePath: string, sealer: KeySealer, input: UnlockInput = {}, cost: ScryptCost = WRAP_SCRYPT_COST): Promise<KeysAnswer> {
  const db = path.resolve(databasePath);
  const sealed = (await sealer.backend()) === 'os';
  const encrypted = fs.existsSync(db) && fs.statSync(db).size > 0 && !isPlaintext(db);
  if (input.recoveryCode !== undefined) return recover(db, sealer, sealed, input, cost);
  if (sealed) {
    const dbKeyFile = sealedDatabaseKeyBeside(db);
    const auditKeyFile = sealedKeyBeside(db);
    if (fs.existsSync(dbKeyFile) && fs.existsSync(auditKeyFile)) {
      return { kind: 'ready', protection: 'sealed', keys: await unsealBoth(db, sealer) };
    }
    if (encrypted) return needsRecovery(db);
    // First set-up, or a plaintext database from before encryption (its sealed audit key kept):
    // new keys are sealed, and the worker encrypts the file in place.
    const auditKey = await loadSealedSecret(auditKeyFile, sealer, 'audit key', AUDIT_KEY_BYTES, parseKey);
    const databaseKey = await loadSealedSecret(dbKeyFile, sealer, 'database key', DATABASE_KEY_BYTES, parseDatabaseKey);
    return { kind: 'ready', protection: 'sealed', keys: { databaseKey, auditKey } };
  }
  const wrapped = passphraseKeysBeside(db);
  if (fs.existsSync(wrapped)) {
    if (!input.passphrase) return { kind: 'needs-passphrase', firstTime: false };
    try {
      return { kind: 'ready', protection: 'passphrase', keys: await unwrapKeys(fs.readFileSync(wrapped, 'utf8'), input.passphrase, 'passphrase', wrapped) };
    } catch (e) {
      if (e instanceof WrongSecretError) return { kind: 'needs-passphrase', firstTime: false, wrongSecret: true, message: `${e.message} Nothing has been changed; try again.` };
      throw e;
    }
  }
  if (encrypted) return needsRecovery(db);
  const chosen = choosePassphrase(input.passphrase);
  if (chosen) return chosen;
  const keys = { databaseKey: randomBytes(DATABASE_KEY_BYTES), auditKey: randomBytes(AUDIT_KEY_BYTES) };
  writeKeyFile(wrapped, await wrapKeys(keys, input.passphrase!, 'passphrase', cost), 'wx');
  return { kind: 'ready', protection: 'passphrase', keys };
}

/**
 * A new recovery code for the keys, written to `<db>.recovery.pending`: the code printed
 * before keeps working until confirmRecoveryFile (the administrator has printed the new sheet
 * and put it away). The code is returned once, for the recovery sheet, and kept nowhere.
 */
export async function writeRecoveryFile(databasePath: string, keys: ClinicKeys, cost: ScryptCost = WRAP_SCRYPT_COST): Promise<string> {
  const code = newRecoveryCode();
  const read = readRecoveryCode(code);
  if (!read.ok) throw new Error(read.message);
  writeKeyFile(pendingRecoveryFileBeside(path.resolve(databasePath)), await wrapKeys(keys, read.secret, 'recovery', cost), 'replace');
  return code;
}

/** The new sheet is printed and kept: its file replaces `<db>.recovery` (the old code stops working). False: none was waiting. */
export function confirmRecoveryFile(databasePath: string): boolean {
  const db = path.resolve(databasePath);
  if (!fs.existsSync(pendingRecoveryFileBeside(db))) return false;
  renameDurably(pendingRecoveryFileBeside(db), recoveryFileBeside(db));
  return true;
}

/** At start: a new code whose sheet was never confirmed (the app closed on the sheet page) is dropped; the old one stays. */
export function discardUnconfirmedRecoveryFile(databasePath: string): void {
  fs.rmSync(pendingRecoveryFileBeside(path.resolve(databasePath)), { force: true });
  fs.rmSync(`${pendingRecoveryFileBeside(path.resolve(databasePath))}.tmp`, { force: true });
}

export const hasConfirmedRecoveryFile = (databasePath: string): boolean => fs.existsSync(recoveryFileBeside(path.resolve(databasePath)));

async function recover(db: string, sealer: KeySealer, sealed: boolean, input: UnlockInput, cost: ScryptCost): Promise<KeysAnswer> {
  const code = readRecoveryCode(input.recoveryCode ?? '');
  if (!code.ok) return { kind: 'needs-recovery', message: code.message };
  const file = recoveryFileBeside(db);
  if (!fs.existsSync(file)) {
    return { kind: 'needs-recovery', message: `There is no recovery file (${file}) beside the database. Put it back from the backup it was kept with; the code alone cannot open the database.` };
  }
  let keys: ClinicKeys;
  try {
    keys = await unwrapKeys(fs.readFileSync(file, 'utf8'), code.secret, 'recovery', file);
  } catch (e) {
    if (e instanceof WrongSecretError) return { kind: 'needs-recovery', wrongSecret: true, message: `${e.message} It may be the code of an older recovery sheet. Nothing has been changed.` };
    throw e;
  }
  // Nothing is written here: the caller opens the database with the keys first (they may be
  // another database's), and only then stores them for this computer.
  if (sealed) return { kind: 'ready', protection: 'sealed', keys, persist: () => sealForThisComputer(db, sealer, keys) };
  const chosen = choosePassphrase(input.passphrase);
  if (chosen) return chosen;
  const passphrase = input.passphrase!;
  return { kind: 'ready', protection: 'passphrase', keys, persist: async () => writeKeyFile(passphraseKeysBeside(db), await wrapKeys(keys, passphrase, 'passphrase', cost), 'replace') };
}

/**
 * This computer's own sealed copies from now on, replacing any it could not unseal. Both are
 * sealed before any file changes (a key store that refuses leaves everything as it was); the
 * old files stay aside as `.bak` until both new ones are written and synced.
 */
async function sealForThisComputer(db: string, sealer: KeySealer, keys: ClinicKeys): Promise<void> {
  const files = [
    { file: sealedDatabaseKeyBeside(db), sealed: await sealer.seal(keys.databaseKey.toString('hex')) },
    { file: sealedKeyBeside(db), sealed: await sealer.seal(keys.auditKey.toString('hex')) },
  ];
  for (const { file } of files) if (fs.existsSync(file)) writeKeyFile(`${file}.bak`, fs.readFileSync(file), 'replace');
  for (const { file, sealed } of files) writeKeyFile(file, sealed, 'replace');
  for (const { file } of files) fs.rmSync(`${file}.bak`, { force: true });
}

async function unsealBoth(db: string, sealer: KeySealer): Promise<ClinicKeys> {
  return {
    databaseKey: await loadSealedSecret(sealedDatabaseKeyBeside(db), sealer, 'database key', DATABASE_KEY_BYTES, parseDatabaseKey, false),
    auditKey: await loadSealedSecret(sealedKeyBeside(db), sealer, 'audit key', AUDIT_KEY_BYTES, parseKey, false),
  };
}

function needsRecovery(db: string): KeysAnswer {
  return {
    kind: 'needs-recovery',
    message: `The database at ${db} is encrypted, and this computer holds no key for it (its key files are missing). Type the recovery code from the clinic's recovery sheet to open it; nothing has been changed.`,
  };
}

function choosePassphrase(passphrase: string | undefined): KeysAnswer | null {
  if (passphrase === undefined) return { kind: 'needs-passphrase', firstTime: true };
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    return { kind: 'needs-passphrase', firstTime: true, message: `The clinic passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters; a few words are easiest to type.` };
  }
  return null;
}
