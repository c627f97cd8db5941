// Child process of bench/load.bench.ts: the Crisis Table server, with the memory store by default
// (like boardgame.io's in-memory storage beside it) or the file store on a temporary data
// directory with LOAD_STORE=file (fdatasync per append: on a disk shared with other builds its
// p99 alone can pass 50 ms, docs/benchmarks.md), and the abuse limits raised for one loopback address, and the phase timers held so
// every table stays in deliberation for the run. Its CPU is measured on its own (process.cpuUsage).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/app-server';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { MemoryStore } from '../../server/store/memory-store';
import { serveUsage } from './child-usage';

const loaded = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crisis-table-load-')),
  LOG_LEVEL: 'silent',
  SESSIONS_MAX: '100000',
  SESSION_CREATE_PER_ADDRESS_PER_MINUTE: '100000',
  SESSION_CREATE_PER_MINUTE: '100000',
  JOINS_PER_CODE_PER_MINUTE: '100000',
  SOCKETS_PER_ADDRESS: '1000000',
  SOCKETS_PER_TOKEN: '10000',
  MESSAGES_PER_PLAYER_PER_MINUTE: '10000',
  SYNCS_PER_TOKEN_PER_MINUTE: '100000',
  EVENTS_BURST: '100000',
  EVENTS_PER_SECOND: '100000',
});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const held = { setTimeout: () => 0, clearTimeout: () => {} };
const server = await startServer(loaded.config, createLogger('silent'), {
  timers: held,
  ...(process.env.LOAD_STORE === 'file' ? {} : { store: new MemoryStore() }),
});
serveUsage(server.url, () => server.close());
