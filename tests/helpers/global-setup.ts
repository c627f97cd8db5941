import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production client built for this test run (see tests/helpers/test-server.ts). */
    clientDir: string;
  }
}

/**
 * Browser and HTTP tests serve the production client, so build it once before any test runs, into
 * a folder of this run's own: a developer's `dist/client` is left alone, and two test runs on one
 * machine cannot rebuild each other's client mid-test.
 */
export default function setup(project: TestProject): () => void {
  const outDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-client-'));
  // vitest sets NODE_ENV=test; the served client must be the production build, as users get it.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
  project.provide('clientDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
