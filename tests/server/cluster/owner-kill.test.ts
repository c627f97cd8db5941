import { afterAll, beforeAll, expect, test } from 'vitest';
import { RedisStore } from '../../../server/store/redis-store';
import { type NodeProcess, startNode } from '../../helpers/cluster';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { SeededRandom } from '../crash/seeded-random';
import { LEASE_ENV, poll, readLog } from './cluster-play';

/**
 * Failover (issue 18): 3 processes on one Redis; the owner of a live exercise (computer players in
 * every role, a facilitator broadcasting through another process) is SIGKILLed mid-round at a seeded
 * moment. Another process must accept the session's commands again within 3 s, lease included, and
 * every command acknowledged before the kill must be in the log at its seq, in order, with no gap.
 * CT_KILL_TRIALS sets the number of kills: the issue's 20 on CI (.ci/run, or CI set), 5 otherwise
 * (20 take about two minutes on a quiet 2-core machine).
 *
 * The facilitator sends one broadcast every PACE_MS, well under the tests' per-credential event
 * limit (EVENTS_PER_SECOND=200 in tests/helpers/cluster.ts). An unpaced loop was the "no recovery in
 * 20 s" of the CI run of 2 December: on a machine fast enough to send more than 200 a second, the
 * owner refused the excess as `rate-limited`, the loop reconnected on every refusal after the kill and
 * waited for half of all its attempts to be acknowledged, which never happened although the session
 * had been taken over in 1.4 s (reproduced here with EVENTS_PER_SECOND=60: 1138 acks of 3508).
 */

const TRIALS = Number(process.env.CT_KILL_TRIALS ?? (process.env.CI ? 20 : 5));
/** One command per 10 ms: 100 a second, half the event limit, still several per lease renewal. */
const PACE_MS = 10;
/** Acknowledged commands after the takeover before a trial checks the log. */
const ACKS_AFTER_RECOVERY = 5;
const env = () => ({ REDIS_URL: redis.url, ...LEASE_ENV });
let redis: RedisServer;
let store: RedisStore;
const nodes: NodeProcess[] = [];
const failovers: number[] = [];
/** Events computer players logged after the takeover, per trial (they resume on the new owner). */
const computerAfterKill: number[] = [];
/** Per trial: commands acknowledged of those sent, and the refusals by code (for the summary line). */
const trialSummaries: string[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  store = await RedisStore.open({ url: redis.url, prefix: 'ct:' });
  nodes.push(...(await Promise.all([startNode(env()), startNode(env()), startNode(env())])));
}, 60_000);
afterAll(async () => {
  await store?.close();
  await Promise.all(nodes.map((n) => n.kill()));
  await redis?.dispose();
  if (failovers.length > 0) {
    const sorted = [...failovers].sort((a, b) => a - b);
    console.log(
      `failover over ${sorted.length} kills: median ${sorted[Math.floor((sorted.length - 1) / 2)]} ms, max ${sorted.at(-1)} ms; all ${failovers.join(', ')} ms; computer-player events after the takeover: ${computerAfterKill.join(', ')}`,
    );
    console.log(`commands per trial: ${trialSummaries.join('; ')}`);
  }
});

interface Acked {
  seq: number;
  body: string;
}

async function ownerOf(sessionId: string): Promise<NodeProcess> {
  const holder = await store.leaseHolder(sessionId);
  const owner = nodes.find((n) => holder?.endsWith(`@${n.url}`));
  if (!owner) throw new Error(`no live node holds ${sessionId} (${holder})`);
  return owner;
}

test(`the owner killed mid-round ${TRIALS} times: another process takes over within 3 s and no acknowledged command is lost`, async () => {
  const random = new SeededRandom(18);
  for (let trial = 0; trial < TRIALS; trial++) {
    const creator = nodes[trial % nodes.length] as NodeProcess;
    const exercise = await createExercise(creator.url, 'socialwave-first-30-days', { seed: 100 + trial });
    const owner = await ownerOf(exercise.sessionId);
    const others = () => nodes.filter((n) => n !== owner && n.alive);
    let entry = 0;
    const connect = () =>
      poll(
        'a facilitator socket',
        async () => {
          const list = others();
          const node = list[entry++ % list.length] as NodeProcess;
          const client = await TestClient.connect(node.url);
          const ack = await client.authenticate(exercise.sessionId, exercise.facilitatorToken);
          if (ack.ok) return client;
          client.close();
          return undefined;
        },
        10_000,
        50,
      );
    let client = await connect();
    // A rehearsal: nobody joined, so computer players hold every role and play by themselves.
    await client.must({ type: 'start' });
    const acked: Acked[] = [];
    let n = 0;
    let killedAt = 0;
    let recoveredAt = 0;
    let recoveredSeq = 0;
    const killAfter = random.int(300, 1500);
    const refusals = new Map<string, number>();
    const started = Date.now();
    const ackedAfterRecovery = () => acked.filter((a) => a.seq >= recoveredSeq).length;
    while (recoveredAt === 0 || ackedAfterRecovery() < ACKS_AFTER_RECOVERY) {
      const sentAt = Date.now();
      if (killedAt === 0 && sentAt - started >= killAfter) {
        await owner.kill();
        killedAt = Date.now();
      }
      const body = `trial ${trial} broadcast ${n++}`;
      let ack: { ok: boolean; seq?: number; code?: string };
      try {
        ack = (await client.socket
          .timeout(1_000)
          .emitWithAck('command', { command: { type: 'broadcast', body, audience: 'all' } })) as typeof ack;
      } catch {
        ack = { ok: false, code: 'no-ack-in-1s' };
      }
      if (!ack.ok) refusals.set(ack.code ?? '?', (refusals.get(ack.code ?? '?') ?? 0) + 1);
      if (ack.ok && ack.seq !== undefined) {
        acked.push({ seq: ack.seq, body });
        if (killedAt > 0 && recoveredAt === 0) {
          recoveredAt = Date.now();
          recoveredSeq = ack.seq;
        }
      } else if (ack.code !== 'rate-limited' && (!client.socket.connected || killedAt > 0)) {
        // The owner died (no ack, transport closed) or the session is between owners: sign in again.
        client.close();
        client = await connect();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + PACE_MS - Date.now())));
      if (Date.now() - started > 20_000)
        throw new Error(
          `trial ${trial}: no recovery in 20 s (recovered ${recoveredAt > 0}, ${acked.length} acks of ${n}, refusals ${JSON.stringify([...refusals])})`,
        );
    }
    trialSummaries.push(
      `${acked.length}/${n} acked, refused ${JSON.stringify(Object.fromEntries(refusals))}`,
    );
    const failoverMs = recoveredAt - killedAt;
    failovers.push(failoverMs);
    expect(failoverMs).toBeLessThan(3_000);
    expect(acked.some((a) => a.seq > 0)).toBe(true);

    const log = await readLog(redis.url, exercise.sessionId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    for (const { seq, body } of acked) {
      const entry = log[seq - 1];
      expect(entry?.type).toBe('message-sent');
      expect(JSON.stringify(entry?.data)).toContain(body);
    }
    expect(acked.map((a) => a.seq)).toEqual([...acked.map((a) => a.seq)].sort((a, b) => a - b));
    // Computer players resumed on the new owner: they wrote after the kill too.
    const newOwner = await ownerOf(exercise.sessionId);
    expect(newOwner).not.toBe(owner);
    // Computer players resumed on the new owner: moved on to deliberation, they act there.
    for (let i = 0; i < 3; i++) await client.command({ type: 'advance' });
    const resumed = await poll(
      'a computer player to act on the new owner',
      async () => {
        const tail = (await readLog(redis.url, exercise.sessionId)).filter((e) => e.seq > recoveredSeq);
        const count = tail.filter((e) => JSON.stringify(e.data).includes('"kind":"computer"')).length;
        return count > 0 ? count : undefined;
      },
      15_000,
      250,
    );
    computerAfterKill.push(resumed);
    await client.command({ type: 'end' }).catch(() => undefined);
    client.close();
    nodes.splice(nodes.indexOf(owner), 1, await startNode(env()));
  }
}, 600_000);
