import type { TestProject } from 'vitest/node';
import { launchChromiumServer } from './chromiumLaunch';

/**
 * Vitest's global set-up for the e2e project: starts one Chromium for the run and hands its
 * address to the test files (browser.ts connects with inject('chromiumWsEndpoint')).
 * Starting Chromium once instead of once per file saves seconds per file on 2 cores.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    chromiumWsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await launchChromiumServer();
  project.provide('chromiumWsEndpoint', server.wsEndpoint());
  return () => server.close();
}
