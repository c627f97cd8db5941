import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromStoredEvent, replay } from '../../../server/game/replay';
import { machinePhase } from '../../../server/game/session-machine';
import { SessionRuntime } from '../../../server/game/session-runtime';
import { FACILITATOR, GUEST, SYSTEM } from '../../../shared/session/actor';
import type { SessionEvent } from '../../../shared/session/events';
import { audienceIncludes, inboxFor } from '../../../shared/session/injects';
import type { SessionState } from '../../../shared/session/state';
import { hashOf, openTable, type Table } from './fixtures/harness';
import { tableScenarioInput } from './fixtures/table-scenario';

/**
 * Model-based test of the game master: fast-check drives random sequences of commands from every
 * kind of actor (most of them refused), interleaved with the passing of time, against a real
 * session runtime on a memory store and a simulated clock. After every step:
 * - a refused command changed nothing (same state, same seq);
 * - the log is gap-free and replaying it gives the live state, byte for byte;
 * - no inject was delivered twice, and each delivery reached only the inject's audience;
 * - the machine's state value agrees with the state's phase.
 * At the end of each run, a runtime loaded from the store (snapshot + tail) equals the live one.
 */

const ROLES = [...tableScenarioInput.roles.map((r) => r.id), 'nobody'];
const ACTIONS = [...tableScenarioInput.actions.map((a) => a.id), 'nothing'];
const INJECTS = [...tableScenarioInput.injects.map((i) => i.id), 'nope'];
const PLAYERS = ['player-1', 'player-2', 'player-3', 'player-4'];
/** `@latest` stands for the newest proposal when the step runs, so that reviews and votes find something. */
const PROPOSALS = ['@latest', '@latest', 'proposal-1', 'proposal-2', 'proposal-3', 'proposal-9'];
const TOKENS = ['t1', 't2', 't3', 't4', 't5', 't6'].map(hashOf);

const id = (ids: string[]) => fc.constantFrom(...ids);
const text = fc.constantFrom('ok', 'because the database is the wall', 'x'.repeat(50));

const actorArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(FACILITATOR) },
  { weight: 6, arbitrary: id(PLAYERS).map((playerId) => ({ kind: 'player' as const, playerId })) },
  { weight: 4, arbitrary: id(ROLES).map((roleId) => ({ kind: 'computer' as const, roleId })) },
  {
    weight: 1,
    arbitrary: id(['cred-4', 'cred-5', 'cred-6', 'cred-2']).map((evaluatorId) => ({
      kind: 'evaluator' as const,
      evaluatorId,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(GUEST, SYSTEM, { kind: 'observer' as const }, { kind: 'screen' as const }),
  },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'wizard' }, null, { kind: 'player' }) },
);

const facilitatorMoves = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ type: 'start' }) },
  { weight: 20, arbitrary: fc.constant({ type: 'advance' }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('extend'), seconds: fc.constantFrom(5, 30, 600) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'pause' }) },
  { weight: 2, arbitrary: fc.constant({ type: 'resume' }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('fire-inject'), injectId: id(INJECTS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('skip-inject'), injectId: id(INJECTS) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('reschedule-inject'),
      injectId: id(INJECTS),
      trigger: fc.oneof(
        fc.record({
          type: fc.constant('scheduled'),
          round: fc.integer({ min: 1, max: 4 }),
          phase: fc.constantFrom('injects', 'decision', 'review'),
        }),
        fc.record({ type: fc.constant('day'), day: fc.integer({ min: 0, max: 8 }) }),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('override-decision'),
      proposalId: id(PROPOSALS),
      decision: fc.constantFrom('approve', 'reject'),
      reason: text,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('assign-role'), playerId: id(PLAYERS), roleId: id(ROLES) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remove-player'), playerId: id(PLAYERS) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('broadcast'),
      body: text,
      audience: fc.constantFrom('all', ['cfo'], ['nobody']),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('issue-credential'),
      kind: fc.constantFrom('evaluator', 'screen', 'facilitator'),
      name: text,
      tokenHash: id(TOKENS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('revoke-token'),
      tokenHash: id([...TOKENS, hashOf('facilitator')]),
    }),
  },
);
// Ending is rare: it cuts the rest of a run short (end, then any advance, closes the session).
const facilitatorCommand = fc.oneof(
  { weight: 60, arbitrary: facilitatorMoves },
  { weight: 1, arbitrary: fc.constant({ type: 'end' }) },
);

const tableCommand = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record(
      { type: fc.constant('join'), name: text, preferredRole: id(ROLES), tokenHash: id(TOKENS) },
      { requiredKeys: ['type', 'name', 'tokenHash'] },
    ),
  },
  { weight: 5, arbitrary: fc.constant({ type: 'ready' }) },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('propose'),
      actionId: id(ACTIONS),
      params: fc.constantFrom(
        {},
        { count: 2 },
        { count: 6 },
        { count: 40 },
        { amount: 30_000_000 },
        { bogus: 1 },
      ),
      rationale: text,
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('withdraw'), proposalId: id(PROPOSALS) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constantFrom('approve', 'reject'),
      proposalId: id(PROPOSALS),
      rationale: text,
      confidence: fc.integer({ min: 0, max: 6 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('veto'), proposalId: id(PROPOSALS), rationale: text }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('vote'),
      proposalId: id(PROPOSALS),
      vote: fc.constantFrom('yes', 'no'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('message-facilitator'), body: text }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('observe'),
      target: fc.record({
        kind: fc.constantFrom('objective', 'dimension'),
        id: fc.constantFrom('keep-trust', 'money', 'nope'),
      }),
      rating: fc.integer({ min: 1, max: 5 }),
      note: text,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom({ type: 'propose' }, { type: 'teleport' }, 'advance', null, {
      type: 'ready',
      extra: 1,
    }),
  },
);

/** Pairs of actor and command that fit the test scenario's authority, so that runs get deep into the game. */
const PLAYER_1 = { kind: 'player' as const, playerId: 'player-1' }; // Head of Infrastructure
const PLAYER_2 = { kind: 'player' as const, playerId: 'player-2' }; // CFO
const INVESTOR = { kind: 'computer' as const, roleId: 'investor' };
const seated = fc.constantFrom(PLAYER_1, PLAYER_2, INVESTOR);
const plausible = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      actor: fc.constant(PLAYER_1),
      command: fc.record({
        type: fc.constant('propose'),
        actionId: fc.constantFrom('pooler', 'replicas', 'sharding', 'war-chest'),
        params: fc.constantFrom({}, { count: 2 }, { count: 6 }),
        rationale: text,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      actor: fc.constant(INVESTOR),
      command: fc.record({
        type: fc.constant('propose'),
        actionId: fc.constant('bridge'),
        params: fc.constant({}),
        rationale: text,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      actor: fc.constant(PLAYER_2),
      command: fc.record({
        type: fc.constant('propose'),
        actionId: fc.constant('savings-plan'),
        params: fc.constant({}),
        rationale: text,
      }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      actor: seated,
      command: fc.record({
        type: fc.constantFrom('approve', 'reject'),
        proposalId: id(PROPOSALS),
        rationale: text,
        confidence: fc.integer({ min: 1, max: 5 }),
      }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      actor: seated,
      command: fc.record({
        type: fc.constant('vote'),
        proposalId: id(PROPOSALS),
        vote: fc.constantFrom('yes', 'no'),
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      actor: fc.constant(INVESTOR),
      command: fc.record({ type: fc.constant('veto'), proposalId: id(PROPOSALS), rationale: text }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ actor: seated, command: fc.constant({ type: 'ready' }) }) },
);

type Step =
  | { kind: 'command'; actor: unknown; command: unknown; whileDeciding?: boolean }
  | { kind: 'tick'; ms: number }
  | { kind: 'expire' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      actor: fc.constant(FACILITATOR),
      command: facilitatorCommand,
    }),
  },
  { weight: 12, arbitrary: plausible.map((p) => ({ kind: 'command' as const, whileDeciding: true, ...p })) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('command' as const), actor: actorArb, command: tableCommand }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 60_000 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
);

/** Every run begins with two people seated (the investor is computer-played) and the exercise started. */
const PRELUDE: Step[] = [
  {
    kind: 'command',
    actor: GUEST,
    command: { type: 'join', name: 'Ada', preferredRole: 'infra', tokenHash: hashOf('p1') },
  },
  {
    kind: 'command',
    actor: GUEST,
    command: { type: 'join', name: 'Bo', preferredRole: 'cfo', tokenHash: hashOf('p2') },
  },
  { kind: 'command', actor: FACILITATOR, command: { type: 'start' } },
];

interface Model {
  seq: number;
  log: SessionEvent[];
  /** Where the session is, so that table moves are tried while proposals can be made. */
  deciding: boolean;
}

interface Real {
  table: Table;
}

class StepCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly step: Step) {}
  check(model: Model): boolean {
    return this.step.kind !== 'command' || !this.step.whileDeciding || model.deciding;
  }
  async run(model: Model, real: Real): Promise<void> {
    const { table } = real;
    const before = JSON.stringify(table.runtime.state);
    const seqBefore = table.runtime.seq;
    if (this.step.kind === 'tick') {
      await table.tick(this.step.ms);
    } else {
      const result =
        this.step.kind === 'expire'
          ? await table.send(SYSTEM, {
              type: 'timer-expired',
              deadline: table.runtime.state.timer.deadline ?? 0,
            })
          : await table.runtime.command(this.step.actor, withLatest(this.step.command, table.runtime.state));
      await table.settle();
      if (!result.ok) {
        expect(JSON.stringify(table.runtime.state)).toBe(before);
        expect(table.runtime.seq).toBe(seqBefore);
      } else {
        expect(result.seq).toBe(seqBefore + result.events.length);
      }
    }
    model.seq = table.runtime.seq;
    const now = table.runtime.state;
    model.deciding = (now.phase === 'deliberation' || now.phase === 'decision') && !now.paused;
    checkInvariants(table.runtime.state);
    expect(machinePhase(table.runtime.machineSnapshot)).toBe(
      table.runtime.state.paused ? 'paused' : table.runtime.state.phase,
    );
    expect(model.log.length).toBe(model.seq);
    expect(JSON.stringify(replay(model.log))).toBe(JSON.stringify(table.runtime.state));
  }
  toString(): string {
    return JSON.stringify(this.step);
  }
}

function withLatest(command: unknown, state: SessionState): unknown {
  if (
    typeof command !== 'object' ||
    command === null ||
    (command as { proposalId?: unknown }).proposalId !== '@latest'
  )
    return command;
  return { ...command, proposalId: state.proposals.at(-1)?.id ?? 'proposal-0' };
}

function checkInvariants(state: SessionState): void {
  const delivered = state.deliveries.map((d) => d.injectId);
  expect(new Set(delivered).size).toBe(delivered.length);
  for (const delivery of state.deliveries) {
    const inject = state.scenario.injects.find((i) => i.id === delivery.injectId);
    expect(delivery.audience).toEqual(inject?.audience);
    expect(state.injects.find((e) => e.injectId === delivery.injectId)?.status).toBe('sent');
  }
  for (const entry of state.injects) {
    expect(delivered.filter((d) => d === entry.injectId).length).toBe(entry.status === 'sent' ? 1 : 0);
  }
  for (const role of state.scenario.roles) {
    for (const delivery of inboxFor(state, role.id)) {
      const inject = state.scenario.injects.find((i) => i.id === delivery.injectId);
      expect(inject && audienceIncludes(inject.audience, role.id)).toBe(true);
    }
  }
}

describe('the session under random commands from every role', () => {
  test('replay equals the live state, refusals change nothing, injects reach only their audience once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands([stepArb.map((s) => new StepCommand(s))], { size: 'max', maxCommands: 120 }),
        async (commands) => {
          const table = await openTable({ scheduler: true, snapshotEvery: 7 });
          const model: Model = { seq: 1, log: [], deciding: false };
          const created = (await table.store.load('session-test')).events.map(fromStoredEvent);
          model.log.push(...created);
          const unsubscribe = table.runtime.onChange((change) => model.log.push(...change.events));
          try {
            await fc.asyncModelRun(
              () => ({ model, real: { table } }),
              [...PRELUDE.map((p) => new StepCommand(p)), ...commands],
            );
            const loaded = await SessionRuntime.load(
              { store: table.store, clock: table.clock },
              'session-test',
            );
            if (!loaded.ok) expect.fail(loaded.message);
            expect(JSON.stringify(loaded.runtime.state)).toBe(JSON.stringify(table.runtime.state));
            expect(loaded.runtime.seq).toBe(table.runtime.seq);
            await loaded.runtime.dispose();
          } finally {
            unsubscribe();
            await table.dispose();
          }
        },
      ),
      { numRuns: 15, seed: 20250106 },
    );
  });
});
