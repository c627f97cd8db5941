import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningServer, startServer } from '../../../server/app-server';
import { loadConfig } from '../../../server/config';
import { createLogger } from '../../../server/logger';

/** The shipped short scenario, played as it ships (its monetization push is decided by a table vote). */
export const SHORT_SCENARIO_FILE = path.resolve('scenarios/socialwave-first-30-days.yaml');

/** The real server in this process, on a free loopback port, serving the built client and the shipped scenarios. */
export async function startExerciseServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const loaded = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crisis-table-e2e-data-')),
    LOG_LEVEL: 'silent',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return startServer(loaded.config, createLogger(loaded.config.LOG_LEVEL));
}
