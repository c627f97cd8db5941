import { describe, expect, test } from 'vitest';
import { toLogEntry } from '../../../shared/session/log';
import { RefusedEventError } from '../../../shared/session/machine';
import { replay } from '../../../shared/session/replay';
import { accepted, openTable } from './fixtures/table';

describe('replay', () => {
  test('a log replays to the state it was played to, from events or from stored log entries', () => {
    const t = openTable({ players: ['infra', 'cfo'] });
    accepted(t.facilitator({ type: 'start' }));
    accepted(t.facilitator({ type: 'advance' }));
    accepted(t.facilitator({ type: 'pause' }));
    accepted(t.facilitator({ type: 'fire-inject', injectId: 'leak' }));
    accepted(t.facilitator({ type: 'resume' }));
    t.tick(10 * 60_000);
    expect(t.session.state.round).toBeGreaterThan(1);
    const json = JSON.stringify(t.session.state);
    expect(JSON.stringify(replay(t.session.log))).toBe(json);
    expect(JSON.stringify(replay(t.session.log.map((e, i) => toLogEntry(e, i + 1))))).toBe(json);
  });

  test('a log must start with session-created, and only there', () => {
    const t = openTable();
    accepted(t.facilitator({ type: 'start' }));
    const [created, started] = t.session.log;
    if (!created || !started) expect.fail('no log');
    expect(() => replay([started])).toThrow(/starts with session-created/);
    expect(() => replay([])).toThrow(/starts with session-created/);
    expect(() => replay([created, created])).toThrow(/only be the first event/);
  });

  test('an event the game master does not take in its phase is a corrupt log, not silently dropped', () => {
    const t = openTable({ players: ['infra'] });
    const [created] = t.session.log;
    if (!created) expect.fail('no log');
    // A proposal in the lobby: `decide` never logs one, so a log holding it was not written by the game.
    const proposal = {
      type: 'proposal-submitted' as const,
      proposalId: 'proposal-1',
      actionId: 'replicas',
      params: {},
      rationale: 'r',
      proposer: { by: 'player-1', roleId: 'infra' },
      capexUsd: 0,
      opexUsdPerMonth: 0,
      spendUsd: 0,
      at: created.at,
      actor: { kind: 'player' as const, playerId: 'player-1' },
    };
    expect(() => replay([...t.session.log, proposal])).toThrow(RefusedEventError);
  });
});
