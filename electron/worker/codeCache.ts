import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Runs a CommonJS bundle compiled from V8's code cache when one fits, and leaves a cache for
 * the next start when none did. Compiling the store's thread (about 600 KB of script) and the
 * functions its start runs was the largest part of process start → first answered read
 * (store.open_2gb); with the cache V8 reads them back instead. This is what Node's own
 * module.enableCompileCache and VS Code do; V8 checks each cache against the exact source and
 * its own version and flags, and compiles normally when it does not fit (an update, a damaged
 * file), so a cache can only be faster or unused, never wrong for its script. The cache lives in
 * the app's own user-data folder, owner-only, as the sealed keys do.
 */
export interface CodeCacheRun {
  /** 'used': compiled from the cache; 'written-later': compiled from source, a cache follows. */
  readonly cache: 'used' | 'written-later' | 'off';
  /** Writes the cache now (the timer calls it); a no-op when the cache was used. */
  writeCache(): void;
}

/** After this long the functions start runs are compiled, so the cache carries them too. */
export const WRITE_CACHE_AFTER_MS = 3000;

export function runWithCodeCache(bundle: string, cacheDir: string | undefined): CodeCacheRun {
  const source = fs.readFileSync(bundle, 'utf8');
  const cacheFile = cacheDir ? path.join(cacheDir, `${path.basename(bundle)}.v8-cache`) : null;
  const cachedData = cacheFile ? readIfThere(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  let written = used;
  return {
    cache: !cacheFile ? 'off' : used ? 'used' : 'written-later',
    writeCache: () => {
      if (written || !cacheFile) return;
      written = true;
      writeOwnerOnlyAtomically(cacheFile, script.createCachedData());
    },
  };
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A cache is an optimisation: any failure to write it (full disk, read-only folder) is ignored. */
function writeOwnerOnlyAtomically(file: string, data: Buffer): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(partial, data, { mode: 0o600 });
    fs.renameSync(partial, file);
  } catch {
    try {
      fs.rmSync(partial, { force: true });
    } catch {
      // Nothing was written there either.
    }
  }
}
