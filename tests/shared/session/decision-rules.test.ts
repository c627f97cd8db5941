import { describe, expect, test } from 'vitest';
import {
  latestByParticipant,
  majorityReached,
  requiredApprovals,
  standing,
} from '../../../shared/session/decision-rules';
import type { Proposal } from '../../../shared/session/state';
import { tableScenario } from './fixtures/table-scenario';

const scenario = tableScenario();

function proposal(overrides: Partial<Proposal>): Proposal {
  return {
    id: 'proposal-1',
    round: 1,
    actionId: 'replicas',
    params: { count: 6 },
    rationale: 'r',
    proposer: { by: 'player-1', roleId: 'infra' },
    submittedAt: 0,
    capexUsd: 6_000_000,
    opexUsdPerMonth: 600_000,
    spendUsd: 6_600_000,
    status: 'open',
    statusReason: '',
    reviews: [],
    vetoes: [],
    votes: [],
    override: null,
    resolution: null,
    ...overrides,
  };
}

const review = (by: string, roleId: string, stance: 'approve' | 'reject', at = 0) => ({
  by,
  roleId,
  stance,
  rationale: '',
  confidence: 3,
  at,
});
const vote = (by: string, v: 'yes' | 'no') => ({
  by,
  roleId: 'infra',
  vote: v,
  rationale: '',
  confidence: 3,
  at: 0,
});

describe('majorities', () => {
  test.each([
    ['simple', 2, 1, true],
    ['simple', 1, 1, false],
    ['simple', 0, 0, false],
    ['two-thirds', 2, 1, true],
    ['two-thirds', 3, 2, false],
    ['unanimous', 3, 0, true],
    ['unanimous', 3, 1, false],
  ] as const)('%s with %i yes and %i no passes: %s', (majority, yes, no, passes) => {
    expect(majorityReached(yes, no, majority)).toBe(passes);
  });
});

describe('standing of a proposal', () => {
  test('the threshold decides whether the CFO must approve', () => {
    expect(requiredApprovals(scenario, 'replicas', 5_000_000)).toEqual([]);
    expect(requiredApprovals(scenario, 'replicas', 5_000_001)).toEqual(['cfo']);
    expect(requiredApprovals(scenario, 'bridge', 0)).toEqual(['cfo']);
  });

  test("a role's latest review is its word; other roles' rejections do not block", () => {
    const changedMind = proposal({
      reviews: [review('player-2', 'cfo', 'reject', 1), review('player-2', 'cfo', 'approve', 2)],
    });
    expect(standing(scenario, changedMind)).toMatchObject({ passes: true, missingApprovals: [] });
    const investorAgainst = proposal({
      reviews: [review('player-2', 'cfo', 'approve'), review('player-3', 'investor', 'reject')],
    });
    expect(standing(scenario, investorAgainst).passes).toBe(true);
  });

  test('the proposer role counts as approving', () => {
    const byCfo = proposal({
      actionId: 'bridge',
      proposer: { by: 'player-2', roleId: 'cfo' },
      capexUsd: 0,
      spendUsd: 0,
    });
    expect(standing(scenario, byCfo)).toMatchObject({ passes: true, reason: 'approved by CFO' });
  });

  test('a vote needs the votes after the approvals; each participant counts once', () => {
    const sharding = (votes: ReturnType<typeof vote>[]) =>
      proposal({ actionId: 'sharding', capexUsd: 2_000_000, spendUsd: 2_100_000, votes });
    expect(standing(scenario, sharding([vote('a', 'yes'), vote('b', 'yes'), vote('a', 'no')]))).toMatchObject(
      {
        passes: false,
        reason: 'vote tied 1-1',
      },
    );
    expect(standing(scenario, sharding([vote('a', 'yes'), vote('b', 'yes'), vote('c', 'no')]))).toMatchObject(
      {
        passes: true,
        vote: { yes: 2, no: 1, majority: 'simple', passes: true },
      },
    );
  });

  test('final statuses keep their reason', () => {
    expect(
      standing(scenario, proposal({ status: 'vetoed', statusReason: 'vetoed by Investor: no' })),
    ).toMatchObject({
      passes: false,
      reason: 'vetoed by Investor: no',
    });
    expect(
      standing(scenario, proposal({ status: 'approved', statusReason: 'facilitator override: ok' })).passes,
    ).toBe(true);
  });

  test('latest entries keep the order of the latest entries', () => {
    expect(
      latestByParticipant([vote('a', 'yes'), vote('b', 'no'), vote('a', 'no')]).map(
        (v) => `${v.by}${v.vote}`,
      ),
    ).toEqual(['bno', 'ano']);
  });
});
