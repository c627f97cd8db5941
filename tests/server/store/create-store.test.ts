import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../server/store/create-store';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { events } from './contract';

let redis: RedisServer;
let dataDir: string;
beforeAll(async () => {
  redis = await startRedisServer();
  dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-create-store-'));
});
afterAll(async () => {
  await redis.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createStore', () => {
  it('uses the embedded file store under DATA_DIR when REDIS_URL is not set', async () => {
    const store = await createStore({ DATA_DIR: dataDir, REDIS_PREFIX: 'ct:' });
    expect(store.kind).toBe('file');
    await store.append('s1', 0, events(1, 1));
    expect(existsSync(path.join(dataDir, 'sessions', 's1', 'events.jsonl'))).toBe(true);
    await store.close();
  });

  it('uses Redis with REDIS_PREFIX when REDIS_URL is set', async () => {
    const store = await createStore({ DATA_DIR: dataDir, REDIS_URL: redis.url, REDIS_PREFIX: 'table7:' });
    expect(store.kind).toBe('redis');
    await store.append('s1', 0, events(1, 1));
    const client = createClient({ url: redis.url });
    await client.connect();
    expect((await client.keys('table7:*')).map(String).sort()).toEqual([
      'table7:session:{s1}:events',
      'table7:session:{s1}:meta',
      'table7:sessions',
    ]);
    await client.close();
    await store.close();
  });

  it('refuses with storage-unavailable when DATA_DIR cannot hold files', async () => {
    await expect(createStore({ DATA_DIR: '/dev/null/data', REDIS_PREFIX: 'ct:' })).rejects.toMatchObject({
      code: 'storage-unavailable',
    });
  });
});
