// The balance workers' entry (parallel.ts): a worker thread does not inherit the main thread's
// TypeScript loader, and on Node 20 `execArgv: ['--import', 'tsx']` registers it too late for the
// worker's own module ("Unknown file extension .ts"). So this plain module loads tsx's API and
// imports worker.ts (workerData.module) through it.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.module, import.meta.url);
