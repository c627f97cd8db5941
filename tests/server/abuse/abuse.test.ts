import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOverrides } from '../../../server/app-server';
import { createLogger } from '../../../server/logger';
import { SessionRegistry } from '../../../server/sessions/session-registry';
import { MemoryStore } from '../../../server/store/memory-store';
import type { StoredEvent } from '../../../server/store/session-store';
import type { PresenceEvent } from '../../../shared/protocol/events';
import type { Scenario } from '../../../shared/scenario/schema';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { startTestServer } from '../../helpers/test-server';
import { shippedScenario } from '../../shared/session/fixtures/shipped';

/**
 * The abuse suite (issue 14): one block per finding of the attack on loopback, each with real
 * sockets on 127.0.0.1 and bounded in count and time. Every test here failed before its fix (see
 * docs/abuse-limits.md for the finding each protects); the storage-timeout finding (5) is in
 * storage-timeouts.test.ts, the side channel (6) in tests/server/realtime/need-to-know.test.ts.
 */

const SCENARIO = 'socialwave-first-30-days';
const NO_COMPUTERS: ServerOverrides = { parts: () => [] };

function suiteServer(env: Record<string, string>, overrides: ServerOverrides = NO_COMPUTERS) {
  let server: RunningServer | undefined;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(env, overrides);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('not started');
      return server.url;
    },
    async connect() {
      const client = await TestClient.connect(this.url);
      clients.push(client);
      return client;
    },
  };
}

const post = (url: string) =>
  fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenarioId: SCENARIO }),
  });

describe('finding 1: anonymous creation cannot fill the disk or the heap', () => {
  const server = suiteServer({ SESSION_CREATE_PER_ADDRESS_PER_MINUTE: '5', SESSIONS_MAX: '1000' });

  it('refuses creation past the rate of one address with 429 rate-limited, counted when it starts', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => post(server.url)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await refused.json()).toMatchObject({ ok: false, code: 'rate-limited' });
  });

  describe('with a cap on live sessions', () => {
    const capped = suiteServer({ SESSIONS_MAX: '3' });
    it('answers capacity once the process holds SESSIONS_MAX live sessions', async () => {
      for (let i = 0; i < 3; i++) expect((await post(capped.url)).status).toBe(201);
      const refused = await post(capped.url);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ ok: false, code: 'capacity' });
    });
  });

  describe('with a cap on live sessions and creations in parallel', () => {
    const capped = suiteServer({ SESSIONS_MAX: '20' });
    it('never holds more than SESSIONS_MAX: creations under way count toward it', async () => {
      const answers = await Promise.all(Array.from({ length: 120 }, () => post(capped.url)));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 503)).toHaveLength(100);
    });
  });

  it('expires lobbies nobody joined, in memory and in the store, and keeps those someone joined', async () => {
    const { registry, store, clock } = registryAt({ lobbyExpiryMs: 60_000 });
    const empty = await registry.create({ scenario: scenario() });
    const joined = await registry.create({ scenario: scenario() });
    if (!empty.ok || !joined.ok) throw new Error('not created');
    const runtime = registry.get(joined.sessionId)!;
    const ack = await runtime.command(
      { kind: 'guest' },
      { type: 'join', name: 'Ada', tokenHash: 'a'.repeat(64) },
    );
    expect(ack.ok).toBe(true);
    clock.advance(60_001);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(registry.get(empty.sessionId)).toBeUndefined();
    expect((await store.load(empty.sessionId)).lastSeq).toBe(0);
    expect(registry.get(joined.sessionId)).toBeDefined();
    await registry.close();
  });

  it('restores at boot with one shared scenario copy per version, skips expired lobbies, and stops at SESSIONS_MAX', async () => {
    const first = registryAt({ lobbyExpiryMs: 60_000 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const created = await first.registry.create({ scenario: structuredClone(scenario()) });
      if (!created.ok) throw new Error('not created');
      ids.push(created.sessionId);
      const ack = await first.registry
        .get(created.sessionId)!
        .command({ kind: 'guest' }, { type: 'join', name: 'Ada', tokenHash: `${i}`.padEnd(64, 'b') });
      expect(ack.ok).toBe(true);
    }
    const lonely = await first.registry.create({ scenario: scenario() });
    if (!lonely.ok) throw new Error('not created');
    await first.registry.close();

    const later = registryAt({ lobbyExpiryMs: 60_000 }, first.store, first.clock);
    later.clock.advance(60_001);
    expect(await later.registry.restore()).toBe(6);
    const restored = ids.map((id) => later.registry.get(id)).filter((r) => r !== undefined);
    expect(restored).toHaveLength(6);
    // One parsed copy of the scenario for every restored session, not one each.
    expect(new Set(restored.map((r) => r.state.scenario)).size).toBe(1);
    // The lobby nobody joined expired while the server was down: deleted, not restored.
    expect(later.registry.get(lonely.sessionId)).toBeUndefined();
    expect((await first.store.load(lonely.sessionId)).lastSeq).toBe(0);
    await later.registry.close();

    const capped = registryAt({ lobbyExpiryMs: 60_000, maxSessions: 4 }, first.store, first.clock);
    expect(await capped.registry.restore()).toBe(4);
    await capped.registry.close();
  });
});

describe('finding 2: the join-code limit holds under parallel and distributed guessing', () => {
  const server = suiteServer({ JOIN_GUESSES_PER_ADDRESS: '20', JOIN_GUESSES_TOTAL: '2000' });

  it('tests at most 20 codes out of 2,000 parallel guesses from one address, and the classroom behind it still joins', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    // A student joins first: the right code is known from this address.
    const first = await server.connect();
    expect((await first.join(exercise.joinCode, 'Student 1')).ok).toBe(true);
    // One of them guesses: 1,800 parallel REST lookups and 200 over sockets, all at once.
    const guesses = Array.from({ length: 1_800 }, (_, i) =>
      fetch(`${server.url}/api/join/G${String(i).padStart(5, '0')}`).then((r) => r.status),
    );
    const sockets = await Promise.all(Array.from({ length: 200 }, () => server.connect()));
    const socketGuesses = sockets.map((s, i) =>
      s.join(`Q${String(i).padStart(5, '0')}`, 'Guess').then((a) => (a.ok ? 200 : a.code)),
    );
    const answers = [...(await Promise.all(guesses)), ...(await Promise.all(socketGuesses))];
    const tested = answers.filter((a) => a === 404 || a === 'unknown-join-code').length;
    expect(tested).toBeLessThanOrEqual(20);
    expect(answers.filter((a) => a === 429 || a === 'too-many-attempts').length).toBeGreaterThan(1_900);
    // The other 29 students behind the same address still get through with the right code.
    for (let i = 2; i <= 30; i++) {
      const preview = await fetch(`${server.url}/api/join/${exercise.joinCode}`);
      expect(preview.status, `student ${i}`).toBe(200);
    }
    const late = await server.connect();
    expect(await late.join(exercise.joinCode, 'Student 30')).toMatchObject({ ok: true });
    // A wrong code from that address is still refused.
    expect((await fetch(`${server.url}/api/join/ZZZZZZ`)).status).toBe(429);
  }, 30_000);
});

describe('finding 3: one credential holder cannot slow everyone', () => {
  const server = suiteServer({
    SOCKETS_PER_TOKEN: '3',
    SOCKETS_PER_ADDRESS: '40',
    EVENTS_BURST: '20',
    EVENTS_PER_SECOND: '10',
    MESSAGES_PER_PLAYER_PER_MINUTE: '3',
    SYNCS_PER_TOKEN_PER_MINUTE: '5',
  });

  it('caps sockets per token and per address', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const facilitator = await server.connect();
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    const screen = await facilitator.emit('issue-credential', { kind: 'screen', name: 'Projector' });
    if (!screen.ok) throw new Error(screen.code);
    const tabs = await Promise.all(Array.from({ length: 6 }, () => server.connect()));
    const acks = await Promise.all(tabs.map((t) => t.authenticate(exercise.sessionId, screen.token)));
    expect(acks.filter((a) => a.ok)).toHaveLength(3);
    expect(acks.filter((a) => !a.ok && a.code === 'too-many-connections')).toHaveLength(3);
    // Per address: at most 40 sockets from 127.0.0.1 (7 are open); the rest are turned away.
    const more = await Promise.all(Array.from({ length: 40 }, () => server.connect().catch(() => undefined)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = more.filter((c) => c && !c.socket.connected);
    expect(refused.length).toBeGreaterThanOrEqual(7);
    for (const client of more) client?.close();
  });

  it('counts events per credential, so a second tab does not double the budget; messages and full syncs are limited', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exercise = await createExercise(server.url, SCENARIO);
    const tab1 = await server.connect();
    const joined = await tab1.join(exercise.joinCode, 'Flooder');
    if (!joined.ok) throw new Error(joined.code);
    const tab2 = await server.connect();
    expect((await tab2.authenticate(exercise.sessionId, joined.token)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const syncs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? tab1 : tab2).emit('sync', { lastSeq: 0 })),
    );
    const served = syncs.filter((a) => a.ok).length;
    // 20 events of burst for both tabs together; of those, only 5 full views (the rest rate-limited).
    expect(served).toBeLessThanOrEqual(5);
    expect(syncs.filter((a) => !a.ok && a.code === 'rate-limited').length).toBeGreaterThanOrEqual(25);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const messages = [];
    for (let i = 0; i < 5; i++)
      messages.push(await tab1.command({ type: 'message-facilitator', body: `Message ${i}` }));
    expect(messages.filter((a) => a.ok)).toHaveLength(3);
    expect(messages.slice(3)).toMatchObject([{ code: 'rate-limited' }, { code: 'rate-limited' }]);
  }, 20_000);
});

describe('finding 4: join is atomic with respect to disconnect (no ghost connections)', () => {
  const server = suiteServer({});

  it('a socket that disconnects while its join is under way never shows as connected (property)', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const facilitator = await server.connect();
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 6 }), async (delayMs) => {
        const client = await TestClient.connect(server.url);
        const joining = client.socket.emitWithAck('join', { joinCode: exercise.joinCode, name: 'Ghost' });
        void joining.catch(() => undefined);
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        client.close();
      }),
      { numRuns: 25, seed: 14 },
    );
    // Let every join that was under way finish; then ask for presence by reconnecting the console.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const console2 = await server.connect();
    await console2.authenticate(exercise.sessionId, exercise.facilitatorToken);
    await console2.until(() => console2.presence.length > 0, 'presence');
    const presence = console2.presence.at(-1) as PresenceEvent;
    const ghosts = presence.players.filter((p) => p.connections > 0);
    expect(ghosts).toEqual([]);
  }, 20_000);
});

describe('finding 7: export checks the token first and says the same for missing and not yours', () => {
  const reads: string[] = [];
  class CountingStore extends MemoryStore {
    override readEvents(sessionId: string, afterSeq?: number): Promise<StoredEvent[]> {
      reads.push(sessionId);
      return super.readEvents(sessionId, afterSeq);
    }
  }
  const server = suiteServer({}, { ...NO_COMPUTERS, store: new CountingStore() });

  it('answers 404 to a malformed id, an unknown one and a stranger token alike, without reading the log', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const stranger = await createExercise(server.url, SCENARIO);
    const get = (id: string, token: string) =>
      fetch(`${server.url}/api/sessions/${id}/export`, { headers: { authorization: `Bearer ${token}` } });
    const answers = await Promise.all([
      get('bad%20id!%2F..', exercise.facilitatorToken),
      get('x'.repeat(300), exercise.facilitatorToken),
      get('s_nosuchsession', exercise.facilitatorToken),
      get(exercise.sessionId, stranger.facilitatorToken),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(JSON.stringify(bodies)).not.toMatch(/at .*\.ts|Error/);
    expect(reads).toEqual([]);
    expect((await get(exercise.sessionId, exercise.facilitatorToken)).status).toBe(200);
    expect(reads).toEqual([exercise.sessionId]);
  });
});

describe('finding 8: a facilitator revoking its own token gets its answer', () => {
  const server = suiteServer({});

  it('acknowledges the self-revoke, then signs the connection out', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const first = await server.connect();
    await first.authenticate(exercise.sessionId, exercise.facilitatorToken);
    const second = await first.emit('issue-credential', { kind: 'facilitator', name: 'Co-facilitator' });
    if (!second.ok) throw new Error(second.code);
    const co = await server.connect();
    await co.authenticate(exercise.sessionId, second.token);
    const { createHash } = await import('node:crypto');
    const ownHash = createHash('sha256').update(second.token).digest('hex');
    const ack = await co.command({ type: 'revoke-token', tokenHash: ownHash });
    expect(ack).toMatchObject({ ok: true });
    await co.until(() => !co.socket.connected, 'the disconnect');
    expect(co.signedOut).toHaveLength(1);
  });
});

describe('finding 9: seats are the facilitator’s to give', () => {
  const server = suiteServer({});

  it('locks the lobby, reserves computer seats, approves joins, suffixes repeated names and issues credentials in bulk', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const facilitator = await server.connect();
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    const join = async (name: string, role?: string) =>
      (await server.connect()).join(exercise.joinCode, name, role);

    // Repeated names get a suffix.
    const sam1 = await join('Sam');
    const sam2 = await join('sam');
    expect([sam1.ok && sam1.identity.name, sam2.ok && sam2.identity.name]).toEqual(['Sam', 'sam 2']);

    // A reserved role is the computer's: nobody may join it, and it is computer-played.
    await facilitator.must({ type: 'reserve-role', roleId: 'product-lead', reserved: true });
    expect(await join('Pat', 'product-lead')).toMatchObject({ ok: false, code: 'role-full' });

    // Approval: the join waits; its token authenticates once admitted.
    await facilitator.must({ type: 'set-seating', approval: true });
    const waiting = await join('Kim');
    if (!waiting.ok || !waiting.pending) throw new Error('the join did not wait');
    const early = await server.connect();
    expect(await early.authenticate(exercise.sessionId, waiting.token)).toMatchObject({
      ok: false,
      code: 'awaiting-approval',
    });
    const view = facilitator.view;
    const request = view.kind === 'facilitator' ? view.joinRequests[0] : undefined;
    expect(request?.name).toBe('Kim');
    await facilitator.must({ type: 'admit-join', requestId: request!.id, admit: true });
    expect(await early.authenticate(exercise.sessionId, waiting.token)).toMatchObject({ ok: true });

    // Locked: no new player.
    await facilitator.must({ type: 'set-seating', locked: true });
    expect(await join('Late')).toMatchObject({ ok: false, code: 'lobby-locked' });

    // Bulk: 500 observers in one event (one rate-limit point), each with a working token.
    const started = performance.now();
    const names = Array.from({ length: 500 }, (_, i) => `Observer ${i + 1}`);
    const bulk = await facilitator.emit('issue-credentials', { kind: 'observer', names });
    if (!bulk.ok) throw new Error(bulk.code);
    expect(bulk.credentials).toHaveLength(500);
    expect(performance.now() - started).toBeLessThan(5_000);
    const observer = await server.connect();
    expect(await observer.authenticate(exercise.sessionId, bulk.credentials[499]!.token)).toMatchObject({
      ok: true,
    });
  }, 20_000);
});

function scenario(): Scenario {
  return shippedScenario(SCENARIO);
}

/** A registry over a memory store with a simulated clock that is also its timer source. */
function registryAt(
  limits: Partial<{ lobbyExpiryMs: number; maxSessions: number }>,
  store = new MemoryStore(),
  clock = new (class {
    t = Date.UTC(2025, 0, 6, 9);
    timers: { at: number; fn: () => void; id: number }[] = [];
    next = 1;
    now = () => this.t;
    setTimeout = (fn: () => void, ms: number) => {
      const id = this.next++;
      this.timers.push({ at: this.t + ms, fn, id });
      return id;
    };
    clearTimeout = (id: unknown) => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
    advance(ms: number) {
      this.t += ms;
      const due = this.timers.filter((t) => t.at <= this.t);
      this.timers = this.timers.filter((t) => t.at > this.t);
      for (const t of due) t.fn();
    }
  })(),
) {
  const registry = new SessionRegistry({
    store,
    logger: createLogger('silent'),
    clock,
    timers: clock,
    limits: { createPerAddressPerMinute: 1_000, createPerMinute: 1_000, ...limits },
  });
  return { registry, store, clock };
}
