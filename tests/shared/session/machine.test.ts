import { describe, expect, test } from 'vitest';
import { machinePhase, machineSnapshot } from '../../../shared/session/machine';
import { accepted, openTable, type Table } from './fixtures/table';
import { tableScenario, tableScenarioInput } from './fixtures/table-scenario';

/** The game master's phases: their order, pause and resume through the history state, and the ways out. */

let table: Table | undefined;

async function open(options: Parameters<typeof openTable>[0] = {}): Promise<Table> {
  table = await openTable(options);
  return table;
}

const where = (t: Table) => {
  const { phase, round, paused } = t.session.state;
  // The machine's own state value must agree with the state it keeps.
  expect(machinePhase(machineSnapshot(t.session.state))).toBe(paused ? 'paused' : phase);
  return `${phase}${round > 0 ? ` ${round}` : ''}${paused ? ' (paused)' : ''}`;
};

describe('the session machine', () => {
  test('lobby, briefing, three rounds of five phases, debrief, ended', async () => {
    const t = await open();
    const seen = [where(t)];
    accepted(await t.facilitator({ type: 'start' }));
    seen.push(where(t));
    while (t.session.state.phase !== 'ended') {
      accepted(await t.facilitator({ type: 'advance' }));
      seen.push(where(t));
    }
    const round = (n: number) =>
      ['injects', 'deliberation', 'decision', 'resolution', 'review'].map((p) => `${p} ${n}`);
    expect(seen).toEqual([
      'lobby',
      'briefing',
      ...round(1),
      ...round(2),
      ...round(3),
      'debrief 3',
      'ended 3',
    ]);
    expect(t.session.state.outcome).toEqual({ kind: 'completed' });
    expect(t.session.state.rounds.map((r) => [r.fromDay, r.toDay])).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
    ]);
  });

  test('pausing and resuming in every live phase returns to that phase without re-entering it', async () => {
    const t = await open();
    accepted(await t.facilitator({ type: 'start' }));
    while (t.session.state.phase !== 'debrief') {
      const before = t.session.state;
      accepted(await t.facilitator({ type: 'pause' }));
      expect(where(t)).toBe(`${before.phase}${before.round > 0 ? ` ${before.round}` : ''} (paused)`);
      expect(await t.facilitator({ type: 'advance' })).toMatchObject({ ok: false, code: 'paused' });
      accepted(await t.facilitator({ type: 'resume' }));
      const after = t.session.state;
      expect(after).toMatchObject({ phase: before.phase, round: before.round, paused: false });
      // Same phase, not a new one: nothing delivered again, no second resolution, same start time.
      expect(after.phaseStartedAt).toBe(before.phaseStartedAt);
      expect(after.deliveries).toEqual(before.deliveries);
      expect(after.rounds).toEqual(before.rounds);
      accepted(await t.facilitator({ type: 'advance' }));
    }
    expect(await t.facilitator({ type: 'pause' })).toMatchObject({ ok: false, code: 'wrong-phase' });
  });

  test('ending from a paused round goes to the debrief, unpaused, ended by the facilitator', async () => {
    const t = await open();
    accepted(await t.facilitator({ type: 'start' }));
    accepted(await t.facilitator({ type: 'advance' }));
    accepted(await t.facilitator({ type: 'pause' }));
    accepted(await t.facilitator({ type: 'end' }));
    expect(where(t)).toBe('debrief 1');
    expect(t.session.state.outcome).toEqual({ kind: 'ended-by-facilitator' });
    expect(t.session.state.timer).toEqual({ deadline: null, remainingMs: null, durationMs: null });
    accepted(await t.facilitator({ type: 'end' }));
    expect(where(t)).toBe('ended 1');
    expect(await t.facilitator({ type: 'broadcast', body: 'hello' })).toMatchObject({
      ok: false,
      code: 'ended',
    });
  });

  test('ending in the lobby closes the session', async () => {
    const t = await open();
    accepted(await t.facilitator({ type: 'end' }));
    expect(where(t)).toBe('ended');
  });

  test('an end state reached in a resolution ends the exercise into the debrief', async () => {
    const scenario = tableScenario({
      endStates: [
        {
          id: 'board-walks',
          title: 'The board walks away',
          condition: { metric: 'investor-confidence', comparison: '<', threshold: 101 },
        },
      ],
    });
    const t = await open({ scenario });
    accepted(await t.facilitator({ type: 'start' }));
    for (let i = 0; i < 4; i++) accepted(await t.facilitator({ type: 'advance' }));
    expect(where(t)).toBe('resolution 1');
    expect(t.session.state.endState).toMatchObject({ endStateId: 'board-walks', day: 2, round: 1 });
    expect(t.session.state.rounds[0]?.endStateId).toBe('board-walks');
    accepted(await t.facilitator({ type: 'advance' }));
    expect(where(t)).toBe('debrief 1');
    expect(t.session.state.outcome).toEqual({
      kind: 'end-state',
      endStateId: 'board-walks',
      title: 'The board walks away',
    });
    expect(t.session.state.score).not.toBeNull();
  });

  test('objectives are judged on their day and checkpoints read on theirs', async () => {
    const t = await open();
    accepted(await t.facilitator({ type: 'start' }));
    while (t.session.state.phase !== 'debrief') accepted(await t.facilitator({ type: 'advance' }));
    const { objectives, checkpoints, score } = t.session.state;
    expect(objectives.map((o) => [o.objectiveId, o.day, o.round])).toEqual([
      ['keep-trust', 4, 2],
      ['cash-left', 6, 3],
    ]);
    expect(checkpoints).toEqual([
      expect.objectContaining({
        checkpointId: 'day-4',
        day: 4,
        round: 2,
        objectives: [expect.objectContaining({ objectiveId: 'keep-trust' })],
      }),
    ]);
    const met = (id: string) => objectives.find((o) => o.objectiveId === id)?.met;
    expect(score?.dimensions.map((d) => d.score)).toEqual([
      met('keep-trust') ? 100 : 0,
      met('cash-left') ? 100 : 0,
    ]);
    expect(tableScenarioInput.scoring.rubric.map((d) => d.weight)).toEqual([60, 40]);
  });
});
