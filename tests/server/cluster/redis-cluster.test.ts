import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RedisScenarioLibrary } from '../../../server/store/redis-scenario-library';
import { RedisStore } from '../../../server/store/redis-store';
import type { StoredEvent } from '../../../server/store/session-store';
import { type NodeProcess, startNode } from '../../helpers/cluster';
import { type RedisCluster, startRedisCluster } from '../../helpers/redis-server';
import { createExercise } from '../../helpers/socket-client';
import { describeStoreContract } from '../store/contract';
import { describeLeaseContract } from '../store/lease-contract';
import { describeScenarioLibraryContract } from '../store/scenario-library-contract';
import { authenticated, LEASE_ENV, poll, readLog } from './cluster-play';

/**
 * Redis Cluster (issue 18): a local 3-master cluster (redis-server --cluster-enabled, joined with
 * redis-cli --cluster create) under the unchanged store, lease and library: the store's contract,
 * the lease and fencing epoch, the library's contract, a session's keys on one master while
 * sessions spread over all three, and two server processes playing one exercise through it.
 */

let cluster: RedisCluster;
let prefixes = 0;
const uniquePrefix = (name: string) => `${name}-${++prefixes}:`;
beforeAll(async () => {
  cluster = await startRedisCluster({ appendfsync: 'no' });
}, 60_000);
afterAll(async () => {
  await cluster?.dispose();
});

describeStoreContract('redis cluster', () =>
  RedisStore.open({ url: cluster.url, prefix: uniquePrefix('contract') }),
);

describe('lease and fencing epoch on a Redis Cluster', () => {
  let store: RedisStore;
  beforeAll(async () => {
    store = await RedisStore.open({ url: cluster.url, prefix: 'lease:' });
  });
  afterAll(async () => {
    await store?.close();
  });
  describeLeaseContract(() => store);
});

describeScenarioLibraryContract('redis cluster', async () => {
  const prefix = uniquePrefix('library');
  const open = () => RedisScenarioLibrary.open({ url: cluster.url, prefix });
  return { library: await open(), twin: open };
});

const event = (seq: number): StoredEvent =>
  ({ seq, type: 'note', at: seq, data: { seq } }) as unknown as StoredEvent;

/** The keys under `prefix` each master holds, by master port. */
async function keysByMaster(prefix: string): Promise<Map<number, string[]>> {
  const byMaster = new Map<number, string[]>();
  for (const node of cluster.nodes) {
    const client = createClient({ url: node.url });
    await client.connect();
    try {
      byMaster.set(node.port, (await client.keys(`${prefix}*`)).map(String));
    } finally {
      await client.close();
    }
  }
  return byMaster;
}

test('every key of one session is on one master, and the sessions spread over all three', async () => {
  const prefix = uniquePrefix('spread');
  const store = await RedisStore.open({ url: cluster.url, prefix });
  try {
    const ids = Array.from({ length: 24 }, (_, i) => `s${i}`);
    for (const id of ids) {
      expect(await store.acquireLease(id, 'a@http://a', 10_000)).toEqual({ epoch: 1 });
      await store.append(id, 0, [event(1), event(2)], 1);
      await store.snapshot(id, { seq: 2, state: { id } });
    }
    expect((await store.list()).map((s) => s.sessionId)).toEqual([...ids].sort());
    const byMaster = await keysByMaster(prefix);
    const mastersOf = (id: string) =>
      [...byMaster].filter(([, keys]) => keys.some((k) => k.startsWith(`${prefix}session:{${id}}:`)));
    for (const id of ids) {
      const holding = mastersOf(id);
      expect(holding, id).toHaveLength(1);
      const keys = (holding[0]?.[1] ?? []).filter((k) => k.includes(`{${id}}`)).sort();
      expect(keys).toEqual(
        ['epoch', 'events', 'lease', 'meta', 'snapshot'].map((p) => `${prefix}session:{${id}}:${p}`),
      );
    }
    const used = new Set(ids.map((id) => mastersOf(id)[0]?.[0]));
    expect(used.size).toBe(3);
    // The index is one key, in a slot of its own.
    expect([...byMaster.values()].flat().filter((k) => k === `${prefix}sessions`)).toHaveLength(1);
    const loaded = await store.load('s7');
    expect(loaded.snapshot).toEqual({ seq: 2, state: { id: 's7' } });
    expect(loaded.lastSeq).toBe(2);
  } finally {
    await store.close();
  }
});

test('readiness asks every master: one frozen master makes ping() false, and true again once it answers', async () => {
  const store = await RedisStore.open({
    url: cluster.url,
    prefix: uniquePrefix('ping'),
    commandTimeoutMs: 500,
  });
  const frozen = cluster.nodes[1];
  try {
    expect(await store.ping()).toBe(true);
    frozen?.pause();
    expect(await store.ping()).toBe(false);
    frozen?.resume();
    await poll(
      'the cluster to answer again',
      async () => ((await store.ping()) ? true : undefined),
      5_000,
      50,
    );
  } finally {
    frozen?.resume();
    await store.close();
  }
});

describe('two server processes on the Redis Cluster', () => {
  const nodes: NodeProcess[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill()));
  });

  test('an exercise created on one is played through the other; its owner killed, the other takes it over', async () => {
    const env = { REDIS_URL: cluster.url, ...LEASE_ENV };
    nodes.push(...(await Promise.all([startNode(env), startNode(env)])));
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const exercise = await createExercise(a.url, 'socialwave-first-30-days', { seed: 7 });
    // Through b, relayed to a (the owner).
    const relayed = await authenticated(b.url, exercise.sessionId, exercise.facilitatorToken);
    const acked: Array<{ seq: number; body: string }> = [];
    for (let i = 0; i < 5; i++) {
      const body = `relayed ${i}`;
      const ack = await relayed.command({ type: 'broadcast', body, audience: 'all' });
      if (!ack.ok) throw new Error(`broadcast: ${ack.code} ${ack.message}`);
      acked.push({ seq: ack.seq, body });
    }
    relayed.close();

    await a.kill();
    const killedAt = Date.now();
    const onB = await authenticated(b.url, exercise.sessionId, exercise.facilitatorToken);
    const after = await onB.command({ type: 'broadcast', body: 'after the kill', audience: 'all' });
    if (!after.ok) throw new Error(`broadcast after the kill: ${after.code} ${after.message}`);
    expect(Date.now() - killedAt).toBeLessThan(3_000);
    acked.push({ seq: after.seq, body: 'after the kill' });
    onB.close();

    const log = await readLog(cluster.url, exercise.sessionId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    for (const { seq, body } of acked) expect(JSON.stringify(log[seq - 1]?.data)).toContain(body);
    expect(b.stdout()).toContain('"store":"redis"');
  }, 90_000);
});
