import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AUDIT_KEY_BYTES, type AuditKey } from './auditChain';

/**
 * Where the audit chain's key comes from. The app seals it with the OS key store (Electron
 * safeStorage, electron/services/sealedKey.ts); the test host and tools keep it in a plain key
 * file. Either way it lives outside the database, and the store's worker receives it at open.
 */
export interface AuditKeySource {
  load(): Promise<AuditKey>;
}

export const keyFileBeside = (databasePath: string): string => `${databasePath}.audit-key`;

/**
 * A key in a file of its own (hex), readable by the owner only; made on first use. A file
 * that is there but not a key is refused, never replaced: a new key would orphan the chain.
 */
export function keyFileSource(file: string): AuditKeySource {
  return {
    load: async () => {
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        try {
          fs.writeSync(fd, randomBytes(AUDIT_KEY_BYTES).toString('hex'));
        } finally {
          fs.closeSync(fd);
        }
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST') throw e;
      }
      return parseKey(fs.readFileSync(file, 'utf8'), file);
    },
  };
}

export function parseKey(text: string, where: string): AuditKey {
  const hex = text.trim();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== AUDIT_KEY_BYTES * 2) {
    throw new Error(`${where} does not hold a Layermap audit key; restore the right file or move it aside.`);
  }
  return Buffer.from(hex, 'hex');
}
