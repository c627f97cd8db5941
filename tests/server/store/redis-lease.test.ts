import { afterAll, beforeAll, expect, test } from 'vitest';
import { RedisStore } from '../../../server/store/redis-store';
import type { StoredEvent } from '../../../server/store/session-store';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { describeLeaseContract } from './lease-contract';

/**
 * The lease and fencing epoch of many machines at the store, on one redis-server (lease-contract.ts;
 * the same suite runs against a Redis Cluster in tests/server/cluster/redis-cluster.test.ts), and
 * the key layout that keeps a session's keys in one Cluster slot.
 */

let redis: RedisServer;
let store: RedisStore;
beforeAll(async () => {
  redis = await startRedisServer({ appendfsync: 'no' });
  store = await RedisStore.open({ url: redis.url, prefix: 'lease:' });
}, 20_000);
afterAll(async () => {
  await store?.close();
  await redis?.dispose();
});

describeLeaseContract(() => store);

const event = (seq: number): StoredEvent =>
  ({ seq, type: 'note', at: seq, data: { seq } }) as unknown as StoredEvent;

test('every key of a session carries its hash tag (one Redis Cluster slot)', async () => {
  await store.acquireLease('s2', 'a@http://a', 1000);
  await store.append('s2', 0, [event(1)], 1);
  await store.snapshot('s2', { seq: 1, state: {} });
  const { createClient } = await import('redis');
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    const keys = (await client.keys('lease:session:*s2*')).sort();
    expect(keys).toEqual([
      'lease:session:{s2}:epoch',
      'lease:session:{s2}:events',
      'lease:session:{s2}:lease',
      'lease:session:{s2}:meta',
      'lease:session:{s2}:snapshot',
    ]);
  } finally {
    await client.close();
  }
});
