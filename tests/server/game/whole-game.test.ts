import { afterEach, describe, expect, test } from 'vitest';
import { type PlayedGame, playWithComputers } from '../../../server/game/play-with-computers';
import { FACILITATOR } from '../../../shared/session/actor';
import { replay } from '../../../shared/session/replay';
import type { SessionState } from '../../../shared/session/state';
import { SHIPPED_SCENARIOS, shippedScenario } from '../../shared/session/fixtures/shipped';
import { accepted, openTable, type Table } from './fixtures/harness';

/**
 * Whole exercises of the shipped scenarios, played by computer players in every role: the
 * facilitator only starts it. They must reach the debrief with a score, and a fixed seed must give
 * the same game, event for event, on every run.
 */

const tables: Pick<Table, 'dispose'>[] = [];
afterEach(async () => {
  for (const table of tables.splice(0)) await table.dispose();
});

/** The dry run's driver (server/game/play-with-computers.ts), so that rehearsals and these tests play the same game. */
async function play(id: (typeof SHIPPED_SCENARIOS)[number], seed: number): Promise<PlayedGame> {
  const game = await playWithComputers(shippedScenario(id), seed);
  tables.push(game);
  return game;
}

function expectFinished(state: SessionState) {
  expect(state.phase).toBe('debrief');
  const rounds = state.scenario.rounds.count;
  if (state.endState)
    expect(state.outcome).toMatchObject({ kind: 'end-state', endStateId: state.endState.endStateId });
  else expect(state.outcome).toEqual({ kind: 'completed' });
  expect(state.rounds.length).toBe(state.endState ? state.endState.round : rounds);
  expect(state.sim.day).toBe(state.rounds.length * state.scenario.rounds.daysPerRound);
  for (const round of state.rounds) {
    expect(round.explanations.length).toBeGreaterThanOrEqual(3);
    expect(round.explanations[0]).toMatch(/^Availability /);
  }
  expect(state.score).not.toBeNull();
  expect(state.score?.total).toBeGreaterThanOrEqual(0);
  expect(state.score?.total).toBeLessThanOrEqual(100);
  expect(state.score?.dimensions.map((d) => d.dimensionId)).toEqual(
    state.scenario.scoring.rubric.map((d) => d.id),
  );
  // Every objective due within the days played was judged.
  const judged = state.objectives.map((o) => o.objectiveId).sort();
  const due = state.scenario.objectives
    .filter((o) => o.byDay !== undefined && o.byDay <= state.sim.day)
    .map((o) => o.id)
    .sort();
  expect(judged).toEqual(due);
}

describe.each(SHIPPED_SCENARIOS)('a whole game of %s with computer players in every role', (id) => {
  test('reaches the debrief with a score, and the log replays to the same state', async () => {
    const { runtime, state, events } = await play(id, 7);
    expectFinished(state);
    // The computers really played: every computer-played role proposed something.
    const proposers = new Set(state.proposals.map((p) => p.proposer.roleId));
    expect(proposers.size).toBeGreaterThanOrEqual(3);
    expect(state.proposals.some((p) => p.resolution?.applied)).toBe(true);
    expect(state.deliveries.length).toBeGreaterThan(0);
    expect(JSON.stringify(replay(events))).toBe(JSON.stringify(state));

    accepted(await runtime.command(FACILITATOR, { type: 'end' }));
    expect(runtime.state.phase).toBe('ended');
    expect(runtime.state.score).toEqual(state.score);
    expect(await runtime.command(FACILITATOR, { type: 'advance' })).toMatchObject({
      ok: false,
      code: 'ended',
    });
  });

  test('a fixed seed gives the identical game on every run', async () => {
    const first = await play(id, 11);
    const second = await play(id, 11);
    expect(second.events).toEqual(first.events);
    expect(JSON.stringify(second.state)).toBe(JSON.stringify(first.state));
  });
});

test('a table of three plays a four-role scenario with a computer in the empty role', async () => {
  const table = await openTable({
    scenario: shippedScenario('socialwave-first-30-days'),
    players: ['head-of-infra', 'cfo', 'investor'],
    computers: true,
    scheduler: true,
  });
  tables.push(table);
  accepted(await table.facilitator({ type: 'start' }));
  accepted(await table.as('head-of-infra', { type: 'ready' }));
  accepted(await table.as('cfo', { type: 'ready' }));
  accepted(await table.as('investor', { type: 'ready' }));
  expect(table.runtime.state).toMatchObject({ phase: 'injects', round: 1 });

  // The people let the clock run out every phase; the computer Product Lead plays its part.
  for (let i = 0; i < 100 && table.runtime.state.phase !== 'debrief'; i++) {
    const { deadline } = table.runtime.state.timer;
    if (deadline === null) expect.fail(`untimed phase ${table.runtime.state.phase}`);
    await table.tick(deadline - table.clock.now());
  }
  const { state } = table.runtime;
  expectFinished(state);
  expect(state.proposals.filter((p) => p.proposer.by === 'computer:product-lead').length).toBeGreaterThan(0);
  // Only the empty role is computer-played.
  const acting = state.proposals.flatMap((p) => [
    p.proposer.by,
    ...p.reviews.map((r) => r.by),
    ...p.votes.map((v) => v.by),
  ]);
  expect(new Set(acting.filter((key) => key.startsWith('computer:')))).toEqual(
    new Set(['computer:product-lead']),
  );
});
