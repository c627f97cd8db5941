import { startServer } from './app-server';
import { loadConfig } from './config';
import { createLogger } from './logger';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`Invalid configuration:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
const logger = createLogger(loaded.config.LOG_LEVEL);
const server = await startServer(loaded.config, logger);
process.stdout.write(`Crisis Table is running at ${server.url}\n`);
// For a person at a terminal, the addresses as Vite prints them (the JSON log has them as "join url").
if (process.stdout.isTTY) {
  const { publicUrl, lanUrls } = server.joinUrls();
  const lines = [`  Local:   ${server.url}`];
  if (publicUrl) lines.push(`  Public:  ${publicUrl}`);
  for (const url of lanUrls) lines.push(`  Network: ${url}`);
  if (!publicUrl && lanUrls.length === 0)
    lines.push('  Network: none (listen on HOST=0.0.0.0 or set PUBLIC_URL so that phones can join)');
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Refuses new work, lets commands in flight reach the store, closes the store, then exits. */
let stopping = false;
async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  // A shutdown that hangs (a stuck store) must not keep the process from being replaced.
  const deadline = setTimeout(() => {
    logger.error('shutdown took longer than 10 s; exiting');
    process.exit(exitCode || 1);
  }, 10_000);
  deadline.unref();
  try {
    await server.close();
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    exitCode ||= 1;
  }
  logger.flush();
  process.exit(exitCode);
}
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
process.on('SIGINT', () => void shutdown('SIGINT', 0));
// Input never reaches here (every handler answers errors as values); this is the last net for a defect.
process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  void shutdown('uncaught exception', 1);
});
