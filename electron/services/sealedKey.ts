import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AUDIT_KEY_BYTES } from '../store/auditChain';
import { parseKey, type AuditKeySource } from '../store/auditKey';

/**
 * Seals a secret with the operating system's key store. In the app this is Electron's
 * safeStorage (async API, electron/main/safeStorageSealer.ts); tests use a fake. The next issue
 * seals the database key the same way.
 */
export interface KeySealer {
  available(): Promise<boolean>;
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
  return {
    load: async () => {
      if (!(await sealer.available())) {
        throw new Error('This computer offers no protected key store (Electron safeStorage), so Layermap cannot keep its audit key safe.');
      }
      if (!fs.existsSync(file)) {
        const sealed = await sealer.seal(randomBytes(AUDIT_KEY_BYTES).toString('hex'));
        const fd = fs.openSync(file, 'wx', 0o600);
        try {
          fs.writeSync(fd, sealed);
        } finally {
          fs.closeSync(fd);
        }
      }
      let opened: { text: string; reseal: boolean };
      try {
        opened = await sealer.unseal(fs.readFileSync(file));
      } catch (e) {
        throw new Error(`The audit key ${file} could not be unsealed by this user's key store (${e instanceof Error ? e.message : String(e)}). Sign in as the user who set up Layermap, or restore the file.`, { cause: e });
      }
      const key = parseKey(opened.text, file);
      if (opened.reseal) {
        const temp = `${file}.tmp`;
        fs.writeFileSync(temp, await sealer.seal(opened.text), { mode: 0o600 });
        fs.renameSync(temp, file);
      }
      return key;
    },
  };
}
