import fs from 'node:fs';
import path from 'node:path';
import { MIN_PASSPHRASE_LENGTH } from './clinicKeys';
import { writeKeyFile } from './keyFiles';
import { unwrapKeys, WRAP_SCRYPT_COST, wrapKeys, type ScryptCost } from './keyWrap';
import { sealedKeyBeside, writeSealed, type KeySealer } from './sealedKey';

/**
 * Adding a workstation to a clinic server. Every workstation signs the clinic's one audit chain,
 * so all need the same audit key, and it must never travel in the clear. Chosen design: an
 * administrator exports a join file on a workstation that already has the key (the key wrapped
 * under a passphrase they choose: scrypt + AES-256-GCM, keyWrap.ts, purpose 'join'; written
 * owner-only, never over another file), carries it over, and imports it on the new one with
 * the passphrase, where it is sealed by that computer's key store like the database key
 * (`<db>.audit-key.sealed`). Only the audit key is in the file: the server's records need no
 * local database key, and this workstation's own file key stays here.
 */
export async function exportJoinFile(auditKey: Buffer, passphrase: string, file: string, cost: ScryptCost = WRAP_SCRYPT_COST): Promise<void> {
  if (passphrase.normalize('NFC').length < MIN_PASSPHRASE_LENGTH) throw new Error(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters for the join file.`);
  // The wrapped record's database key is left empty on purpose (see above).
  writeKeyFile(file, await wrapKeys({ databaseKey: Buffer.alloc(0), auditKey }, passphrase, 'join', cost), 'wx');
}

/**
 * Seals the join file's audit key for this workstation (its database path names the key's place).
 * Refused where this computer already keeps records of its own (`ownRecords`: its clinic is set
 * up): their chain is signed with its own key, which must not be replaced under them.
 */
export async function importJoinFile(file: string, passphrase: string, databasePath: string, sealer: KeySealer, ownRecords: boolean): Promise<void> {
  const db = path.resolve(databasePath);
  if (ownRecords) {
    throw new Error(`This computer keeps its own records in ${db}; joining a clinic server would replace the key that signs them. Copy them onto the server first (Settings → Database), or join from a new user account.`);
  }
  if ((await sealer.backend()) !== 'os') throw new Error('This computer offers no protected key store, so Layermap cannot keep the clinic audit key safe here.');
  const keys = await unwrapKeys(fs.readFileSync(file, 'utf8'), passphrase, 'join', file);
  await writeSealed(sealedKeyBeside(db), sealer, keys.auditKey.toString('hex'), 'replace');
}
