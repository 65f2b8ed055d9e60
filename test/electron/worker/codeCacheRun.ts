import { parentPort, workerData } from 'node:worker_threads';
import { runWithCodeCache } from '../../../electron/worker/codeCache';

/**
 * One start of a bundle on a fresh thread (a new V8 isolate, whose own in-memory compilation
 * cache cannot stand in for the file): reports whether the code cache was used, then writes it.
 */
const { bundle, cacheDir } = workerData as { bundle: string; cacheDir: string | undefined };
const run = runWithCodeCache(bundle, cacheDir);
run.writeCache();
parentPort!.postMessage({ cache: run.cache, ran: (globalThis as { __codeCacheRuns?: number }).__codeCacheRuns ?? 0 });
