import { safeStorage } from 'electron';
import type { KeySealer } from '../services/sealedKey';

/** Electron's side of sealing (safeStorage's async API); the logic is in services/sealedKey.ts, tested with a fake. */
export const safeStorageSealer: KeySealer = {
  available: () => safeStorage.isAsyncEncryptionAvailable(),
  backend: async () => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'none';
    // Linux only: 'basic_text' means no keyring was found and a hard-coded key would be used.
    return process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text' ? 'basic_text' : 'os';
  },
  seal: (text) => safeStorage.encryptStringAsync(text),
  unseal: async (sealed) => {
    const r = await safeStorage.decryptStringAsync(sealed);
    return { text: r.result, reseal: r.shouldReEncrypt };
  },
};
