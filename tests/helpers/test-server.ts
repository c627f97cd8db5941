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
    // Suites create exercises and connect sockets from 127.0.0.1 far faster than people do; the
    // abuse suite (tests/server/abuse) sets these limits itself to test them.
    SESSION_CREATE_PER_ADDRESS_PER_MINUTE: '100000',
    SESSION_CREATE_PER_MINUTE: '100000',
    JOINS_PER_CODE_PER_MINUTE: '100000',
    SOCKETS_PER_ADDRESS: '100000',
    SOCKETS_PER_TOKEN: '1000',
    MESSAGES_PER_PLAYER_PER_MINUTE: '10000',
    SYNCS_PER_TOKEN_PER_MINUTE: '100000',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const server = await startServer(loaded.config, createLogger(loaded.config.LOG_LEVEL), overrides);
  return { ...server, config: loaded.config };
}
