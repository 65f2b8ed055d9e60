import { AUDIT_KEY_BYTES, type AuditKey } from './auditChain';
import { loadHexKeyFile } from './hexKeyFile';

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
  return { load: async () => loadHexKeyFile(file, AUDIT_KEY_BYTES, parseKey) };
}

export function parseKey(text: string, where: string): AuditKey {
  const hex = text.trim();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== AUDIT_KEY_BYTES * 2) {
    throw new Error(`${where} does not hold a Layermap audit key; restore the right file or move it aside.`);
  }
  return Buffer.from(hex, 'hex');
}
