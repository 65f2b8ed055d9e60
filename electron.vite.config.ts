import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

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
      // The store runs in its own worker thread (electron/worker): a second entry, storeWorker.js.
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts'), storeWorker: resolve(root, 'electron/worker/storeWorker.ts') },
      },
    },
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
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // The CSP allows no inline or data: scripts; keep every asset a file.
      assetsInlineLimit: 0,
      // Minified: the window evaluates less script before the first screen (issue 10, opening a lesion).
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
