import { describe, expect, test } from 'vitest';
import { scoreSoFar } from '../../../shared/session/scoring';
import type { Score } from '../../../shared/session/state';
import { tableScenario } from './fixtures/table-scenario';

const scenario = tableScenario();

describe('the score so far counts only objectives already due', () => {
  test('an objective whose day has not come is neither met nor missed', () => {
    // keep-trust (leadership, weight 60) was judged and met; cash-left (money) is not due yet.
    const score = scoreSoFar(
      { objectives: [{ objectiveId: 'keep-trust', day: 4, round: 2, met: true, value: 50 }], score: null },
      scenario,
    );
    expect(
      score?.dimensions.map((d) => [d.dimensionId, d.score, d.objectivesMet, d.objectivesTotal]),
    ).toEqual([
      ['leadership', 100, 1, 1],
      ['money', null, 0, 0],
    ]);
    // The whole score is leadership's: money is not assessed yet, so it does not pull the total to 60.
    expect(score?.total).toBe(100);
  });

  test('a missed objective that is due counts against the score', () => {
    const score = scoreSoFar(
      {
        objectives: [
          { objectiveId: 'keep-trust', day: 4, round: 2, met: true, value: 50 },
          { objectiveId: 'cash-left', day: 6, round: 3, met: false, value: 0 },
        ],
        score: null,
      },
      scenario,
    );
    expect(score?.total).toBe(60);
  });

  test('nothing due and no rating: no score yet', () => {
    expect(scoreSoFar({ objectives: [], score: null }, scenario)).toBeNull();
  });

  test("the evaluator part is the server's, as the final score carries it", () => {
    const final: Score = {
      total: 0,
      dimensions: [
        {
          dimensionId: 'leadership',
          title: 'Leadership',
          weight: 60,
          score: 50,
          objectivesMet: 0,
          objectivesTotal: 1,
          evaluatorRatings: 2,
          evaluatorMean: 5,
        },
      ],
    };
    const score = scoreSoFar({ objectives: [], score: final }, scenario);
    // Leadership: no objective due, evaluators mean 5 -> 100; money not assessed.
    expect(score?.dimensions[0]).toMatchObject({ score: 100, evaluatorRatings: 2, evaluatorMean: 5 });
    expect(score?.total).toBe(100);
  });
});
