import { describe, expect, test } from 'vitest';
import { createSessionState } from '../../../shared/session/evolve';
import { computeScore } from '../../../shared/session/scoring';
import type { Observation, SessionState } from '../../../shared/session/state';
import { tableScenario } from './fixtures/table-scenario';

function baseState(): SessionState {
  return createSessionState({
    type: 'session-created',
    sessionId: 's',
    scenario: tableScenario(),
    seed: 1,
    joinCode: 'ABC234',
    facilitatorTokenHash: 'f'.repeat(64),
    at: 0,
    actor: { kind: 'facilitator' },
  });
}

const observation = (target: Observation['target'], rating: number): Observation => ({
  id: `o-${target.id}-${rating}`,
  evaluatorId: 'cred-2',
  target,
  rating,
  note: '',
  round: 1,
  at: 0,
});

describe('scoring from the rubric', () => {
  test('objectives met give their share; unjudged objectives count as not met', () => {
    const state = baseState();
    state.objectives = [{ objectiveId: 'keep-trust', day: 4, round: 2, met: true, value: 50 }];
    const score = computeScore(state);
    expect(score.dimensions.map((d) => [d.dimensionId, d.score, d.objectivesMet, d.objectivesTotal])).toEqual(
      [
        ['leadership', 100, 1, 1],
        ['money', 0, 0, 1],
      ],
    );
    expect(score.total).toBe(60);
  });

  test('evaluator ratings on a dimension or on one of its objectives are averaged in, 1..5 as 0..100', () => {
    const state = baseState();
    state.objectives = [
      { objectiveId: 'keep-trust', day: 4, round: 2, met: false, value: 2 },
      { objectiveId: 'cash-left', day: 6, round: 3, met: true, value: 1 },
    ];
    state.observations = [
      observation({ kind: 'dimension', id: 'leadership' }, 5),
      observation({ kind: 'objective', id: 'keep-trust' }, 3),
    ];
    const score = computeScore(state);
    // leadership: objectives 0, evaluators mean 4 -> 75; the dimension is the mean of the two parts.
    expect(score.dimensions[0]).toMatchObject({ score: 37.5, evaluatorRatings: 2, evaluatorMean: 4 });
    expect(score.dimensions[1]).toMatchObject({ score: 100, evaluatorRatings: 0, evaluatorMean: null });
    expect(score.total).toBe(62.5);
  });

  test('a dimension with nothing to judge it is left out and the other weights renormalize', () => {
    const scenario = tableScenario({
      scoring: {
        rubric: [
          { id: 'leadership', title: 'Leadership', weight: 50, objectives: ['keep-trust'], evaluator: false },
          { id: 'culture', title: 'Culture', weight: 50, objectives: [], evaluator: true },
        ],
      },
    });
    const state = { ...baseState(), scenario };
    state.objectives = [{ objectiveId: 'keep-trust', day: 4, round: 2, met: true, value: 50 }];
    const score = computeScore(state);
    expect(score.dimensions.map((d) => d.score)).toEqual([100, null]);
    expect(score.total).toBe(100);
  });
});
