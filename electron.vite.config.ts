import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Bundle everything but the native module, so the package needs no other node_modules.
      externalizeDeps: { exclude: ['zod'] },
      outDir: resolve(root, 'out/main'),
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
