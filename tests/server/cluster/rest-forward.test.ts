import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CohortActResponse, CreateCohortResponse } from '../../../shared/protocol/cohort';
import { type NodeProcess, startNode } from '../../helpers/cluster';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { createExercise } from '../../helpers/socket-client';
import { authenticated, LEASE_ENV, readLog, textsOf } from './cluster-play';

/**
 * Many machines (issue 18): REST calls about a session or a class answered alike by every process.
 * A session's records, export, after-action report and join preview, and a class's overview,
 * controls and report section, asked of a process that does not own them, are forwarded to the
 * owner (server/cluster/http-forward.ts) and answered as the owner answers them.
 */

let redis: RedisServer;
const nodes: NodeProcess[] = [];
beforeAll(async () => {
  redis = await startRedisServer({ appendfsync: 'no' });
  const env = { REDIS_URL: redis.url, ...LEASE_ENV };
  nodes.push(...(await Promise.all([startNode(env), startNode(env)])));
}, 60_000);
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await redis?.dispose();
});

async function get(url: string, path: string, token?: string) {
  const res = await fetch(
    `${url}/api${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function post(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test("a session's REST reads answer the same on the process that does not own it", async () => {
  const [owner, other] = nodes as [NodeProcess, NodeProcess];
  const exercise = await createExercise(owner.url, 'socialwave-first-30-days', { seed: 11 });
  const facilitator = await authenticated(owner.url, exercise.sessionId, exercise.facilitatorToken);
  await facilitator.must({ type: 'broadcast', body: 'read me anywhere', audience: 'all' });
  facilitator.close();

  const token = exercise.facilitatorToken;
  for (const path of [
    `/sessions/${exercise.sessionId}/report`,
    `/sessions/${exercise.sessionId}/messages?limit=10`,
    `/sessions/${exercise.sessionId}/credentials`,
    `/sessions/${exercise.sessionId}/export`,
  ]) {
    const here = await get(owner.url, path, token);
    const there = await get(other.url, path, token);
    expect(here.status, path).toBe(200);
    // The export is stamped when it is made; everything else is the same answer.
    const { exportedAt: _a, ...hereBody } = here.body;
    const { exportedAt: _b, ...thereBody } = there.body;
    expect({ status: there.status, body: thereBody }, path).toEqual({ status: here.status, body: hereBody });
  }
  const exported = (await get(other.url, `/sessions/${exercise.sessionId}/export`, token)).body;
  expect(textsOf(exported.events as never)).toContain('read me anywhere');
  // The owner's refusals come through unchanged too: another exercise's token is the owner's one 404.
  const stranger = await createExercise(owner.url, 'socialwave-first-30-days', { seed: 12 });
  const wrong = await get(other.url, `/sessions/${exercise.sessionId}/report`, stranger.facilitatorToken);
  expect(wrong.status).toBe(404);
  expect(wrong.body.code).toBe('not-found');
  // The join preview by code, which only the owner's registry knows.
  const preview = await get(other.url, `/join/${exercise.joinCode}`);
  expect(preview).toEqual(await get(owner.url, `/join/${exercise.joinCode}`));
  expect(preview.status).toBe(200);
});

test('a class created on one process is overseen and controlled through the other', async () => {
  const [owner, other] = nodes as [NodeProcess, NodeProcess];
  const created = await post(owner.url, '/cohorts', {
    scenarioId: 'socialwave-first-30-days',
    tables: 2,
    seed: 21,
  });
  expect(created.status).toBe(201);
  const cohort = created.body as unknown as CreateCohortResponse;
  const token = cohort.facilitatorToken;

  const overview = await get(other.url, `/cohorts/${cohort.cohortId}/overview`, token);
  expect(overview.status).toBe(200);
  expect((overview.body.tables as unknown[]).length).toBe(2);

  const acted = await post(
    other.url,
    `/cohorts/${cohort.cohortId}/act`,
    { command: { type: 'broadcast', body: 'to every table' }, tables: 'all' },
    token,
  );
  expect(acted.status).toBe(200);
  expect((acted.body as unknown as CohortActResponse).results.map((r) => r.ok)).toEqual([true, true]);
  for (const table of cohort.tables)
    expect(textsOf(await readLog(redis.url, table.sessionId))).toContain('to every table');

  const first = cohort.tables[0]?.sessionId as string;
  const section = await get(other.url, `/cohorts/for-session/${first}/comparison`, token);
  expect(section.status).toBe(200);
  expect((section.body.cohort as { cohortId?: string } | null)?.cohortId).toBe(cohort.cohortId);
});
