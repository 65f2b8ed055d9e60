import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AUDIT_KEY_BYTES } from '../store/auditChain';
import { parseKey, type AuditKeySource } from '../store/auditKey';
import { writeKeyFile } from './keyFiles';

/**
 * Seals a secret with the operating system's key store. In the app this is Electron's
 * safeStorage (async API, electron/main/safeStorageSealer.ts); tests use a fake. The audit key
 * and the database key are both sealed this way (clinicKeys.ts).
 */
export interface KeySealer {
  available(): Promise<boolean>;
  /**
   * Whether sealing protects anything: 'os' is a real key store; Linux's 'basic_text' is a
   * fixed key in Chromium's source (so the clinic passphrase is used instead); 'none' is no store.
   */
  backend(): Promise<'os' | 'basic_text' | 'none'>;
  seal(text: string): Promise<Buffer>;
  /** `reseal`: the OS rotated its key; seal the text again so the file keeps working. */
  unseal(sealed: Buffer): Promise<{ readonly text: string; readonly reseal: boolean }>;
}

export const sealedKeyBeside = (databasePath: string): string => `${databasePath}.audit-key.sealed`;

/**
 * The audit key in a sealed file beside the database: made and sealed on first use, unsealed
 * at every start. A sealed file the OS cannot open is refused with a message, never replaced
 * (a new key would make the whole trail unverifiable).
 */
export function sealedKeySource(file: string, sealer: KeySealer): AuditKeySource {
  return { load: () => loadSealedSecret(file, sealer, 'audit key', AUDIT_KEY_BYTES, parseKey) };
}

/**
 * One sealed key file: made and sealed on first use (only when `create`), unsealed at every
 * start, sealed again when the OS rotated its key. A sealed file the OS cannot open is
 * refused with a message, never replaced (a new key would orphan what the old one locked).
 */
export async function loadSealedSecret(file: string, sealer: KeySealer, what: string, bytes: number, parse: (text: string, where: string) => Buffer, create = true): Promise<Buffer> {
  if (!(await sealer.available())) {
    throw new Error(`This computer offers no protected key store (Electron safeStorage), so Layermap cannot keep its ${what} safe.`);
  }
  if (!fs.existsSync(file)) {
    if (!create) throw new Error(`The ${what} file ${file} is missing.`);
    await writeSealed(file, sealer, randomBytes(bytes).toString('hex'), 'wx');
  }
  let opened: { text: string; reseal: boolean };
  try {
    opened = await sealer.unseal(fs.readFileSync(file));
  } catch (e) {
    throw new Error(`The ${what} ${file} could not be unsealed by this user's key store (${e instanceof Error ? e.message : String(e)}). Sign in as the user who set up Layermap, or restore the file.`, { cause: e });
  }
  const key = parse(opened.text, file);
  if (opened.reseal) await writeSealed(file, sealer, opened.text, 'replace');
  return key;
}

/** `wx` never replaces a sealed key; `replace` writes a temp file and renames it over (a new seal of the same key, or keys recovered with the code). */
export async function writeSealed(file: string, sealer: KeySealer, text: string, how: 'wx' | 'replace'): Promise<void> {
  writeKeyFile(file, await sealer.seal(text), how);
}
