import { describe, expect, test } from 'vitest';
import type { Action } from '../../../shared/scenario/schema';
import { roundMovements } from '../../../shared/session/round-explanation';

type Priced = Pick<Action, 'id' | 'effects' | 'cost'>;
const cdn: Priced = {
  id: 'cdn',
  effects: [{ type: 'capacity', target: 'cdn-capacity', delta: 2000 }],
  cost: { capexUsd: 0, opexUsdPerMonth: 0 },
};
const apology: Priced = {
  id: 'apology',
  effects: [{ type: 'communication', userTrust: 5, investorConfidence: 0 }],
  cost: { capexUsd: 0, opexUsdPerMonth: 0 },
};
const decision = (actionId: string, applied: boolean) => ({
  proposalId: `p-${actionId}`,
  actionId,
  roleId: 'head-of-infra',
  applied,
  reason: '',
});

describe("the round's movements tied to the decisions that caused them", () => {
  test('a movement names the applied decisions that act on the metric, and only those', () => {
    const movements = roundMovements(
      {
        before: { availability: 0.99, 'user-trust': 40, morale: 60 },
        after: { availability: 0.995, 'user-trust': 44, morale: 60 },
        decisions: [decision('cdn', true), decision('apology', true)],
      },
      [cdn, apology],
      ['availability', 'user-trust', 'morale'],
    );
    expect(movements).toEqual([
      // CDN capacity acts on availability; the apology does not.
      { metric: 'availability', before: 0.99, after: 0.995, actionIds: ['cdn'] },
      // Trust: the apology; capacity reaches trust through the service too (first-order map).
      { metric: 'user-trust', before: 40, after: 44, actionIds: ['cdn', 'apology'] },
      // Morale did not move: left out.
    ]);
  });

  test('a decision that was not applied causes nothing', () => {
    const [movement] = roundMovements(
      { before: { availability: 0.99 }, after: { availability: 0.98 }, decisions: [decision('cdn', false)] },
      [cdn],
      ['availability'],
    );
    expect(movement?.actionIds).toEqual([]);
  });
});
