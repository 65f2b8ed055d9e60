import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { build as rolldownBuild } from 'rolldown';

const root = import.meta.dirname;

/**
 * The store's thread as its own CommonJS bundle (out/main/storeWorker.cjs, with
 * storeWorkerBoot.cjs, its first script): one self-contained script, so its start can be
 * compiled from V8's code cache (electron/worker/codeCache.ts), which ES modules cannot be on
 * Node 20. Built when the main build is written, so `build`, `preview` and `dev` all have it.
 */
function storeWorkerBundle(): Plugin {
  return {
    name: 'layermap-store-worker',
    apply: 'build',
    async writeBundle() {
      await rolldownBuild({
        input: { storeWorker: resolve(root, 'electron/worker/storeWorker.ts'), storeWorkerBoot: resolve(root, 'electron/worker/storeWorkerBoot.ts') },
        platform: 'node',
        // The native module and what loads only on demand (pg: clinic mode; fflate: archives) stay outside.
        external: ['better-sqlite3', 'fflate', 'pg', 'pg-native', 'electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        logLevel: 'warn',
        output: { dir: resolve(root, 'out/main'), format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', minify: true, sourcemap: true },
      });
    },
  };
}

/**
 * The chunks a map gesture runs (the editor, the map's derivation and geometry) carry V8's
 * explicit compile hint: their functions are compiled as the script loads, off the main thread
 * where Chromium streams it, instead of one by one the first time each runs. Lazily, the first
 * drag of a session and its release compiled about a hundred functions on the spot (3-5 ms of
 * the release's task, measured in a trace), at the moment the surgeon is watching the map.
 * Added to the files written, after minification (which would drop a comment).
 */
function compileHints(): Plugin {
  const editorCode = /[\\/](renderer[\\/]src[\\/]editor|shared[\\/]map|shared[\\/]geometry)[\\/]/;
  return {
    name: 'layermap-compile-hints',
    apply: 'build',
    // Once written: Vite's own last steps put its preload helper at a chunk's start.
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.moduleIds.some((id) => editorCode.test(id))) continue;
        const file = resolve(options.dir ?? '', chunk.fileName);
        writeFileSync(file, `//# allFunctionsCalledOnLoad\n${readFileSync(file, 'utf8')}`);
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // Bundled: zod, and kysely and rfc6902, whose hundreds of small ES modules cost about
      // 130 ms of every start when resolved one by one from node_modules (store.open_2gb).
      // fflate stays outside (its worker shim declares a second `require` in the bundle); pg too
      // (it loads only in clinic mode, from its own chunk); and the native module.
      externalizeDeps: { exclude: ['zod', 'kysely', 'rfc6902'] },
      outDir: resolve(root, 'out/main'),
      // Minified: the store's thread compiles less script before its first answer (store.open_2gb,
      // about 10 ms); the source maps beside it keep stack traces readable for whoever debugs.
      minify: true,
      sourcemap: true,
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
    // The store runs in its own worker thread (electron/worker), built as its own bundle.
    plugins: [storeWorkerBundle()],
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot load ES modules or other files: one CommonJS bundle.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), compileHints()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // The CSP allows no inline or data: scripts; keep every asset a file.
      assetsInlineLimit: 0,
      // Minified: the window evaluates less script before the first screen (issue 10, opening a lesion).
      minify: !process.env.LAYERMAP_NOMINIFY,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
