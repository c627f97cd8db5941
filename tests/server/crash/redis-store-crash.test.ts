import { afterAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../server/store/redis-store';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { runCrashLane } from './crash-lane';
import { sleep } from './crash-table';
import { SeededRandom } from './seeded-random';

/**
 * Two lanes of ten rounds, each lane with its own redis-server (`--appendonly yes --appendfsync
 * always`, so Redis answers a write only once it is on disk). Every round SIGKILLs the server; in
 * rounds 2, 6 and 10 redis-server is SIGKILLed and restarted mid-game while the server keeps
 * running, and in rounds 4 and 8 both die at the same instant, as in a power cut.
 */
const LANES = 2;
const ROUNDS_PER_LANE = 10;
const SEED = 20250108;
const PREFIX = 'crash:';

const redisServers: RedisServer[] = [];
afterAll(async () => {
  await Promise.all(redisServers.map((redis) => redis.dispose()));
});

async function waitFor(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('crash safety with the Redis store', () => {
  it(`loses nothing acknowledged over ${LANES * ROUNDS_PER_LANE} server SIGKILLs and ${LANES * 5} redis-server SIGKILLs`, async () => {
    const random = new SeededRandom(SEED);
    const results = await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const redis = await startRedisServer({ appendonly: true, appendfsync: 'always' });
        redisServers.push(redis);
        const laneRandom = random.fork();
        let redisKills = 0;
        const result = await runCrashLane(`redis${lane + 1}`, ROUNDS_PER_LANE, laneRandom, {
          env: { REDIS_URL: redis.url, REDIS_PREFIX: PREFIX },
          openStore: () => RedisStore.open({ url: redis.url, prefix: PREFIX }),
          async duringPlay(round, tables) {
            if (round % 4 !== 2) return;
            await sleep(laneRandom.int(100, 300));
            await redis.kill();
            redisKills++;
            await sleep(laneRandom.int(50, 300));
            await redis.restart();
            // Play goes on by itself once Redis is back: every table gets commands acknowledged again.
            const before = tables.map((table) => table.acked.length);
            await waitFor(
              () => tables.every((table, i) => table.acked.length > (before[i] ?? 0)),
              `play to resume after redis-server restarted (round ${round})`,
            );
          },
          async crash(round, killServer) {
            if (round % 4 !== 0) return killServer();
            await Promise.all([redis.kill(), killServer()]);
            redisKills++;
            await redis.restart();
          },
        });
        return { ...result, redisKills };
      }),
    );
    for (const result of results) {
      expect(result.redisKills).toBe(5);
      expect(result.acked).toBeGreaterThan(150);
      expect(result.unansweredAtCrash).toBeGreaterThan(0);
      expect(result.sessionsWithSnapshot).toBe(2);
    }
  }, 180_000);
});
