import { afterAll, beforeAll, expect, test } from 'vitest';
import { type NodeProcess, startNode } from '../../helpers/cluster';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { authenticated, LEASE_ENV, poll, readLog } from './cluster-play';

/**
 * Fencing (issue 18): an owner frozen (SIGSTOP) past its lease loses the session to another process;
 * resumed (SIGCONT), the commands it then handles are refused by the store's compare-and-set on the
 * lease epoch, and nothing it did after losing the lease reaches the log.
 */

let redis: RedisServer;
const nodes: NodeProcess[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
}, 20_000);
afterAll(async () => {
  for (const node of nodes) {
    node.resume();
    await node.kill();
  }
  await redis?.dispose();
});

test('a frozen owner past its lease is fenced off by the epoch: its writes after the takeover never reach the log', async () => {
  const env = { REDIS_URL: redis.url, ...LEASE_ENV };
  const a = await startNode(env);
  nodes.push(a);
  const exercise = await createExercise(a.url, 'socialwave-first-30-days', { seed: 5 });
  const b = await startNode(env);
  nodes.push(b);
  const onA = await TestClient.connect(a.url);
  expect((await onA.authenticate(exercise.sessionId, exercise.facilitatorToken)).ok).toBe(true);
  const before = await onA.command({ type: 'broadcast', body: 'before the freeze', audience: 'all' });
  expect(before.ok).toBe(true);

  a.pause();
  const frozenAt = Date.now();
  // Sent to the frozen owner: they wait in its socket buffer and are handled when it resumes.
  const late = ['late 1', 'late 2', 'late 3'].map((body) =>
    onA.command({ type: 'broadcast', body, audience: 'all' }).catch(() => ({ ok: false, code: 'no-answer' })),
  );

  // Another process takes the session over once the lease expired, and serves it.
  const onB = await authenticated(b.url, exercise.sessionId, exercise.facilitatorToken, 8_000);
  const takeoverMs = Date.now() - frozenAt;
  const health = (await (await fetch(`${b.url}/readyz`)).json()) as { leases: { owned: number } };
  expect(health.leases.owned).toBe(1);

  // The new owner has not written yet, so the seq compare-and-set alone would let the ex-owner's
  // appends through: the epoch refuses them (storage-unavailable), or, when its renew timer runs
  // first on resuming, the ex-owner has already unloaded the session (session-closed) or closed the
  // connection (no answer). tests/server/store/redis-lease.test.ts pins the script's refusal itself.
  a.resume();
  const answers = await Promise.all(late);
  for (const answer of answers)
    expect(['storage-unavailable', 'session-closed', 'no-answer']).toContain(
      (answer as { code?: string }).code,
    );
  const during = await onB.command({ type: 'broadcast', body: 'served by the new owner', audience: 'all' });
  expect(during.ok).toBe(true);
  const after = await onB.command({ type: 'broadcast', body: 'after the resume', audience: 'all' });
  expect(after.ok).toBe(true);

  await new Promise((r) => setTimeout(r, 500));
  const log = await readLog(redis.url, exercise.sessionId);
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const text = JSON.stringify(log);
  expect(text).toContain('before the freeze');
  expect(text).toContain('served by the new owner');
  expect(text).toContain('after the resume');
  for (const body of ['late 1', 'late 2', 'late 3']) expect(text).not.toContain(body);
  // The resumed ex-owner noticed and gave the session up.
  await poll(
    'the ex-owner to log the lost lease',
    async () => (a.stdout().includes('lease lost') ? true : undefined),
    5_000,
  );
  console.log(
    `takeover after freeze: ${takeoverMs} ms; late answers: ${answers.map((x) => (x.ok ? 'ok' : x.code)).join(', ')}`,
  );
  onA.close();
  onB.close();
}, 60_000);
