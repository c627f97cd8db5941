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

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await server.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
