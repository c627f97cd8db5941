import { afterAll, beforeAll, expect, test } from 'vitest';
import { LeaseLostError, RedisStore } from '../../../server/store/redis-store';
import type { StoredEvent } from '../../../server/store/session-store';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';

/**
 * The lease and fencing epoch of many machines (server/cluster/session-ownership.ts) at the store:
 * one owner at a time, a new epoch for every new owner, and an append carrying an epoch older than
 * the newest owner's refused by the same script that does the compare-and-set.
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

const event = (seq: number): StoredEvent =>
  ({ seq, type: 'note', at: seq, data: { seq } }) as unknown as StoredEvent;

test('one owner at a time; once another process took the lease, the old epoch cannot append', async () => {
  const first = await store.acquireLease('s1', 'a@http://a', 300);
  expect(first).toEqual({ epoch: 1 });
  expect(await store.acquireLease('s1', 'b@http://b', 300)).toEqual({
    epoch: undefined,
    holder: '1 a@http://a',
  });
  expect(await store.append('s1', 0, [event(1)], 1)).toEqual({ ok: true, lastSeq: 1 });
  expect(await store.renewLease('s1', 1, 'a@http://a', 300)).toBe(true);

  // The owner stops renewing and its lease expires. With nobody else taking it there is no other
  // writer, and its write still goes through the seq compare-and-set (a Redis that hung past the lease).
  await new Promise((r) => setTimeout(r, 400));
  expect(await store.leaseHolder('s1')).toBeUndefined();
  expect(await store.append('s1', 1, [event(2)], 1)).toEqual({ ok: true, lastSeq: 2 });
  // Another process takes it: from then on the old epoch is refused, before the new owner wrote anything.
  const second = await store.acquireLease('s1', 'b@http://b', 300);
  expect(second).toEqual({ epoch: 2 });
  await expect(store.append('s1', 2, [event(3)], 1)).rejects.toBeInstanceOf(LeaseLostError);
  expect(await store.renewLease('s1', 1, 'a@http://a', 300)).toBe(false);
  expect(await store.append('s1', 2, [event(3)], 2)).toEqual({ ok: true, lastSeq: 3 });
  expect((await store.readEvents('s1')).map((e) => e.seq)).toEqual([1, 2, 3]);

  // Released: free at once, and the next owner gets a new epoch.
  await store.releaseLease('s1', 1, 'a@http://a'); // not the holder: no effect
  expect(await store.leaseHolder('s1')).toBe('2 b@http://b');
  await store.releaseLease('s1', 2, 'b@http://b');
  expect(await store.leaseHolder('s1')).toBeUndefined();
  expect(await store.acquireLease('s1', 'a@http://a', 300)).toEqual({ epoch: 3 });
});

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
