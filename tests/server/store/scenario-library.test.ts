import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { FileScenarioLibrary } from '../../../server/store/file-scenario-library';
import { RedisScenarioLibrary } from '../../../server/store/redis-scenario-library';
import { MemoryScenarioLibrary } from '../../../server/store/scenario-library';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { describeScenarioLibraryContract } from './scenario-library-contract';

/** The library's contract on every backend but the Redis Cluster (tests/server/cluster/redis-cluster.test.ts). */

let redis: RedisServer;
const dirs: string[] = [];
let prefixes = 0;
beforeAll(async () => {
  redis = await startRedisServer({ appendfsync: 'no' });
});
afterAll(async () => {
  await redis?.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeScenarioLibraryContract('memory', async () => ({ library: new MemoryScenarioLibrary() }));
describeScenarioLibraryContract('file', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ct-library-'));
  dirs.push(dir);
  return { library: await FileScenarioLibrary.open(dir) };
});
describeScenarioLibraryContract('redis', async () => {
  const prefix = `library-${++prefixes}:`;
  const open = () => RedisScenarioLibrary.open({ url: redis.url, prefix });
  return { library: await open(), twin: open };
});
