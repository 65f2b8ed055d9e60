import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWithCodeCache } from '../../../electron/worker/codeCache';

/** A start as the app makes one: on its own thread, so V8 has nothing compiled in memory. */
async function start(bundle: string, cacheDir: string | undefined): Promise<{ cache: string; ran: number }> {
  const worker = new Worker(new URL('../../host/tsWorker.mjs', import.meta.url), {
    workerData: { tsEntry: new URL('./codeCacheRun.ts', import.meta.url).pathname, bundle, cacheDir },
  });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

/** A small CommonJS "bundle" that counts its runs, needs a module, and exports what it saw. */
const BUNDLE = `globalThis.__codeCacheRuns = (globalThis.__codeCacheRuns ?? 0) + 1;
const path = require('node:path');
function padded(n) { return String(n).padStart(3, '0'); }
module.exports = { base: path.basename(__filename), dir: __dirname, padded: padded(7) };`;

let dir: string;
let bundle: string;
let cacheDir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-code-cache-'));
  bundle = path.join(dir, 'bundle.cjs');
  cacheDir = path.join(dir, 'cache');
  fs.writeFileSync(bundle, BUNDLE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('running a bundle through V8 code cache', () => {
  it('compiles from source the first time, leaves an owner-only cache, and uses it the next time', async () => {
    expect(await start(bundle, cacheDir)).toEqual({ cache: 'written-later', ran: 1 });
    const cacheFile = path.join(cacheDir, 'bundle.cjs.v8-cache');
    expect(fs.statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(cacheDir)).toEqual(['bundle.cjs.v8-cache']); // no partial file left
    expect(await start(bundle, cacheDir)).toEqual({ cache: 'used', ran: 1 });
  });

  it('compiles from source when the cache does not fit: a changed bundle (an update) or a damaged file', async () => {
    await start(bundle, cacheDir);
    fs.writeFileSync(bundle, `${BUNDLE}\nmodule.exports.updated = true;`);
    expect(await start(bundle, cacheDir)).toEqual({ cache: 'written-later', ran: 1 });
    expect(await start(bundle, cacheDir)).toEqual({ cache: 'used', ran: 1 });
    fs.writeFileSync(path.join(cacheDir, 'bundle.cjs.v8-cache'), Buffer.from('not a V8 code cache at all'));
    expect(await start(bundle, cacheDir)).toEqual({ cache: 'written-later', ran: 1 });
    expect(await start(bundle, cacheDir)).toEqual({ cache: 'used', ran: 1 });
  });

  it('gives the bundle CommonJS as Node would: require from its own folder, __filename, __dirname', () => {
    const seen = { exports: undefined as unknown };
    fs.writeFileSync(bundle, `${BUNDLE}\nglobalThis.__codeCacheSeen = module.exports;`);
    runWithCodeCache(bundle, undefined);
    seen.exports = (globalThis as { __codeCacheSeen?: unknown }).__codeCacheSeen;
    expect(seen.exports).toEqual({ base: 'bundle.cjs', dir, padded: '007' });
  });

  it('runs without a cache when given no folder, and a folder it cannot write costs nothing but the cache', () => {
    expect(runWithCodeCache(bundle, undefined).cache).toBe('off');
    fs.writeFileSync(cacheDir, 'a file where the folder should be');
    const run = runWithCodeCache(bundle, cacheDir);
    expect(() => run.writeCache()).not.toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['bundle.cjs', 'cache']);
  });
});
