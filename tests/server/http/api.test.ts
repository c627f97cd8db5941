import { describe, expect, it } from 'vitest';
import type {
  CreateSessionResponse,
  JoinPreview,
  ListScenariosResponse,
  ListSessionsResponse,
  SessionExport,
} from '../../../shared/protocol/rest';
import { createExercise } from '../../helpers/socket-client';
import { NO_COMPUTER_PLAYERS, serverForSuite, UNLIMITED_RATE } from '../realtime/table';

const KEY = 'classroom-key-42';
const EVIL = 'http://evil.example';

/** What a browser page on `origin` sends across origins: a plain GET, a preflight, a socket.io handshake. */
function crossOrigin(url: string, origin: string) {
  return {
    get: () => fetch(`${url}/api/scenarios`, { headers: { origin } }),
    preflight: () =>
      fetch(`${url}/api/sessions`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      }),
    handshake: () => fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } }),
  };
}
const allowedOrigin = (res: Response) => res.headers.get('access-control-allow-origin');
const SCENARIO = 'socialwave-first-30-days';

describe('REST API', () => {
  const server = serverForSuite({ ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE }, { FACILITATOR_KEY: KEY });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('lists the shipped scenarios with public metadata only', async () => {
    const res = await fetch(`${server.url}/api/scenarios`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as ListScenariosResponse;
    expect(body.scenarios.map((s) => s.id).sort()).toEqual([
      'hospital-ransomware',
      'socialwave-first-30-days',
      'socialwave-hypergrowth',
    ]);
    const hospital = body.scenarios.find((s) => s.id === 'hospital-ransomware')!;
    expect(hospital.rounds).toEqual({ count: 5, daysPerRound: 16, unit: 'hours' });
    const short = body.scenarios.find((s) => s.id === SCENARIO)!;
    expect(short.roles.map((r) => r.id)).toEqual(['head-of-infra', 'cfo', 'product-lead', 'investor']);
    expect(short.rounds).toEqual({ count: 3, daysPerRound: 10 });
    for (const secret of ['privateBrief', 'secretObjectives', 'injects', 'facilitatorNotes', 'simulation']) {
      expect(text).not.toContain(`"${secret}"`);
    }
    expect(text).not.toContain('connection storms and reads the primary');
  });

  it('creates an exercise only with the facilitator key when one is configured', async () => {
    const missing = await post('/api/sessions', { scenarioId: SCENARIO });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, code: 'facilitator-key-required' });
    const wrong = await post(
      '/api/sessions',
      { scenarioId: SCENARIO },
      { 'x-facilitator-key': 'not-the-key' },
    );
    expect(wrong.status).toBe(401);
    const created = await post(
      '/api/sessions',
      { scenarioId: SCENARIO, seed: 7 },
      { 'x-facilitator-key': KEY },
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as CreateSessionResponse;
    expect(body.sessionId).toMatch(/^s_[A-Za-z0-9_-]+$/);
    expect(body.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(body.facilitatorToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses bad creation requests with a code and a message', async () => {
    const headers = { 'x-facilitator-key': KEY };
    const cases: [unknown, number, string][] = [
      [{}, 400, 'invalid-payload'],
      [{ scenarioId: 42 }, 400, 'invalid-payload'],
      [{ scenarioId: SCENARIO, seed: -1 }, 400, 'invalid-payload'],
      [{ scenarioId: SCENARIO, admin: true }, 400, 'invalid-payload'],
      [{ scenarioId: 'no-such-scenario' }, 404, 'unknown-scenario'],
      ['{"scenarioId": ', 400, 'invalid-payload'],
      [JSON.stringify({ scenarioId: SCENARIO, pad: 'x'.repeat(70 * 1024) }), 413, 'payload-too-large'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post('/api/sessions', body, headers);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      const error = (await res.json()) as { ok: boolean; code: string; message: string };
      expect(error).toMatchObject({ ok: false, code });
      expect(error.message.length).toBeGreaterThan(0);
    }
    const stranger = await post(
      '/api/sessions',
      { scenarioId: SCENARIO },
      { ...headers, ...bearer('B'.repeat(22)) },
    );
    expect(stranger.status).toBe(401);
    expect(await stranger.json()).toMatchObject({ code: 'invalid-token' });
  });

  it("lists a facilitator's exercises by their token, which they may reuse for new ones", async () => {
    const first = await createExercise(server.url, SCENARIO, { facilitatorKey: KEY });
    const second = await createExercise(server.url, 'socialwave-hypergrowth', {
      facilitatorKey: KEY,
      facilitatorToken: first.facilitatorToken,
    });
    expect(second.facilitatorToken).toBe(first.facilitatorToken);
    const other = await createExercise(server.url, SCENARIO, { facilitatorKey: KEY });

    const res = await fetch(`${server.url}/api/sessions`, { headers: bearer(first.facilitatorToken) });
    expect(res.status).toBe(200);
    const { sessions } = (await res.json()) as ListSessionsResponse;
    expect(sessions.map((s) => s.sessionId).sort()).toEqual([first.sessionId, second.sessionId].sort());
    expect(sessions.find((s) => s.sessionId === first.sessionId)).toMatchObject({
      joinCode: first.joinCode,
      scenarioId: SCENARIO,
      phase: 'lobby',
      round: 0,
      players: 0,
      lastSeq: 1,
      ended: false,
    });
    const theirs = (await (
      await fetch(`${server.url}/api/sessions`, { headers: bearer(other.facilitatorToken) })
    ).json()) as ListSessionsResponse;
    expect(theirs.sessions.map((s) => s.sessionId)).toEqual([other.sessionId]);
    expect((await fetch(`${server.url}/api/sessions`)).status).toBe(401);
  });

  it('exports the event log and the outcome to the facilitator only', async () => {
    const exercise = await createExercise(server.url, SCENARIO, { facilitatorKey: KEY, seed: 11 });
    const facilitator = await server.connect();
    const player = await server.connect();
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    const joined = await player.join(exercise.joinCode, 'Quinn', 'cfo');
    if (!joined.ok) throw new Error(joined.code);
    await facilitator.must({ type: 'start' });
    await facilitator.must({ type: 'end' });
    const lastSeq = await facilitator.must({ type: 'advance' });

    const url = `${server.url}/api/sessions/${exercise.sessionId}/export`;
    const res = await fetch(url, { headers: bearer(exercise.facilitatorToken) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`crisis-table-${exercise.sessionId}.json`);
    const body = (await res.json()) as SessionExport;
    expect(body).toMatchObject({
      format: 'crisis-table-session-export',
      formatVersion: 1,
      sessionId: exercise.sessionId,
      scenario: { id: SCENARIO },
      firstSeq: 1,
      lastSeq,
      snapshot: null,
      outcome: { phase: 'ended', outcome: { kind: 'ended-by-facilitator' } },
    });
    expect(body.events.map((e) => e.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    expect(body.events.map((e) => e.type)).toEqual([
      'session-created',
      'player-joined',
      'exercise-started',
      'exercise-ended',
      'phase-advanced',
    ]);
    // The seed is the facilitator's to know; the token never left the gateway, only its hash.
    expect((body.events[0]!.data as { seed: number }).seed).toBe(11);
    expect(JSON.stringify(body)).not.toContain(exercise.facilitatorToken);

    // A token that is not this session's facilitator's gets the answer an unknown session gets.
    expect((await fetch(url, { headers: bearer(joined.token) })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
    const unknown = await fetch(`${server.url}/api/sessions/s_unknown/export`, {
      headers: bearer(exercise.facilitatorToken),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('previews a join code with the public roles, and answers unknown codes with 404', async () => {
    const exercise = await createExercise(server.url, SCENARIO, { facilitatorKey: KEY });
    const res = await fetch(`${server.url}/api/join/${exercise.joinCode.toLowerCase()}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const preview = JSON.parse(text) as JoinPreview;
    expect(preview).toMatchObject({ joinCode: exercise.joinCode, phase: 'lobby' });
    expect(preview.roles.map((r) => r.id)).toEqual(['head-of-infra', 'cfo', 'product-lead', 'investor']);
    expect(text).not.toContain('privateBrief');
    const unknown = await fetch(`${server.url}/api/join/ZZZZZZ`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, code: 'unknown-join-code' });
  });

  it('serves Prometheus metrics: sessions, sockets, commands by result, latency, event-loop lag', async () => {
    const exercise = await createExercise(server.url, SCENARIO, { facilitatorKey: KEY });
    const facilitator = await server.connect();
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    await facilitator.must({ type: 'start' });
    await facilitator.command({ type: 'start' });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
    expect(value(/^crisis_table_active_sessions\{[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^crisis_table_connected_sockets\{[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^crisis_table_commands_total\{type="start",result="accepted"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^crisis_table_commands_total\{type="start",result="wrong-phase"[^}]*\} [1-9]/m);
    expect(text).toMatch(
      /^crisis_table_command_duration_seconds_bucket\{le="2.5",[^}]*type="start"\} [1-9]/m,
    );
    expect(text).toMatch(/^crisis_table_event_loop_lag_seconds\{stat="p99"[^}]*\} [0-9.e-]+$/m);
  });

  it('sends no CORS headers unless an origin is configured', async () => {
    const from = crossOrigin(server.url, EVIL);
    expect(allowedOrigin(await from.get())).toBeNull();
    expect(allowedOrigin(await from.preflight())).toBeNull();
    const handshake = await from.handshake();
    expect(handshake.status).toBe(200);
    expect(allowedOrigin(handshake)).toBeNull();
  });
});

describe('REST API with CORS_ORIGIN and no facilitator key', () => {
  const origin = 'http://localhost:5173';
  const server = serverForSuite(NO_COMPUTER_PLAYERS, { CORS_ORIGIN: origin });

  it('allows that one origin (with preflight) and no other', async () => {
    const from = crossOrigin(server.url, origin);
    expect(allowedOrigin(await from.get())).toBe(origin);
    const preflight = await from.preflight();
    expect(preflight.status).toBe(204);
    expect(allowedOrigin(preflight)).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    const other = crossOrigin(server.url, EVIL);
    expect(allowedOrigin(await other.get())).toBeNull();
    expect(allowedOrigin(await other.preflight())).toBeNull();
  });

  it('lets that one origin, and no other, open a socket.io connection across origins', async () => {
    const allowed = await crossOrigin(server.url, origin).handshake();
    expect(allowed.status).toBe(200);
    expect(allowedOrigin(allowed)).toBe(origin);
    expect(allowedOrigin(await crossOrigin(server.url, EVIL).handshake())).toBeNull();
  });

  it('lets anyone create an exercise when no key is configured', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    expect(exercise.joinCode).toHaveLength(6);
  });
});
