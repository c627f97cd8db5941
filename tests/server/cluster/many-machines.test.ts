import { afterAll, beforeAll, expect, test } from 'vitest';
import type { View } from '../../../shared/views/view';
import {
  haproxyAvailable,
  type LoadBalancer,
  type NodeProcess,
  startLoadBalancer,
  startNode,
} from '../../helpers/cluster';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { LEASE_ENV, readLog } from './cluster-play';

/**
 * Many machines (issue 18): Redis, 3 server processes and HAProxy (round robin, no stickiness) in
 * front. The short scenario is played to its debrief with the facilitator and four players spread
 * over the processes; every change reaches every socket, whichever process it is on.
 */

const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'];
let redis: RedisServer;
const nodes: NodeProcess[] = [];
let lb: LoadBalancer | undefined;

beforeAll(async () => {
  redis = await startRedisServer({ appendfsync: 'everysec' });
  const env = { REDIS_URL: redis.url, ...LEASE_ENV };
  nodes.push(...(await Promise.all([startNode(env), startNode(env), startNode(env)])));
  if (haproxyAvailable()) lb = await startLoadBalancer(nodes.map((n) => n.url));
}, 60_000);
afterAll(async () => {
  await lb?.stop();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis?.dispose();
});

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return Number(line?.split(' ').at(-1) ?? 0);
}

test('the short scenario plays to its debrief with players on different processes; every view reaches every socket', async () => {
  // Without haproxy the clients are put on the processes directly, one after the other.
  const entry = (i: number) => lb?.url ?? (nodes[i % nodes.length] as NodeProcess).url;
  const exercise = await createExercise(entry(0), 'socialwave-first-30-days', { seed: 3 });
  const facilitator = await TestClient.connect(entry(1));
  const auth = await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
  expect(auth.ok).toBe(true);
  const players: TestClient[] = [];
  for (const [i, roleId] of ROLES.entries()) {
    const client = await TestClient.connect(entry(i + 2));
    const joined = await client.join(exercise.joinCode, `Player ${roleId}`, roleId);
    if (!joined.ok) throw new Error(`join failed: ${joined.code} ${joined.message}`);
    players.push(client);
  }
  const everyone = [facilitator, ...players];
  const joinedSeq = Math.max(...everyone.map((c) => c.seq));
  await Promise.all(everyone.map((c) => c.untilSeq(joinedSeq)));

  await facilitator.must({ type: 'start' });
  const phase = () => (facilitator.view as View & { phase: string }).phase;
  for (let step = 0; step < 300 && phase() !== 'debrief'; step++) {
    await Promise.all(players.map((p) => p.command({ type: 'ready' })));
    const ack = await facilitator.command({ type: 'advance' });
    if (!ack.ok && ack.code !== 'wrong-phase') throw new Error(`advance: ${ack.code} ${ack.message}`);
    await facilitator.untilSeq(facilitator.seq);
  }
  expect(phase()).toBe('debrief');

  const log = await readLog(redis.url, exercise.sessionId);
  const lastSeq = log.at(-1)?.seq ?? 0;
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  await Promise.all(everyone.map((c) => c.untilSeq(lastSeq, 10_000)));
  // Every change after everyone joined reached every socket, in order, each patch applying cleanly.
  const changes = (c: TestClient) => c.views.map((v) => v.seq).filter((seq) => seq > joinedSeq);
  const reference = changes(facilitator);
  expect(reference.length).toBeGreaterThan(10);
  for (const client of everyone) {
    expect(client.patchFailures).toEqual([]);
    const seen = changes(client);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    expect(seen).toEqual(reference);
  }
  // Presence spans processes: the facilitator sees all four players connected.
  const presence = facilitator.presence.at(-1);
  expect(presence?.players.every((p) => p.connections === 1)).toBe(true);
  // The sockets really were spread: processes other than the owner forwarded events.
  const owned = await Promise.all(nodes.map((n) => metric(n.url, 'crisis_table_sessions_owned')));
  const forwarded = await Promise.all(nodes.map((n) => metric(n.url, 'crisis_table_forwarded_events_total')));
  const sockets = await Promise.all(nodes.map((n) => metric(n.url, 'crisis_table_connected_sockets')));
  expect(owned.reduce((a, b) => a + b)).toBe(1);
  expect(forwarded.filter((f) => f > 0).length).toBeGreaterThanOrEqual(1);
  console.log(
    `load balancer: ${lb ? 'haproxy' : 'none (direct)'}; seq ${lastSeq}; owned ${owned}; forwarded ${forwarded}; sockets ${sockets}`,
  );
  for (const client of everyone) client.close();
}, 180_000);
