// Restoring every session at boot: `list()` + `load()` for 1,000 sessions of 500 events each
// (~300-byte events), from the file store and from Redis (a private redis-server with
// appendfsync always). Target from issue 7: under 3 s each.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStore } from '../server/store/file-store';
import { RedisStore } from '../server/store/redis-store';
import type { SessionStore, StoredEvent } from '../server/store/session-store';
import { startRedisServer } from '../tests/helpers/redis-server';
import type { BenchResult } from './run';

const SESSIONS = 1000;
const EVENTS_PER_SESSION = 500;
/** Events per append while seeding: a command usually yields one to a few events; 5 keeps seeding quick. */
const SEED_BATCH = 5;
/** Sessions seeded at once: many in parallel, as at a busy event, which lets fsyncs share a disk flush. */
const SEED_CONCURRENCY = 64;
/** Sessions loaded at once during restore. */
const RESTORE_CONCURRENCY = 16;

const ROLES = ['head-of-infrastructure', 'cfo', 'product-lead', 'investor'];
const ACTIONS = ['add-read-replicas', 'enable-cdn-caching', 'hire-sre-contractors', 'freeze-feature-work'];

/** A realistic event of about 300 bytes of JSON, deterministic per (session, seq). */
function eventFor(session: number, seq: number): StoredEvent {
  return {
    seq,
    type: seq % 7 === 0 ? 'timer-expired' : 'proposal-submitted',
    at: 1_700_000_000_000 + session * 1_000_000 + seq * 1_500,
    data: {
      actor: `role:${ROLES[seq % ROLES.length]}`,
      action: ACTIONS[(session + seq) % ACTIONS.length],
      params: { replicas: (seq % 5) + 1, budgetUsd: 25_000 * ((seq % 8) + 1), region: 'eu-west-1' },
      rationale: 'Primary at 92% CPU during peak; p99 latency 1.8 s. Replicas buy time before sharding.',
      round: Math.floor(seq / 25) + 1,
    },
  };
}

function sessionId(index: number): string {
  return `bench-${String(index).padStart(4, '0')}`;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

async function seed(store: SessionStore): Promise<number> {
  const started = performance.now();
  await inParallel(
    Array.from({ length: SESSIONS }, (_, i) => i),
    SEED_CONCURRENCY,
    async (session) => {
      for (let seq = 0; seq < EVENTS_PER_SESSION; seq += SEED_BATCH) {
        const batch = Array.from({ length: SEED_BATCH }, (_, i) => eventFor(session, seq + i + 1));
        const result = await store.append(sessionId(session), seq, batch);
        if (!result.ok) throw new Error(`seeding conflict in ${sessionId(session)}`);
      }
    },
  );
  return performance.now() - started;
}

/**
 * What boot does: list every session, then load each one. Returns wall and CPU ms (this process;
 * CPU is the steadier figure on a shared machine) and checks every event came back.
 */
async function restore(store: SessionStore): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const sessions = await store.list();
  let events = 0;
  await inParallel(sessions, RESTORE_CONCURRENCY, async (summary) => {
    const loaded = await store.load(summary.sessionId);
    events += loaded.events.length;
  });
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  if (sessions.length !== SESSIONS || events !== SESSIONS * EVENTS_PER_SESSION) {
    throw new Error(
      `restored ${sessions.length} sessions / ${events} events, expected ${SESSIONS} / ${SESSIONS * EVENTS_PER_SESSION}`,
    );
  }
  return { wallMs, cpuMs: (user + system) / 1000 };
}

/** The machine's load when a figure was taken: on a shared machine it explains a slow run. */
const conditions = () => `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`;

const appendsPerSecond = (ms: number) =>
  Math.round((SESSIONS * EVENTS_PER_SESSION) / SEED_BATCH / (ms / 1000));
const workload = `${SESSIONS} sessions x ${EVENTS_PER_SESSION} events (~300 B each)`;

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-bench-store-'));
  try {
    const writer = await FileStore.open({ dataDir });
    const seedMs = await seed(writer);
    await writer.close();
    const reader = await FileStore.open({ dataDir });
    const restored = await restore(reader);
    await reader.close();
    results.push(
      {
        name: 'file store: restore all (list + load)',
        value: Math.round(restored.wallMs),
        unit: 'ms',
        note: `${workload}; warm page cache; CPU ${Math.round(restored.cpuMs)} ms; ${conditions()}; target < 3000 ms`,
      },
      {
        name: 'file store: durable appends while seeding',
        value: appendsPerSecond(seedMs),
        unit: 'appends/s',
        note: `${SEED_BATCH} events per append, fdatasync each, ${SEED_CONCURRENCY} sessions in parallel`,
      },
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const redis = await startRedisServer({ appendfsync: 'always' });
  try {
    const writer = await RedisStore.open({ url: redis.url, prefix: 'bench:' });
    const seedMs = await seed(writer);
    await writer.close();
    const reader = await RedisStore.open({ url: redis.url, prefix: 'bench:' });
    const restored = await restore(reader);
    await reader.close();
    results.push(
      {
        name: 'redis store: restore all (list + load)',
        value: Math.round(restored.wallMs),
        unit: 'ms',
        note: `${workload}; local redis-server 7; client CPU ${Math.round(restored.cpuMs)} ms; ${conditions()}; target < 3000 ms`,
      },
      {
        name: 'redis store: durable appends while seeding',
        value: appendsPerSecond(seedMs),
        unit: 'appends/s',
        note: `${SEED_BATCH} events per append, appendfsync always, ${SEED_CONCURRENCY} sessions in parallel`,
      },
    );
  } finally {
    await redis.dispose();
  }
  return results;
}
