import { describe, expect, test } from 'vitest';
import type { Scenario } from '../../../shared/scenario/schema';
import type { CommandInput } from '../../../shared/session/commands';
import { accepted, advanceTo, openTable, type Table } from './fixtures/table';
import { tableScenario } from './fixtures/table-scenario';

/**
 * Repeat limits (issue 12, item 5): an action may be taken once a round unless the scenario says
 * otherwise, once an exercise unless it is repeatable, and at most `limits.perRound` /
 * `limits.perExercise` times. Withdrawn, rejected, vetoed and unapplied proposals give the repeat back.
 */

const propose = (actionId: string, params: Record<string, number> = {}): CommandInput => ({
  type: 'propose',
  actionId,
  params,
  rationale: 'because',
});

function withLimits(actionId: string, limits: { perRound?: number; perExercise?: number }): Scenario {
  const scenario = tableScenario();
  return {
    ...scenario,
    actions: scenario.actions.map((a) => (a.id === actionId ? { ...a, limits } : a)),
  };
}

async function seated(scenario: Scenario = tableScenario()): Promise<Table> {
  const table = openTable({ scenario, players: ['infra', 'cfo', 'investor'] });
  advanceTo(table, 'deliberation', 1);
  return table;
}

describe('repeat limits', () => {
  test('a repeatable action is taken once a round by default: the second proposal is refused', async () => {
    const table = await seated();
    accepted(table.as('infra', propose('replicas', { count: 2 })));
    const again = table.as('infra', propose('replicas', { count: 2 }));
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.code).toBe('not-repeatable');
      expect(again.message).toMatch(/already proposed this round \(once a round\)/);
    }
  });

  test('the next round gives a repeatable action its repeat back', async () => {
    const table = await seated();
    accepted(table.as('infra', propose('replicas', { count: 2 })));
    advanceTo(table, 'deliberation', 2);
    accepted(table.as('infra', propose('replicas', { count: 2 })));
  });

  test('perRound lets an action be proposed that many times a round, and no more', async () => {
    const table = await seated(withLimits('replicas', { perRound: 2 }));
    accepted(table.as('infra', propose('replicas', { count: 1 })));
    accepted(table.as('infra', propose('replicas', { count: 1 })));
    const third = table.as('infra', propose('replicas', { count: 1 }));
    expect(third.ok || third.code).toBe('not-repeatable');
    if (!third.ok) expect(third.message).toMatch(/2 times a round/);
  });

  test('perExercise caps the whole exercise, across rounds', async () => {
    const table = await seated(withLimits('replicas', { perExercise: 2 }));
    accepted(table.as('infra', propose('replicas', { count: 1 })));
    advanceTo(table, 'deliberation', 2);
    accepted(table.as('infra', propose('replicas', { count: 1 })));
    advanceTo(table, 'deliberation', 3);
    const third = table.as('infra', propose('replicas', { count: 1 }));
    expect(third.ok || third.code).toBe('not-repeatable');
    if (!third.ok) expect(third.message).toMatch(/2 times in the exercise/);
  });

  test('a withdrawn proposal does not count: the action may be proposed again in the round', async () => {
    const table = await seated();
    accepted(table.as('infra', propose('replicas', { count: 2 })));
    const proposalId = table.session.state.proposals.at(-1)?.id ?? '';
    accepted(table.as('infra', { type: 'withdraw', proposalId }));
    accepted(table.as('infra', propose('replicas', { count: 2 })));
  });

  test('a rejected proposal does not use up the exercise limit', async () => {
    const table = await seated(withLimits('replicas', { perExercise: 1 }));
    // Six replicas cost more than $5M: the CFO must approve, and rejects.
    accepted(table.as('infra', propose('replicas', { count: 6 })));
    const proposalId = table.session.state.proposals.at(-1)?.id ?? '';
    accepted(table.as('cfo', { type: 'reject', proposalId, rationale: 'no', confidence: 3 }));
    advanceTo(table, 'deliberation', 2);
    expect(table.session.state.proposals.find((p) => p.id === proposalId)?.resolution?.applied).toBe(false);
    accepted(table.as('infra', propose('replicas', { count: 2 })));
  });

  test('a once-only action stays refused after it was applied, with the old message', async () => {
    const table = await seated();
    accepted(table.as('infra', propose('pooler')));
    advanceTo(table, 'deliberation', 2);
    const again = table.as('infra', propose('pooler'));
    expect(again.ok || again.code).toBe('not-repeatable');
    if (!again.ok) expect(again.message).toMatch(/has already been done/);
  });
});
