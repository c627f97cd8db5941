import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app-server';
import type { ListSessionsResponse } from '../../../shared/protocol/rest';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { startTestServer } from '../../helpers/test-server';

/**
 * "My exercises" come from the store, not only from the sessions a process holds in memory: after a
 * restart an ended exercise is not loaded again, and its facilitator still finds it (issue 20).
 */

const SCENARIO = 'socialwave-first-30-days';
const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function start(dataDir: string): Promise<RunningServer> {
  const server = await startTestServer({ DATA_DIR: dataDir }, { parts: () => [] });
  running.push(server);
  return server;
}

async function list(url: string, token: string): Promise<ListSessionsResponse['sessions']> {
  const res = await fetch(`${url}/api/sessions`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as ListSessionsResponse).sessions;
}

describe('GET /api/sessions', () => {
  it("lists the token's live and ended sessions after a restart, and nobody else's", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-listings-'));
    const first = await start(dataDir);
    const ended = await createExercise(first.url, SCENARIO);
    const live = await createExercise(first.url, SCENARIO, { facilitatorToken: ended.facilitatorToken });
    const other = await createExercise(first.url, SCENARIO);
    const facilitator = await TestClient.connect(first.url);
    expect(await facilitator.authenticate(ended.sessionId, ended.facilitatorToken)).toMatchObject({
      ok: true,
    });
    // A co-facilitator credential lists the session too.
    const co = await facilitator.emit('issue-credential', { kind: 'facilitator', name: 'Co-facilitator' });
    if (!co.ok) throw new Error(co.code);
    await facilitator.must({ type: 'start' });
    await facilitator.must({ type: 'end' }); // to the debrief
    await facilitator.must({ type: 'end' }); // closed: archived, not restored at the next boot
    facilitator.close();
    await first.close();
    running.splice(0);

    const second = await start(dataDir);
    const mine = await list(second.url, ended.facilitatorToken);
    expect(mine.map((s) => s.sessionId).sort()).toEqual([ended.sessionId, live.sessionId].sort());
    expect(mine.find((s) => s.sessionId === ended.sessionId)).toMatchObject({ ended: true });
    expect(mine.find((s) => s.sessionId === live.sessionId)).toMatchObject({ ended: false, phase: 'lobby' });
    expect((await list(second.url, co.token)).map((s) => s.sessionId)).toEqual([ended.sessionId]);
    expect((await list(second.url, other.facilitatorToken)).map((s) => s.sessionId)).toEqual([
      other.sessionId,
    ]);
    expect(await list(second.url, 'not-a-token-of-anyone')).toEqual([]);

    // A token whose only session has ended still opens new exercises under the same list.
    const next = await createExercise(second.url, SCENARIO, { facilitatorToken: co.token });
    expect((await list(second.url, co.token)).map((s) => s.sessionId)).toEqual([
      next.sessionId,
      ended.sessionId,
    ]);
  });
});
