import { describe, expect, test } from 'vitest';
import { type CohortEvent, replayCohort } from '../../../shared/session/cohort';
import { cohortHeadlineMetrics, cohortOverview } from '../../../shared/views/cohort-overview';
import { cohortComparison, cohortRoom, cohortStage } from '../../../shared/views/cohort-room';
import { project } from '../../../shared/views/project';
import { publicScenario } from '../../../shared/views/public';
import type { ScreenView } from '../../../shared/views/view';
import { accepted, advanceTo, openTable, type Table } from '../session/fixtures/table';
import { tableScenario } from '../session/fixtures/table-scenario';

/**
 * Classroom mode's pure parts (issue 13): the cohort's log replays to the same cohort, the
 * overview finds the table needing attention first, and the room's comparison finds the first
 * round where the tables decided differently, from what each table's projector may show.
 */

const HASH = 'a'.repeat(64);
const created: CohortEvent = {
  type: 'cohort-created',
  cohortId: 'c_test',
  name: 'Tuesday workshop',
  scenario: { id: 'table-test', version: '1', title: 'Table test' },
  sameSeed: true,
  tables: [1, 2, 3].map((n) => ({ sessionId: `s_${n}`, joinCode: `CODE${n}`, number: n, seed: 42 })),
  facilitatorTokenHash: HASH,
  screenTokenHash: 'b'.repeat(64),
  at: 1,
};

const tables = () => [1, 2, 3].map(() => openTable({ players: ['infra', 'cfo', 'investor'] }));
const screenOf = (table: Table) => project(table.session.state, { kind: 'screen' }) as ScreenView;

describe('the cohort log', () => {
  test('replays to the same cohort, controls counted', () => {
    const acted: CohortEvent = {
      type: 'cohort-acted',
      command: 'pause',
      sessionIds: ['s_2'],
      results: [{ sessionId: 's_2', ok: true }],
      at: 2,
    };
    const state = replayCohort([created, acted]);
    expect(state?.tables.map((t) => t.sessionId)).toEqual(['s_1', 's_2', 's_3']);
    expect(state?.actions).toEqual([{ command: 'pause', sessionIds: ['s_2'], ok: 1, refused: 0, at: 2 }]);
    expect(replayCohort([acted])).toBeUndefined();
    expect(JSON.stringify(replayCohort([created, acted]))).toBe(JSON.stringify(state));
  });
});

describe('the overview', () => {
  test('puts the table with a disconnected player and a pause first', () => {
    const cohort = replayCohort([created])!;
    const games = tables();
    for (const game of games) advanceTo(game, 'deliberation', 1);
    accepted(games[1]!.facilitator({ type: 'pause' }));
    const everyone = (game: Table) => new Map(game.session.state.players.map((p) => [p.id, 1]));
    const presence = [
      everyone(games[0]!),
      new Map([[games[1]!.session.state.players[0]!.id, 1]]),
      everyone(games[2]!),
    ];
    const overview = cohortOverview(
      cohort,
      cohort.tables.map((table, i) => ({
        table,
        state: games[i]!.session.state,
        presence: { players: presence[i]!, facilitators: 0, screens: 0 },
      })),
      { now: games[0]!.now(), version: 7, metrics: cohortHeadlineMetrics(games[0]!.session.state.scenario) },
    );
    expect(overview.attentionFirst).toBe('s_2');
    const second = overview.tables[1]!;
    expect(second.paused).toBe(true);
    expect(second.seats).toMatchObject({ filled: 3, connected: 1 });
    expect(second.attention).toContain('2 players disconnected');
    expect(second.attention).toContain('paused');
    // Nothing secret: the facilitator's overview carries no seed and no token hash.
    expect(JSON.stringify(overview)).not.toContain(HASH);
    expect(JSON.stringify(overview)).not.toContain('"seed"');
  });
});

describe('the room and the comparison', () => {
  test('finds the first round the tables decided differently, and what each decided there', () => {
    const cohort = replayCohort([created])!;
    const games = tables();
    for (const game of games) advanceTo(game, 'deliberation', 1);
    accepted(games[0]!.as('infra', { type: 'propose', actionId: 'pooler', rationale: 'Cheap and quick' }));
    for (const game of games) advanceTo(game, 'deliberation', 2);
    const scenario = publicScenario(tableScenario());
    const inputs = cohort.tables.map((table, i) => ({ table, view: screenOf(games[i]!) }));
    const comparison = cohortComparison(inputs, scenario, ['availability', 'user-trust']);
    expect(comparison.tables).toHaveLength(3);
    expect(comparison.tables[0]!.series.days.length).toBeGreaterThan(1);
    expect(comparison.firstDivergence?.round).toBe(1);
    expect(comparison.firstDivergence?.tables.map((t) => t.decisions.map((d) => d.title))).toEqual([
      ['Connection pooler'],
      [],
      [],
    ]);
    const room = cohortRoom(cohort, inputs, scenario, { now: 0, version: 1, metrics: ['availability'] });
    expect(room.stage).toBe('playing');
    expect(room.comparison).toBeNull();
    expect(JSON.stringify(room)).not.toContain(HASH);
  });

  test('names the stage from the tables’ phases', () => {
    expect(cohortStage(['lobby', 'lobby'])).toBe('joining');
    expect(cohortStage(['lobby', 'briefing'])).toBe('playing');
    expect(cohortStage(['debrief', 'ended'])).toBe('finished');
  });
});
