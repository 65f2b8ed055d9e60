import { defineConfig } from 'vitest/config';

/**
 * Test projects by layer. Domain and store tests run in Node; end-to-end tests drive
 * Debian's Chromium through the test host and need `npm run build` first (npm test does it).
 */
export default defineConfig({
  test: {
    projects: [
      // Property tests run hundreds of cases: a loaded 2-core machine needs more than vitest's default 5 s.
      { test: { name: 'shared', environment: 'node', testTimeout: 30_000, include: ['test/shared/**/*.test.ts', 'test/architecture/**/*.test.ts', 'test/assets/**/*.test.ts', 'test/renderer/app/**/*.test.ts', 'test/renderer/editor/**/*.test.ts', 'test/renderer/features/**/*.test.ts'] } },
      {
        test: {
          name: 'electron',
          environment: 'node',
          include: ['test/electron/**/*.test.ts', 'test/host/**/*.test.ts', 'test/setup/**/*.test.ts'],
          testTimeout: 20_000,
          // A PostgreSQL server for the store tests on that engine (test/electron/store/engines.ts).
          globalSetup: ['test/setup/postgres.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // One Chromium for the whole run; every file connects to it (test/e2e/browser.ts). A
          // PostgreSQL server for the clinic-mode pages (two workstations, test/e2e/clinic.test.ts).
          globalSetup: ['test/e2e/globalSetup.ts', 'test/setup/postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Generous waits for what a page shows (behaviour, not speed: speed is in the bench). A
          // fresh page now loads its app in two steps (main.tsx, then boot.tsx), so a screen can
          // take longer than vitest's default second after `goto` on a loaded 2-core machine.
          expect: { poll: { timeout: 10_000 } },
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
