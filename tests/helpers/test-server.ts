import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type RunningServer, type ServerOverrides, startServer } from '../../server/app-server';
import { type Config, loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';

/**
 * Starts the real server in this process on a free loopback port with a private data directory,
 * serving the client that the global setup built for this run.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  overrides: ServerOverrides = {},
): Promise<RunningServer & { config: Config }> {
  const loaded = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crisis-table-test-')),
    LOG_LEVEL: 'silent',
    CLIENT_DIR: inject('clientDir'),
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const server = await startServer(loaded.config, createLogger(loaded.config.LOG_LEVEL), overrides);
  return { ...server, config: loaded.config };
}
