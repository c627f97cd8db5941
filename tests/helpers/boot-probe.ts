// A child process that boots the real server (server/app-server.ts) on the DATA_DIR of its
// environment, reports what the boot cost, and stops: run by boot-in-child.ts under a heap limit
// (`node --max-old-space-size=...`), so a boot that does not fit aborts the child, not the caller.
// BOOT_PROBE_CLOCK_OFFSET_MS moves the server's clock on (a boot hours later, without waiting).
import v8 from 'node:v8';
import { startServer } from '../../server/app-server';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${loaded.problems.join('\n')}\n`);
  process.exit(2);
}
const offset = Number(process.env.BOOT_PROBE_CLOCK_OFFSET_MS ?? 0);
const started = performance.now();
const server = await startServer(
  loaded.config,
  createLogger(loaded.config.LOG_LEVEL),
  offset ? { clock: { now: () => Date.now() + offset } } : {},
);
const bootMs = performance.now() - started;
(globalThis as { gc?: () => void }).gc?.();
const memory = process.memoryUsage();
const report = {
  bootMs,
  heapUsedBytes: memory.heapUsed,
  rssBytes: memory.rss,
  heapLimitBytes: v8.getHeapStatistics().heap_size_limit,
};
process.stdout.write(`${JSON.stringify({ bootProbe: report })}\n`);
await server.close();
process.exit(0);
