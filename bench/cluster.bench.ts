// `npm run bench -- cluster` (issue 18): many processes on one Redis, on this machine.
//
// For 1, 2 and 3 server processes (tests/helpers/cluster.ts: real `server/main.ts` processes on
// loopback ports, one redis-server of their own): SESSIONS exercises, each created on one process
// and driven by a facilitator socket connected to the *next* process (so with 2 or 3 processes every
// command is relayed to the owner, as behind a load balancer that does not know the owner), sending
// broadcasts back to back for WINDOW_MS. Figures: commands acknowledged per second (all sessions)
// and the p99 of one command's ack. Then KILLS failover trials on 3 processes: the owner of a started
// exercise is SIGKILLed and the time until another process acknowledges the session's next command
// is measured (lease length LEASE_MS included), as median and max.

import { RedisStore } from '../server/store/redis-store';
import { type NodeProcess, startNode } from '../tests/helpers/cluster';
import { startRedisServer } from '../tests/helpers/redis-server';
import { createExercise, TestClient } from '../tests/helpers/socket-client';
import { percentile, round1, sleep } from './load/stats';
import type { BenchResult } from './run';

const SESSIONS = Number(process.env.CLUSTER_SESSIONS ?? 12);
const WINDOW_MS = Number(process.env.CLUSTER_WINDOW_MS ?? 6_000);
const KILLS = Number(process.env.CLUSTER_KILLS ?? 5);
const LEASE = { LEASE_MS: '1500', LEASE_RENEW_MS: '250' };
/** The bench creates many exercises and sends back to back from one address: the abuse limits aside. */
const UNLIMITED = {
  SESSION_CREATE_PER_ADDRESS_PER_MINUTE: '10000',
  SESSION_CREATE_PER_MINUTE: '10000',
  EVENTS_BURST: '10000',
  EVENTS_PER_SECOND: '10000',
};
const SCENARIO = 'socialwave-first-30-days';

async function signedIn(url: string, sessionId: string, token: string): Promise<TestClient | undefined> {
  const client = await TestClient.connect(url);
  const ack = await client.authenticate(sessionId, token);
  if (ack.ok) return client;
  client.close();
  return undefined;
}

async function broadcast(client: TestClient, body: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const ack = (await client.socket
      .timeout(timeoutMs)
      .emitWithAck('command', { command: { type: 'broadcast', body, audience: 'all' } })) as { ok: boolean };
    return ack.ok;
  } catch {
    return false;
  }
}

async function throughput(processes: number): Promise<BenchResult[]> {
  const redis = await startRedisServer();
  const nodes = await Promise.all(
    Array.from({ length: processes }, () => startNode({ REDIS_URL: redis.url, ...UNLIMITED })),
  );
  const clients: TestClient[] = [];
  try {
    for (let i = 0; i < SESSIONS; i++) {
      const owner = nodes[i % processes] as NodeProcess;
      const entry = nodes[(i + 1) % processes] as NodeProcess;
      const exercise = await createExercise(owner.url, SCENARIO, { seed: i });
      const client = await signedIn(entry.url, exercise.sessionId, exercise.facilitatorToken);
      if (!client) throw new Error(`session ${i}: the facilitator could not sign in through another process`);
      clients.push(client);
    }
    const latencies: number[] = [];
    let failed = 0;
    const until = Date.now() + WINDOW_MS;
    await Promise.all(
      clients.map(async (client, i) => {
        for (let n = 0; Date.now() < until; n++) {
          const started = performance.now();
          if (await broadcast(client, `bench ${i}.${n}`)) latencies.push(performance.now() - started);
          else failed++;
        }
      }),
    );
    const note = `${SESSIONS} sessions, one facilitator each${processes > 1 ? ' on a process that does not own it (relayed)' : ''}, ${WINDOW_MS / 1000} s, ${failed} refused or timed out`;
    return [
      {
        name: `${processes} process${processes > 1 ? 'es' : ''}: commands acknowledged`,
        value: round1(latencies.length / (WINDOW_MS / 1000)),
        unit: 'commands/s',
        note,
      },
      {
        name: `${processes} process${processes > 1 ? 'es' : ''}: ack p99`,
        value: round1(percentile(latencies, 99)),
        unit: 'ms',
        note,
      },
    ];
  } finally {
    for (const client of clients) client.close();
    await Promise.all(nodes.map((n) => n.kill()));
    await redis.dispose();
  }
}

async function failover(): Promise<BenchResult[]> {
  const redis = await startRedisServer();
  const store = await RedisStore.open({ url: redis.url, prefix: 'ct:' });
  const env = { REDIS_URL: redis.url, ...LEASE, ...UNLIMITED };
  const nodes = await Promise.all([startNode(env), startNode(env), startNode(env)]);
  const times: number[] = [];
  try {
    for (let trial = 0; trial < KILLS; trial++) {
      const exercise = await createExercise((nodes[trial % 3] as NodeProcess).url, SCENARIO, { seed: trial });
      const holder = await store.leaseHolder(exercise.sessionId);
      const owner = nodes.find((n) => holder?.endsWith(`@${n.url}`));
      if (!owner) throw new Error(`trial ${trial}: no process holds the new session`);
      const others = nodes.filter((n) => n !== owner);
      let client = await signedIn(others[0]?.url ?? '', exercise.sessionId, exercise.facilitatorToken);
      if (!client || !(await broadcast(client, 'before')))
        throw new Error(`trial ${trial}: no command before the kill`);
      await owner.kill();
      const killed = performance.now();
      let entry = 0;
      for (;;) {
        if (performance.now() - killed > 20_000) throw new Error(`trial ${trial}: no failover in 20 s`);
        if (client && (await broadcast(client, 'after', 500))) break;
        client?.close();
        await sleep(50);
        const node = others[entry++ % others.length] as NodeProcess;
        client = await signedIn(node.url, exercise.sessionId, exercise.facilitatorToken);
      }
      times.push(performance.now() - killed);
      client?.close();
      nodes.splice(nodes.indexOf(owner), 1, await startNode(env));
    }
    const sorted = [...times].sort((a, b) => a - b);
    const note = `${KILLS} SIGKILLs of the owner, 3 processes, LEASE_MS ${LEASE.LEASE_MS}; until another process acknowledges a command`;
    return [
      { name: 'failover: median', value: round1(percentile(sorted, 50)), unit: 'ms', note },
      { name: 'failover: max', value: round1(sorted.at(-1) ?? 0), unit: 'ms', note },
    ];
  } finally {
    await store.close();
    await Promise.all(nodes.map((n) => n.kill()));
    await redis.dispose();
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const processes of [1, 2, 3]) results.push(...(await throughput(processes)));
  results.push(...(await failover()));
  return results;
}
