import path from 'node:path';
import { workerData } from 'node:worker_threads';
import { runWithCodeCache, WRITE_CACHE_AFTER_MS } from './codeCache';
import type { StoreWorkerData } from './protocol';

/**
 * The store thread's first script in the built app: runs the store's bundle (storeWorker.cjs,
 * beside this file) through V8's code cache in the folder the app names (codeCache.ts).
 */
const { codeCacheDir } = workerData as StoreWorkerData;
const started = runWithCodeCache(path.join(__dirname, 'storeWorker.cjs'), codeCacheDir);
// Later, not now: the cache then carries the functions the start ran, and writing it never
// delays the first answer. unref: a thread that closes sooner does not wait for it.
if (started.cache === 'written-later') setTimeout(() => started.writeCache(), WRITE_CACHE_AFTER_MS).unref();
