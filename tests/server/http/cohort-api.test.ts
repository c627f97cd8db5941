import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app-server';
import type {
  CohortActResponse,
  CohortComparison,
  CohortOverview,
  CohortRoom,
  CreateCohortResponse,
} from '../../../shared/protocol/cohort';
import { TestClient } from '../../helpers/socket-client';
import { NO_COMPUTER_PLAYERS, serverForSuite, startRealtimeServer, UNLIMITED_RATE } from '../realtime/table';

const SCENARIO = 'socialwave-first-30-days';
const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'] as const;

function api(url: string) {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    create: async (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}/api/cohorts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    get: (cohortId: string, what: string, token: string) =>
      fetch(`${url}/api/cohorts/${cohortId}/${what}`, { headers: bearer(token) }),
    act: async (cohortId: string, token: string, body: unknown) => {
      const res = await fetch(`${url}/api/cohorts/${cohortId}/act`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as CohortActResponse };
    },
  };
}

async function createCohort(url: string, tables: number, extra: Record<string, unknown> = {}) {
  const res = await api(url).create({ scenarioId: SCENARIO, tables, seed: 77, ...extra });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateCohortResponse;
}

/** Seats one player per role at every table (real sockets), and returns every client. */
async function seatAll(url: string, cohort: CreateCohortResponse, roles: readonly string[] = ROLES) {
  const clients: TestClient[] = [];
  const byTable = new Map<string, TestClient[]>();
  for (const table of cohort.tables) {
    const players: TestClient[] = [];
    for (const roleId of roles) {
      const client = await TestClient.connect(url);
      const joined = await client.join(table.joinCode, `T${table.number} ${roleId}`, roleId);
      if (!joined.ok) throw new Error(`join failed: ${joined.code}`);
      players.push(client);
    }
    clients.push(...players);
    byTable.set(table.sessionId, players);
  }
  return { clients, byTable };
}

/** Each table's seed, as its facilitator console (one connection per table) receives it. */
async function seedsOf(url: string, cohort: CreateCohortResponse): Promise<number[]> {
  const seeds: number[] = [];
  for (const table of cohort.tables) {
    const facilitator = await TestClient.connect(url);
    const auth = await facilitator.authenticate(table.sessionId, cohort.facilitatorToken);
    expect(auth.ok).toBe(true);
    const view = facilitator.view;
    facilitator.close();
    if (view.kind === 'facilitator') seeds.push(view.seed);
  }
  return seeds;
}

describe('classroom mode: the cohort API', () => {
  const suite = serverForSuite({ ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE });
  const opened: TestClient[] = [];
  afterAll(() => {
    for (const c of opened) c.close();
  });

  it('creates N tables of the same scenario version in one step, sharing one seed by default', async () => {
    const cohort = await createCohort(suite.url, 3);
    expect(cohort.tables.map((t) => t.number)).toEqual([1, 2, 3]);
    expect(new Set(cohort.tables.map((t) => t.joinCode)).size).toBe(3);
    // Each table is an ordinary exercise the same facilitator token opens.
    expect(await seedsOf(suite.url, cohort)).toEqual([77, 77, 77]);
  });

  it('gives each table its own seed on request', async () => {
    const cohort = await createCohort(suite.url, 3, { seeds: 'different' });
    expect(await seedsOf(suite.url, cohort)).toEqual([77, 78, 79]);
  });

  it('refuses a bad request and a token that is not the cohort’s', async () => {
    const bad = await api(suite.url).create({ scenarioId: SCENARIO, tables: 0 });
    expect(bad.status).toBe(400);
    const unknown = await api(suite.url).create({ scenarioId: 'nope', tables: 2 });
    expect(unknown.status).toBe(404);
    const cohort = await createCohort(suite.url, 2);
    const other = await createCohort(suite.url, 1);
    const res = await api(suite.url).get(cohort.cohortId, 'overview', other.facilitatorToken);
    expect(res.status).toBe(404);
    // The room projector's token opens the room, never the facilitator's overview.
    expect((await api(suite.url).get(cohort.cohortId, 'overview', cohort.screenToken)).status).toBe(404);
    expect((await api(suite.url).get(cohort.cohortId, 'room', cohort.screenToken)).status).toBe(200);
  });

  it('acts on every table or a chosen one: a broadcast reaches all, a pause only the one', async () => {
    const cohort = await createCohort(suite.url, 3);
    const { clients, byTable } = await seatAll(suite.url, cohort);
    opened.push(...clients);
    const start = await api(suite.url).act(cohort.cohortId, cohort.facilitatorToken, {
      command: { type: 'start' },
      tables: 'all',
    });
    expect(start.body.results.map((r) => r.ok)).toEqual([true, true, true]);
    const sent = await api(suite.url).act(cohort.cohortId, cohort.facilitatorToken, {
      command: { type: 'broadcast', body: 'Ten minutes left, all tables' },
      tables: 'all',
    });
    expect(sent.body.results.every((r) => r.ok)).toBe(true);
    for (const client of clients)
      await client.until(
        () => client.view.messages.some((m) => m.body === 'Ten minutes left, all tables'),
        'the broadcast',
      );
    const second = cohort.tables[1]!;
    const paused = await api(suite.url).act(cohort.cohortId, cohort.facilitatorToken, {
      command: { type: 'pause' },
      tables: [second.sessionId],
    });
    expect(paused.body.results).toEqual([{ sessionId: second.sessionId, number: 2, ok: true }]);
    const [pausedPlayer] = byTable.get(second.sessionId)!;
    await pausedPlayer!.until(() => pausedPlayer!.view.paused, 'the pause');
    const res = await api(suite.url).get(cohort.cohortId, 'overview', cohort.facilitatorToken);
    const overview = (await res.json()) as CohortOverview;
    expect(overview.tables.map((t) => t.paused)).toEqual([false, true, false]);
    expect(overview.tables.map((t) => t.seats.connected)).toEqual([4, 4, 4]);
    expect(overview.tables.every((t) => t.phase === 'briefing')).toBe(true);
    expect(overview.recentActions[0]).toMatchObject({ command: 'pause', ok: 1, refused: 0 });
    // A refusal of one table's rules is that table's answer, not the request's.
    const again = await api(suite.url).act(cohort.cohortId, cohort.facilitatorToken, {
      command: { type: 'resume' },
      tables: 'all',
    });
    expect(again.body.results.map((r) => r.ok)).toEqual([false, true, false]);
  });

  it('issues a co-facilitator link that opens its own table only', async () => {
    const cohort = await createCohort(suite.url, 2);
    const [first, second] = cohort.tables;
    const res = await fetch(
      `${suite.url}/api/cohorts/${cohort.cohortId}/tables/${first!.sessionId}/co-facilitator`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cohort.facilitatorToken}` },
        body: JSON.stringify({ name: 'Sam, table 1' }),
      },
    );
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const own = await TestClient.connect(suite.url);
    const other = await TestClient.connect(suite.url);
    opened.push(own, other);
    expect((await own.authenticate(first!.sessionId, token)).ok).toBe(true);
    expect(own.view.kind).toBe('facilitator');
    expect((await other.authenticate(second!.sessionId, token)).ok).toBe(false);
    // Nor does it open the class overview.
    expect((await api(suite.url).get(cohort.cohortId, 'overview', token)).status).toBe(404);
  });

  it('shows disconnected players and answers a long poll as soon as a table changes', async () => {
    const cohort = await createCohort(suite.url, 2);
    const { clients } = await seatAll(suite.url, cohort, ['cfo']);
    opened.push(...clients);
    const first = (await (
      await api(suite.url).get(cohort.cohortId, 'overview', cohort.facilitatorToken)
    ).json()) as CohortOverview;
    const waiting = api(suite.url).get(
      cohort.cohortId,
      `overview?after=${first.version}`,
      cohort.facilitatorToken,
    );
    clients[0]!.close();
    const next = (await (await waiting).json()) as CohortOverview;
    expect(next.version).toBeGreaterThan(first.version);
    await expect
      .poll(async () => {
        const o = (await (
          await api(suite.url).get(cohort.cohortId, 'overview', cohort.facilitatorToken)
        ).json()) as CohortOverview;
        return o.tables[0]?.seats.disconnected;
      })
      .toEqual(['T1 cfo']);
  });

  it('keeps the overview of 10 tables × 4 players under 100 KB per update', async () => {
    const cohort = await createCohort(suite.url, 10);
    const { clients } = await seatAll(suite.url, cohort);
    opened.push(...clients);
    await api(suite.url).act(cohort.cohortId, cohort.facilitatorToken, {
      command: { type: 'start' },
      tables: 'all',
    });
    for (let i = 0; i < 3; i++)
      await api(suite.url).act(cohort.cohortId, cohort.facilitatorToken, {
        command: { type: 'advance' },
        tables: 'all',
      });
    const text = await (
      await api(suite.url).get(cohort.cohortId, 'overview', cohort.facilitatorToken)
    ).text();
    const overview = JSON.parse(text) as CohortOverview;
    expect(overview.tables).toHaveLength(10);
    expect(overview.tables.every((t) => t.seats.connected === 4)).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThan(100 * 1024);
    const room = await (await api(suite.url).get(cohort.cohortId, 'room', cohort.screenToken)).text();
    expect(Buffer.byteLength(room)).toBeLessThan(100 * 1024);
    // The room sees what each table's projector may: no seed, no token hashes, no facilitator notes.
    expect(room).not.toContain('"seed"');
    expect(room).not.toContain('tokenHash');
    expect(room).not.toContain('facilitatorNotes');
  });
});

describe('classroom mode: a restart mid-cohort', () => {
  let server: RunningServer | undefined;
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });

  it('brings back every table and the overview', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-cohort-'));
    const overrides = { ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE };
    server = await startRealtimeServer(overrides, { DATA_DIR: dataDir });
    const cohort = await createCohort(server.url, 3);
    const seated = await seatAll(server.url, cohort);
    clients.push(...seated.clients);
    await api(server.url).act(cohort.cohortId, cohort.facilitatorToken, {
      command: { type: 'start' },
      tables: 'all',
    });
    await api(server.url).act(cohort.cohortId, cohort.facilitatorToken, {
      command: { type: 'pause' },
      tables: [cohort.tables[2]!.sessionId],
    });
    const before = (await (
      await api(server.url).get(cohort.cohortId, 'overview', cohort.facilitatorToken)
    ).json()) as CohortOverview;
    for (const c of clients) c.close();
    await server.close();

    server = await startRealtimeServer(overrides, { DATA_DIR: dataDir });
    const after = (await (
      await api(server.url).get(cohort.cohortId, 'overview', cohort.facilitatorToken)
    ).json()) as CohortOverview;
    expect(after.tables.map((t) => [t.sessionId, t.joinCode, t.phase, t.paused])).toEqual(
      before.tables.map((t) => [t.sessionId, t.joinCode, t.phase, t.paused]),
    );
    expect(after.recentActions.map((a) => a.command)).toEqual(['pause', 'start']);
    // Every table runs again: a control reaches all three.
    const resumed = await api(server.url).act(cohort.cohortId, cohort.facilitatorToken, {
      command: { type: 'advance' },
      tables: 'all',
    });
    expect(resumed.body.results.map((r) => r.ok)).toEqual([true, true, false]);
    const room = (await (
      await api(server.url).get(cohort.cohortId, 'room', cohort.screenToken)
    ).json()) as CohortRoom;
    expect(room.tables).toHaveLength(3);
    const comparison = (await (
      await api(server.url).get(cohort.cohortId, 'comparison', cohort.facilitatorToken)
    ).json()) as CohortComparison;
    expect(comparison.tables).toHaveLength(3);
  });
});
