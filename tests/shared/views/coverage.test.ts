import { describe, expect, test } from 'vitest';
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { objectiveCoverage, WARN_WITHIN_ROUNDS } from '../../../shared/views/coverage';
import { project } from '../../../shared/views/project';
import type { FacilitatorView } from '../../../shared/views/view';
import { accepted, advanceTo, openTable, type Table } from '../session/fixtures/table';
import { tableScenario, tableScenarioInput } from '../session/fixtures/table-scenario';

/**
 * Live objective coverage (issue 17): the console's report of which objectives the exercise has
 * exercised, the warning when one has not with few rounds left, and the contingency it suggests.
 */

/** The test scenario plus a morale objective that nothing the table does moves, and a contingency for it. */
const scenario = tableScenario({
  objectives: [
    ...tableScenarioInput.objectives,
    {
      id: 'team-morale',
      title: 'The team holds',
      test: { metric: 'morale', comparison: '>=', threshold: 10 },
      byDay: 6,
    },
  ],
  injects: [
    ...tableScenarioInput.injects,
    {
      id: 'walkout',
      number: 6,
      title: 'On-call walkout threat',
      trigger: { type: 'manual' },
      audience: 'all',
      channel: 'chat',
      from: 'The on-call team',
      subject: 'We are done',
      body: 'Three nights of pages in a row.',
      effects: [{ type: 'morale', delta: -4 }],
      contingency: true,
    },
  ],
} satisfies Partial<ScenarioInput>);

const consoleView = (table: Table) =>
  project(table.session.state, { kind: 'facilitator' }) as FacilitatorView;
const coverageOf = (table: Table) => objectiveCoverage(consoleView(table), scenario);
const objective = (table: Table, id: string) => {
  const found = coverageOf(table).objectives.find((o) => o.objectiveId === id);
  if (!found) expect.fail(`no objective ${id}`);
  return found;
};

describe('objective coverage in the console', () => {
  test('a game that never touches one objective shows the warning and the contingency before the last round', () => {
    const table = openTable({ scenario, players: ['infra', 'cfo', 'investor'] });
    advanceTo(table, 'deliberation', 1);
    // Round 1: three rounds left, no warning yet; the news inject already exercised user trust.
    expect(coverageOf(table).roundsLeft).toBe(3);
    expect(objective(table, 'team-morale')).toMatchObject({
      exercised: false,
      warning: null,
      contingencies: [],
    });
    expect(objective(table, 'keep-trust')).toMatchObject({ exercised: true });
    expect(objective(table, 'keep-trust').by[0]).toMatchObject({ kind: 'inject', id: 'outage-news' });
    accepted(table.as('infra', { type: 'propose', actionId: 'pooler', rationale: 'Pool the connections.' }));

    advanceTo(table, 'deliberation', 2);
    // Round 2 of 3 (not the last): two rounds left, and morale has still not been exercised.
    expect(table.session.state.round).toBeLessThan(scenario.rounds.count);
    const report = coverageOf(table);
    expect(report.roundsLeft).toBe(WARN_WITHIN_ROUNDS);
    const morale = objective(table, 'team-morale');
    expect(morale.exercised).toBe(false);
    expect(morale.warning).toMatch(/Not exercised yet, with 2 rounds left/);
    expect(morale.contingencies).toEqual([
      expect.objectContaining({ injectId: 'walkout', contingency: true, reason: 'its effects move morale' }),
    ]);
    // The pooler's price bears on cash, so that objective is exercised and not warned about.
    expect(objective(table, 'cash-left')).toMatchObject({ exercised: true, warning: null });
    expect(objective(table, 'cash-left').by[0]).toMatchObject({ kind: 'action', title: 'Connection pooler' });

    // One click (and the confirmation) later: the contingency is fired and the objective is exercised.
    accepted(table.facilitator({ type: 'fire-inject', injectId: 'walkout' }));
    expect(objective(table, 'team-morale')).toMatchObject({
      exercised: true,
      warning: null,
      contingencies: [],
    });
  });

  test('a contingency is suggested only while it is ready to fire, and not after the debrief begins', () => {
    const table = openTable({ scenario, players: ['infra', 'cfo', 'investor'] });
    advanceTo(table, 'deliberation', 2);
    accepted(table.facilitator({ type: 'skip-inject', injectId: 'walkout' }));
    expect(objective(table, 'team-morale').contingencies).toEqual([]);
    advanceTo(table, 'debrief');
    expect(coverageOf(table).objectives.every((o) => o.warning === null)).toBe(true);
  });
});
