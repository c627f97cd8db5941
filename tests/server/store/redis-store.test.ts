import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../server/store/redis-store';
import {
  type SessionStore,
  StoreUnavailableError,
  type StoreWarning,
} from '../../../server/store/session-store';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { describeStoreContract, events } from './contract';

let redis: RedisServer;
let prefixes = 0;
const uniquePrefix = () => `test-${++prefixes}:`;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.dispose();
});

describeStoreContract('redis', () => RedisStore.open({ url: redis.url, prefix: uniquePrefix() }));

async function waitUntilReady(store: SessionStore): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await store.ping())) {
    if (Date.now() > deadline) throw new Error('the store did not reconnect within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function rawKeys(pattern: string): Promise<string[]> {
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    return (await client.keys(pattern)).map(String).sort();
  } finally {
    await client.close();
  }
}

describe('RedisStore against a real redis-server', () => {
  it('keeps every key under its prefix: a stream, a meta hash, a snapshot key and the index set', async () => {
    const prefix = uniquePrefix();
    const store = await RedisStore.open({ url: redis.url, prefix });
    const neighbour = await RedisStore.open({ url: redis.url, prefix: uniquePrefix() });
    await store.append('s1', 0, events(1, 2));
    await store.snapshot('s1', { seq: 1, state: {} });
    expect(await rawKeys(`${prefix}*`)).toEqual([
      `${prefix}session:{s1}:events`,
      `${prefix}session:{s1}:meta`,
      `${prefix}session:{s1}:snapshot`,
      `${prefix}sessions`,
    ]);
    // One stream entry per append, its id the seq of the append's last event, its events one JSON array.
    const client = createClient({ url: redis.url });
    await client.connect();
    const entries = await client.xRange(`${prefix}session:{s1}:events`, '-', '+');
    await client.close();
    expect(entries?.map((entry) => entry.id)).toEqual(['2-0']);
    expect(JSON.parse(String(entries?.[0]?.message.r))).toEqual(events(1, 2));
    // Another prefix is another world.
    expect(await neighbour.list()).toEqual([]);
    expect((await neighbour.load('s1')).lastSeq).toBe(0);
    await store.delete('s1');
    expect(await rawKeys(`${prefix}*`)).toEqual([]);
    await Promise.all([store.close(), neighbour.close()]);
  });

  it('lets exactly one of two processes (two connections) win a race', async () => {
    const prefix = uniquePrefix();
    const [one, two] = await Promise.all([
      RedisStore.open({ url: redis.url, prefix }),
      RedisStore.open({ url: redis.url, prefix }),
    ]);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).append('race', 0, events(1, 2, `writer-${i}`)),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect((await two.load('race')).lastSeq).toBe(2);
    await Promise.all([one.close(), two.close()]);
  });

  it('replays the whole stream when the snapshot is unreadable, and says so', async () => {
    const prefix = uniquePrefix();
    const reported: StoreWarning[] = [];
    const store = await RedisStore.open({
      url: redis.url,
      prefix,
      onWarning: (warning) => reported.push(warning),
    });
    await store.append('s1', 0, events(1, 3));
    await store.snapshot('s1', { seq: 2, state: 'two' });
    const client = createClient({ url: redis.url });
    await client.connect();
    await client.set(`${prefix}session:{s1}:snapshot`, '{"seq": broken');
    await client.close();
    const loaded = await store.load('s1');
    expect(loaded.snapshot).toBeUndefined();
    expect(loaded.events).toEqual(events(1, 3));
    expect(loaded.warnings.map((w) => w.code)).toEqual(['snapshot-unreadable']);
    expect(reported.map((w) => w.code)).toEqual(['snapshot-unreadable']);
    await store.close();
  });

  it('refuses to open with storage-unavailable when nothing listens at the URL', async () => {
    const started = Date.now();
    const opening = RedisStore.open({ url: 'redis://127.0.0.1:1', prefix: 'x:', connectTimeoutMs: 500 });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out a hung Redis with storage-unavailable; the late write then shows up as a conflict, not a duplicate', async () => {
    const store = await RedisStore.open({ url: redis.url, prefix: uniquePrefix(), commandTimeoutMs: 300 });
    await store.append('hung', 0, events(1, 1));
    redis.pause();
    try {
      const started = Date.now();
      await expect(store.append('hung', 1, events(2, 2))).rejects.toMatchObject({
        code: 'storage-unavailable',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      redis.resume();
    }
    // The command had reached Redis before it hung, so it runs once Redis wakes up: its outcome was
    // unknown, and the compare-and-set turns a retry into a conflict that makes the caller reload.
    await waitUntilReady(store);
    const loaded = await store.load('hung');
    expect(loaded.events).toEqual(events(1, 2));
    expect(await store.append('hung', 1, events(2, 2))).toEqual({ ok: false, code: 'conflict', lastSeq: 2 });
    await store.close();
  });

  it('refuses appends with storage-unavailable quickly while Redis is stopped and resumes without a gap', async () => {
    const store = await RedisStore.open({ url: redis.url, prefix: uniquePrefix() });
    await store.append('game', 0, events(1, 3));
    await redis.stop();
    try {
      const started = Date.now();
      const refused = store.append('game', 3, events(4, 4, 'while down'));
      await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(refused).rejects.toMatchObject({ code: 'storage-unavailable' });
      expect(Date.now() - started).toBeLessThan(3000);
      await expect(store.load('game')).rejects.toMatchObject({ code: 'storage-unavailable' });
      await expect(store.list()).rejects.toMatchObject({ code: 'storage-unavailable' });
      expect(await store.ping()).toBe(false);
    } finally {
      await redis.restart();
    }
    await waitUntilReady(store);
    // Nothing of the refused append was written; play continues from seq 3.
    expect((await store.load('game')).lastSeq).toBe(3);
    expect(await store.append('game', 3, events(4, 5, 'after'))).toEqual({ ok: true, lastSeq: 5 });
    expect((await store.load('game')).events).toEqual([...events(1, 3), ...events(4, 5, 'after')]);
    await store.close();
  });

  it('loses no acknowledged append when redis-server is SIGKILLed mid-write (appendfsync always)', async () => {
    const store = await RedisStore.open({ url: redis.url, prefix: uniquePrefix() });
    const sessions = ['k1', 'k2', 'k3', 'k4'];
    const acked = new Map<string, number>(sessions.map((id) => [id, 0]));
    let killed = false;
    let stopWriting = false;
    const writers = sessions.map(async (sessionId) => {
      let seq = 0;
      while (!stopWriting) {
        const size = (seq % 3) + 1;
        try {
          const result = await store.append(sessionId, seq, events(seq + 1, seq + size, sessionId));
          if (!result.ok) throw new Error(`unexpected conflict at ${seq}`);
          seq = result.lastSeq;
          acked.set(sessionId, seq);
        } catch (error) {
          if (killed && error instanceof StoreUnavailableError) return;
          throw error;
        }
      }
    });
    // Let the writers get going, then pull the plug while appends are in flight.
    while ([...acked.values()].some((seq) => seq < 30))
      await new Promise((resolve) => setTimeout(resolve, 5));
    killed = true;
    await redis.kill();
    stopWriting = true;
    await Promise.all(writers);

    await redis.restart();
    await waitUntilReady(store);
    for (const sessionId of sessions) {
      const loaded = await store.load(sessionId);
      const ackedSeq = acked.get(sessionId) as number;
      expect(loaded.lastSeq).toBeGreaterThanOrEqual(ackedSeq);
      expect(loaded.events.map((event) => event.seq)).toEqual(
        Array.from({ length: loaded.lastSeq }, (_, i) => i + 1),
      );
      expect(loaded.events[ackedSeq - 1]).toEqual(events(ackedSeq, ackedSeq, sessionId)[0]);
      // And the session carries on from where the log ends.
      expect(
        (await store.append(sessionId, loaded.lastSeq, events(loaded.lastSeq + 1, loaded.lastSeq + 1))).ok,
      ).toBe(true);
    }
    expect((await store.list()).map((summary) => summary.sessionId)).toEqual(sessions);
    await store.close();
  });
});
