import type { KeySealer } from '../../../electron/services/sealedKey';

/**
 * Stands in for Electron's safeStorage (Electron cannot start here): "seals" by XOR with this
 * machine's secret, so another `secret` is another computer whose key store cannot unseal it.
 */
export function fakeSealer(backend: 'os' | 'basic_text' = 'os', secret = 0x42): KeySealer {
  return {
    available: async () => true,
    backend: async () => backend,
    seal: async (text) => Buffer.from(Buffer.from(`sealed:${text}`).map((b) => b ^ secret)),
    unseal: async (sealed) => {
      const text = Buffer.from(sealed.map((b) => b ^ secret)).toString();
      if (!text.startsWith('sealed:')) throw new Error('wrong OS key');
      return { text: text.slice(7), reseal: false };
    },
  };
}
