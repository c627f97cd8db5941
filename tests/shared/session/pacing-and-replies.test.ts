import { describe, expect, test } from 'vitest';
import { computerKey } from '../../../shared/session/actor';
import { computerRoles } from '../../../shared/session/authority';
import { replay } from '../../../shared/session/replay';
import { project } from '../../../shared/views/project';
import { accepted, advanceTo, openTable, type Table } from './fixtures/table';

/**
 * Issue 20: computer players never close a phase by themselves (a computer-only rehearsal runs on
 * its timers), and the facilitator can reply to one player without their role-mates seeing it.
 */

const everyComputerReady = (t: Table) => {
  for (const roleId of computerRoles(t.session.state)) {
    accepted(t.send({ kind: 'computer', roleId }, { type: 'ready' }));
  }
};

describe('pacing: computer players alone never close a phase', () => {
  test('a computer-only table waits for the phase timer even when every computer is ready', () => {
    const t = openTable();
    advanceTo(t, 'deliberation', 1);
    const { deadline } = t.session.state.timer;
    expect(deadline).not.toBeNull();
    everyComputerReady(t);
    const { state } = t.session;
    expect(state.phase).toBe('deliberation');
    expect(state.ready).toEqual(computerRoles(state).map(computerKey));
    // One millisecond short of the deadline it is still open; at the deadline the timer closes it.
    t.tick((deadline ?? 0) - t.now() - 1);
    expect(t.session.state.phase).toBe('deliberation');
    t.tick(1);
    expect(t.session.state.phase).toBe('decision');
    const advanced = t.session.log.filter((e) => e.type === 'phase-advanced');
    expect(advanced.at(-1)).toMatchObject({ cause: 'timer', at: deadline });
  });

  test('an untimed phase of a computer-only table waits for the facilitator', () => {
    const t = openTable();
    accepted(t.facilitator({ type: 'start' }));
    expect(t.session.state.phase).toBe('briefing');
    everyComputerReady(t);
    t.tick(3_600_000);
    expect(t.session.state.phase).toBe('briefing');
  });

  test('with a person at the table, the phase closes once the person and the computers are ready', () => {
    const t = openTable({ players: ['infra'] });
    advanceTo(t, 'deliberation', 1);
    everyComputerReady(t);
    expect(t.session.state.phase).toBe('deliberation');
    const last = accepted(t.as('infra', { type: 'ready' }));
    expect(last.events.map((e) => e.type)).toEqual(['player-ready', 'phase-advanced']);
    expect(t.session.state.phase).toBe('decision');
  });

  test('the rule depends on the state only: the log replays to the same state', () => {
    const t = openTable();
    advanceTo(t, 'deliberation', 1);
    everyComputerReady(t);
    t.tick(600_000);
    expect(replay(t.session.log)).toEqual(t.session.state);
  });
});

describe('a facilitator message to one player', () => {
  test('reaches that player and the facilitator only, not a role-mate, other roles or the screen', () => {
    const t = openTable({ players: ['infra', 'infra', 'cfo'] });
    const [first, second] = t.seats.infra ?? [];
    accepted(t.facilitator({ type: 'start' }));
    const sent = accepted(
      t.facilitator({ type: 'message-player', playerId: first ?? '', body: 'Check the pager.' }),
    );
    expect(sent.events[0]).toMatchObject({ type: 'message-sent', to: [], toPlayerId: first });
    const bodies = (viewer: Parameters<typeof project>[1]) =>
      project(t.session.state, viewer).messages.map((m) => m.body);
    expect(bodies({ kind: 'facilitator' })).toEqual(['Check the pager.']);
    expect(bodies({ kind: 'player', playerId: first ?? '' })).toEqual(['Check the pager.']);
    expect(bodies({ kind: 'player', playerId: second ?? '' })).toEqual([]);
    expect(bodies({ kind: 'player', playerId: t.seats.cfo?.[0] ?? '' })).toEqual([]);
    expect(bodies({ kind: 'screen' })).toEqual([]);
    expect(replay(t.session.log)).toEqual(t.session.state);
  });

  test('is refused for an unknown or removed player, and for anyone but the facilitator', () => {
    const t = openTable({ players: ['infra', 'cfo'] });
    const infra = t.seats.infra?.[0] ?? '';
    expect(t.facilitator({ type: 'message-player', playerId: 'player-99', body: 'Hello' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(t.as('cfo', { type: 'message-player', playerId: infra, body: 'Hello' })).toMatchObject({
      ok: false,
      code: 'not-authorized',
    });
    accepted(t.facilitator({ type: 'remove-player', playerId: infra }));
    expect(t.facilitator({ type: 'message-player', playerId: infra, body: 'Hello' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });
});
