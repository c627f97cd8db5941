import type { DimensionScore, Score, SessionState } from './state';

/**
 * The scenario's rubric scored from what happened (after OpenAEV's expectations averaged into a
 * score, and HSEEP's evaluator ratings per capability):
 * - a dimension's objective part is the share of its objectives met; an objective whose day never
 *   came (the exercise ended first) counts as not met;
 * - its evaluator part (when the dimension takes evaluator ratings) is the mean rating of the
 *   observations on the dimension or on one of its objectives, 1..5 mapped to 0..100;
 * - the dimension's score is the mean of the parts it has; a dimension with neither is not
 *   assessed and the weights of the others are renormalized;
 * - the total is the weighted mean of the assessed dimensions (0 when none is).
 */
export function computeScore(state: SessionState): Score {
  const metById = new Map(state.objectives.map((r) => [r.objectiveId, r.met]));
  const dimensions: DimensionScore[] = state.scenario.scoring.rubric.map((dimension) => {
    const objectivesTotal = dimension.objectives.length;
    const objectivesMet = dimension.objectives.filter((id) => metById.get(id) === true).length;
    const ratings = dimension.evaluator
      ? state.observations
          .filter(
            (o) =>
              (o.target.kind === 'dimension' && o.target.id === dimension.id) ||
              (o.target.kind === 'objective' && dimension.objectives.includes(o.target.id)),
          )
          .map((o) => o.rating)
      : [];
    const evaluatorMean = ratings.length > 0 ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null;
    const parts: number[] = [];
    if (objectivesTotal > 0) parts.push((objectivesMet / objectivesTotal) * 100);
    if (evaluatorMean !== null) parts.push(((evaluatorMean - 1) / 4) * 100);
    return {
      dimensionId: dimension.id,
      title: dimension.title,
      weight: dimension.weight,
      score: parts.length > 0 ? round1(parts.reduce((a, b) => a + b, 0) / parts.length) : null,
      objectivesMet,
      objectivesTotal,
      evaluatorRatings: ratings.length,
      evaluatorMean: evaluatorMean === null ? null : round1(evaluatorMean),
    };
  });
  const assessed = dimensions.filter((d): d is DimensionScore & { score: number } => d.score !== null);
  const weight = assessed.reduce((sum, d) => sum + d.weight, 0);
  const total = weight > 0 ? assessed.reduce((sum, d) => sum + d.weight * d.score, 0) / weight : 0;
  return { total: round1(total), dimensions };
}

/** One decimal: scores are shown, not computed with further. */
function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
