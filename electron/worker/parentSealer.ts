import type { MessagePort } from 'node:worker_threads';
import type { KeySealer } from '../services/sealedKey';
import type { FromWorker, SealerMethod, ToWorker } from './protocol';

/**
 * The parent's key store, as seen from the store's thread: Electron's safeStorage answers only
 * in the main process, so sealing is asked for by message (storeClient.ts answers). Unsealing
 * is never asked of it: the thread only ever writes a sealed password for the next start.
 */
export function parentSealer(port: MessagePort): { readonly sealer: KeySealer; answer(message: Extract<ToWorker, { type: 'sealer-answer' }>): void } {
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ask = (method: SealerMethod, text?: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      port.postMessage({ type: 'sealer', id, method, ...(text === undefined ? {} : { text }) } satisfies FromWorker);
    });
  return {
    sealer: {
      available: async () => (await ask('available')) === true,
      backend: async () => (await ask('backend')) as 'os' | 'basic_text' | 'none',
      seal: async (text) => Buffer.from((await ask('seal', text)) as Uint8Array),
      unseal: () => Promise.reject(new Error('The store thread does not unseal.')),
    },
    answer: (message) => {
      const asked = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.ok) asked?.resolve(message.value);
      else asked?.reject(new Error(message.message));
    },
  };
}
