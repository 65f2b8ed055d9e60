// Runs a worker thread's TypeScript source through tsx, for the test host and the tests (the
// app runs the built JavaScript). Node 20 ignores `--import tsx` in a worker's execArgv.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.tsEntry, import.meta.url);
