import { afterEach, describe, expect, test } from 'vitest';
import { type SessionChange, SessionRuntime } from '../../../server/game/session-runtime';
import { MemoryStore } from '../../../server/store/memory-store';
import {
  type AppendResult,
  type SessionStore,
  type StoredEvent,
  StoreUnavailableError,
} from '../../../server/store/session-store';
import { FACILITATOR, GUEST } from '../../../shared/session/actor';
import { authenticate } from '../../../shared/session/credentials';
import type { SessionEvent } from '../../../shared/session/events';
import { fromLogEntry } from '../../../shared/session/log';
import { replay } from '../../../shared/session/replay';
import { tableScenario } from '../../shared/session/fixtures/table-scenario';
import { FakeClock } from './fixtures/fake-clock';
import { accepted, hashOf, openTable, sendUnparsed, type Table } from './fixtures/harness';

/** A memory store that can be told to fail the next append, before or after it writes. */
class FlakyStore extends MemoryStore {
  failNext: 'before-write' | 'after-write' | undefined;

  override async append(
    sessionId: string,
    expectedSeq: number,
    events: StoredEvent[],
  ): Promise<AppendResult> {
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure === 'before-write') throw new StoreUnavailableError('disk full');
    const result = await super.append(sessionId, expectedSeq, events);
    if (failure === 'after-write') throw new StoreUnavailableError('connection lost before the reply');
    return result;
  }
}

const tables: Table[] = [];
const runtimes: SessionRuntime[] = [];
afterEach(async () => {
  for (const table of tables.splice(0)) await table.dispose();
  for (const runtime of runtimes.splice(0)) await runtime.dispose();
});

async function table(options: Parameters<typeof openTable>[0] = {}): Promise<Table> {
  const t = await openTable(options);
  tables.push(t);
  return t;
}

async function load(store: SessionStore, clock: FakeClock): Promise<SessionRuntime> {
  const loaded = await SessionRuntime.load({ store, clock }, 'session-test');
  if (!loaded.ok) expect.fail(loaded.message);
  runtimes.push(loaded.runtime);
  return loaded.runtime;
}

describe('the session runtime', () => {
  test('a join is logged with the new player id, and the token authenticates that player', async () => {
    const t = await table();
    const result = accepted(await t.send(GUEST, { type: 'join', name: 'Ada', tokenHash: hashOf('ada') }));
    expect(result.seq).toBe(2);
    expect(result.events).toEqual([
      expect.objectContaining({ type: 'player-joined', playerId: 'player-1', name: 'Ada', roleId: 'infra' }),
    ]);
    expect(authenticate(t.runtime.state, hashOf('ada'))).toEqual({ kind: 'player', playerId: 'player-1' });
    expect(authenticate(t.runtime.state, hashOf('facilitator'))).toEqual(FACILITATOR);
    expect(authenticate(t.runtime.state, hashOf('nobody'))).toBeUndefined();

    accepted(await t.facilitator({ type: 'revoke-token', tokenHash: hashOf('ada') }));
    expect(authenticate(t.runtime.state, hashOf('ada'))).toBeUndefined();
  });

  test('malformed payloads, unknown commands and unknown actors are refused at the edge with their codes and not logged', async () => {
    const t = await table();
    const cases: [unknown, unknown, string][] = [
      [FACILITATOR, { type: 'teleport' }, 'unknown-command'],
      [FACILITATOR, 'start', 'unknown-command'],
      [FACILITATOR, { type: 'extend', seconds: 99_999 }, 'invalid-payload'],
      [FACILITATOR, { type: 'start', extra: true }, 'invalid-payload'],
      [GUEST, { type: 'join', name: 'x'.repeat(41), tokenHash: hashOf('a') }, 'invalid-payload'],
      [GUEST, { type: 'join', name: 'Ada', tokenHash: 'not-a-hash' }, 'invalid-payload'],
      [{ kind: 'king' }, { type: 'start' }, 'invalid-payload'],
      [{ kind: 'player', playerId: 'player-9' }, { type: 'ready' }, 'not-authorized'],
      [GUEST, { type: 'start' }, 'not-authorized'],
      [FACILITATOR, { type: 'advance' }, 'wrong-phase'],
    ];
    for (const [actor, command, code] of cases) {
      const result = await sendUnparsed(t.runtime, actor, command);
      expect(result, JSON.stringify(command)).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
    }
    expect(t.runtime.seq).toBe(1);
    expect((await t.store.load('session-test')).lastSeq).toBe(1);
  });

  test('a store failure is refused as storage-unavailable and nothing is applied', async () => {
    const store = new FlakyStore();
    const t = await table({ store });
    const before = JSON.stringify(t.runtime.state);
    const changes: SessionChange[] = [];
    t.runtime.onChange((c) => changes.push(c));
    store.failNext = 'before-write';
    expect(await t.facilitator({ type: 'start' })).toMatchObject({ ok: false, code: 'storage-unavailable' });
    expect(JSON.stringify(t.runtime.state)).toBe(before);
    expect(t.runtime.seq).toBe(1);
    expect(changes).toEqual([]);
    // The store is back: the same command now goes through.
    expect(accepted(await t.facilitator({ type: 'start' })).seq).toBe(2);
    expect(t.runtime.state.phase).toBe('briefing');
  });

  test('a write that landed although the store reported a failure is picked up before the next command', async () => {
    const store = new FlakyStore();
    const t = await table({ store });
    store.failNext = 'after-write';
    expect(await t.facilitator({ type: 'start' })).toMatchObject({ ok: false, code: 'storage-unavailable' });
    expect(t.runtime.state.phase).toBe('lobby');
    // The start did land in the log: the next command sees it (and is judged against it).
    expect(await t.facilitator({ type: 'start' })).toMatchObject({ ok: false, code: 'wrong-phase' });
    expect(t.runtime.state.phase).toBe('briefing');
    expect(accepted(await t.facilitator({ type: 'advance' })).seq).toBe(3);
  });

  test('two writers on one session: exactly one wins, the loser catches up and changes nothing itself', async () => {
    const t = await table();
    const other = await load(t.store, t.clock);
    const [a, b] = await Promise.all([
      t.runtime.command(FACILITATOR, { type: 'start' }),
      other.command(FACILITATOR, { type: 'broadcast', body: 'hello', audience: 'all' }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, false]);
    expect(b).toMatchObject({ ok: false, code: 'conflict' });
    expect(other.seq).toBe(2);
    expect(JSON.stringify(other.state)).toBe(JSON.stringify(t.runtime.state));
    accepted(await other.command(FACILITATOR, { type: 'broadcast', body: 'hello', audience: 'all' }));
  });

  test('commands sent at once are handled one at a time, in order, with gap-free seqs', async () => {
    const t = await table();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.runtime.command(GUEST, { type: 'join', name: `P${i}`, tokenHash: hashOf(`p${i}`) }),
      ),
    );
    // The test scenario seats five (infra 2, the others 1 each): empty required roles fill first.
    expect(results.map((r) => (r.ok ? r.seq : r.code))).toEqual([
      2,
      3,
      4,
      5,
      6,
      'role-full',
      'role-full',
      'role-full',
    ]);
    expect(t.runtime.state.players.map((p) => `${p.name}:${p.roleId}`)).toEqual([
      'P0:infra',
      'P1:cfo',
      'P2:investor',
      'P3:observer-role',
      'P4:infra',
    ]);
  });

  test('listeners hear every change once, in order, and a throwing listener harms nothing', async () => {
    const warnings: string[] = [];
    const store = new MemoryStore();
    const clock = new FakeClock();
    const created = await SessionRuntime.create(
      { store, clock, onWarning: (m) => warnings.push(m) },
      {
        sessionId: 'session-test',
        scenario: tableScenario(),
        seed: 1,
        joinCode: 'ABC234',
        facilitatorTokenHash: hashOf('f'),
      },
    );
    if (!created.ok) expect.fail(created.message);
    runtimes.push(created.runtime);
    const heard: number[] = [];
    created.runtime.onChange(() => {
      throw new Error('boom');
    });
    const off = created.runtime.onChange((c) => heard.push(c.seq));
    accepted(await created.runtime.command(FACILITATOR, { type: 'start' }));
    accepted(await created.runtime.command(FACILITATOR, { type: 'advance' }));
    off();
    accepted(await created.runtime.command(FACILITATOR, { type: 'advance' }));
    expect(heard).toEqual([2, 3]);
    expect(warnings).toContain("a session part's onCommand threw");
  });

  test('snapshots speed up loading and a loaded session equals the live one and the replayed log', async () => {
    const t = await table({ players: ['infra', 'cfo'], snapshotEvery: 4, computers: true });
    // The store answers with the snapshot and the tail only, so record the whole log as it is made.
    const log: SessionEvent[] = (await t.store.load('session-test')).events.map(fromLogEntry);
    t.runtime.onChange((c) => log.push(...c.events));
    accepted(await t.facilitator({ type: 'start' }));
    await t.settle();
    accepted(await t.as('infra', { type: 'ready' }));
    accepted(await t.as('cfo', { type: 'ready' }));
    accepted(await t.as('infra', { type: 'ready' }));
    const stored = await t.store.load('session-test');
    expect(stored.snapshot?.seq).toBeGreaterThan(1);
    expect(stored.events[0]?.seq).toBe((stored.snapshot?.seq ?? 0) + 1);
    const loaded = await load(t.store, t.clock);
    expect(loaded.seq).toBe(t.runtime.seq);
    expect(JSON.stringify(loaded.state)).toBe(JSON.stringify(t.runtime.state));
    expect(log).toHaveLength(t.runtime.seq);
    expect(JSON.stringify(replay(log))).toBe(JSON.stringify(t.runtime.state));
  });

  test('creating an existing session is a conflict; loading an unknown one is not-found', async () => {
    const t = await table();
    const again = await SessionRuntime.create(
      { store: t.store, clock: t.clock },
      {
        sessionId: 'session-test',
        scenario: tableScenario(),
        seed: 1,
        joinCode: 'XYZ234',
        facilitatorTokenHash: hashOf('f'),
      },
    );
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
    expect(await SessionRuntime.load({ store: t.store, clock: t.clock }, 'no-such-session')).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  test('a disposed runtime refuses commands and keeps a final snapshot', async () => {
    const t = await table();
    accepted(await t.facilitator({ type: 'start' }));
    await t.runtime.dispose();
    expect(await t.runtime.command(FACILITATOR, { type: 'advance' })).toMatchObject({
      ok: false,
      code: 'session-closed',
    });
    expect((await t.store.load('session-test')).snapshot?.seq).toBe(2);
  });

  test("an evaluator's observations count in the score, also when made during the debrief", async () => {
    const t = await table();
    const issued = accepted(
      await t.facilitator({
        type: 'issue-credential',
        kind: 'evaluator',
        name: 'Eve',
        tokenHash: hashOf('eve'),
      }),
    );
    const evaluator = authenticate(t.runtime.state, hashOf('eve'));
    expect(evaluator).toEqual({
      kind: 'evaluator',
      evaluatorId: issued.events[0]?.type === 'credential-issued' ? issued.events[0].credentialId : '',
    });
    if (evaluator?.kind !== 'evaluator') return;
    accepted(
      await t.send(evaluator, {
        type: 'observe',
        target: { kind: 'dimension', id: 'money' },
        rating: 5,
        note: 'tight budget',
      }),
    );
    expect(
      await t.send(evaluator, { type: 'observe', target: { kind: 'objective', id: 'nope' }, rating: 3 }),
    ).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(
      await t.facilitator({ type: 'observe', target: { kind: 'dimension', id: 'money' }, rating: 1 }),
    ).toMatchObject({
      ok: false,
      code: 'not-authorized',
    });
    accepted(await t.facilitator({ type: 'start' }));
    accepted(await t.facilitator({ type: 'end' }));
    const money = () => t.runtime.state.score?.dimensions.find((d) => d.dimensionId === 'money');
    expect(money()).toMatchObject({ evaluatorRatings: 1, evaluatorMean: 5 });
    accepted(
      await t.send(evaluator, { type: 'observe', target: { kind: 'dimension', id: 'money' }, rating: 1 }),
    );
    expect(money()).toMatchObject({ evaluatorRatings: 2, evaluatorMean: 3 });
    expect(t.runtime.state.observations.map((o) => o.note)).toEqual(['tight budget', '']);
  });

  test('check answers like command without logging anything', async () => {
    const t = await table();
    expect(t.runtime.check(FACILITATOR, { type: 'advance' })).toMatchObject({
      ok: false,
      code: 'wrong-phase',
    });
    expect(t.runtime.check(FACILITATOR, { type: 'start' })).toMatchObject({ ok: true });
    expect(t.runtime.seq).toBe(1);
  });
});
