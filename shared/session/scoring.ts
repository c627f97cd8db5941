import type { RubricDimension } from '../scenario/schema';
import { afterActionOf } from './after-action';
import type { DimensionScore, ObjectiveResult, Score, SecretObjectiveScore, SessionState } from './state';

/**
 * The scenario's rubric scored from what happened (after OpenAEV's expectations averaged into a
 * score, and HSEEP's evaluator ratings per capability):
 * - a dimension's objective part is the share of its objectives met; an objective whose day never
 *   came (the exercise ended first) counts as not met;
 * - its evaluator part (when the dimension takes evaluator ratings) is the mean rating of the
 *   observations on the dimension or on one of its objectives, 1..5 mapped to 0..100;
 * - the dimension's score is the mean of the parts it has; a dimension with neither is not
 *   assessed and the weights of the others are renormalized;
 * - evaluators' ratings of a submitted checkpoint deliverable on a dimension count as ratings of
 *   that dimension (the case's assessment judges exactly such work);
 * - the total is the weighted mean of the assessed dimensions (0 when none is);
 * - each role's secret objectives, once the facilitator judges them at the debrief, are scored
 *   apart (met of judged), beside the table's total rather than in it.
 */
export function computeScore(state: SessionState): Score {
  const metById = new Map(state.objectives.map((r) => [r.objectiveId, r.met]));
  const rated = new Set(state.scenario.objectives.filter((o) => o.rated).map((o) => o.id));
  const dimensions = state.scenario.scoring.rubric.map((dimension) => {
    // A rated objective (a capability, issue 16) scores by its evaluators' mean rating, 1..5 mapped
    // to 0..1, next to the tested objectives; its ratings then do not count again in the evaluator part.
    const ratedParts = dimension.objectives
      .filter((id) => rated.has(id))
      .flatMap((id) => {
        const own = state.observations.filter((o) => o.target.kind === 'objective' && o.target.id === id);
        return own.length > 0 ? [(own.reduce((a, o) => a + o.rating, 0) / own.length - 1) / 4] : [];
      });
    const tested = dimension.objectives.filter((id) => !rated.has(id));
    const ratings = dimension.evaluator
      ? state.observations
          .filter(
            (o) =>
              (o.target.kind === 'dimension' && o.target.id === dimension.id) ||
              (o.target.kind === 'objective' &&
                dimension.objectives.includes(o.target.id) &&
                !rated.has(o.target.id)),
          )
          .map((o) => o.rating)
      : [];
    const onDeliverables = dimension.evaluator
      ? afterActionOf(state)
          .deliverableRatings.filter((r) => r.dimensionId === dimension.id)
          .map((r) => r.rating)
      : [];
    ratings.push(...onDeliverables);
    const evaluatorMean = ratings.length > 0 ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null;
    const scored = dimensionScore(
      dimension,
      tested.filter((id) => metById.get(id) === true).length + ratedParts.reduce((a, b) => a + b, 0),
      tested.length + ratedParts.length,
      { count: ratings.length, mean: evaluatorMean },
    );
    const withRated = ratedParts.length > 0 ? { ...scored, ratedObjectives: ratedParts.length } : scored;
    return onDeliverables.length > 0
      ? { ...withRated, deliverableRatings: onDeliverables.length }
      : withRated;
  });
  const secret = secretObjectiveScores(state);
  const score = total(dimensions);
  return secret ? { ...score, secretObjectives: secret } : score;
}

/** Each role's judged secret objectives, or undefined while none is judged (the score stays as it was). */
function secretObjectiveScores(state: SessionState): SecretObjectiveScore[] | undefined {
  const judgements = afterActionOf(state).secretObjectives;
  if (judgements.length === 0) return undefined;
  return state.scenario.roles
    .filter((role) => role.secretObjectives.length > 0)
    .map((role) => {
      const own = judgements.filter((j) => j.roleId === role.id && j.index < role.secretObjectives.length);
      return {
        roleId: role.id,
        met: own.filter((j) => j.met).length,
        judged: own.length,
        total: role.secretObjectives.length,
      };
    });
}

/**
 * The score as it stands, for a live screen or an exercise that ended early: only objectives
 * already due (judged at a checkpoint that has come) count, so an objective whose day has not come
 * is neither met nor missed yet. The evaluator part is the one the server scored (`score`, once
 * the exercise ends), since ratings are not in every view. Null while nothing can be assessed:
 * no objective due and no rating.
 */
export function scoreSoFar(
  view: { objectives: readonly ObjectiveResult[]; score: Score | null },
  scenario: { scoring: { rubric: readonly RubricDimension[] } },
): Score | null {
  const judged = new Map(view.objectives.map((r) => [r.objectiveId, r.met]));
  const dimensions = scenario.scoring.rubric.map((dimension) => {
    const due = dimension.objectives.filter((id) => judged.has(id));
    const scored = view.score?.dimensions.find((d) => d.dimensionId === dimension.id);
    return dimensionScore(dimension, due.filter((id) => judged.get(id) === true).length, due.length, {
      count: scored?.evaluatorRatings ?? 0,
      mean: scored?.evaluatorMean ?? null,
    });
  });
  return dimensions.some((d) => d.score !== null) ? total(dimensions) : null;
}

function dimensionScore(
  dimension: RubricDimension,
  objectivesMet: number,
  objectivesTotal: number,
  evaluator: { count: number; mean: number | null },
): DimensionScore {
  const parts: number[] = [];
  if (objectivesTotal > 0) parts.push((objectivesMet / objectivesTotal) * 100);
  if (evaluator.mean !== null) parts.push(((evaluator.mean - 1) / 4) * 100);
  return {
    dimensionId: dimension.id,
    title: dimension.title,
    weight: dimension.weight,
    score: parts.length > 0 ? round1(parts.reduce((a, b) => a + b, 0) / parts.length) : null,
    objectivesMet: round1(objectivesMet),
    objectivesTotal,
    evaluatorRatings: evaluator.count,
    evaluatorMean: evaluator.mean === null ? null : round1(evaluator.mean),
  };
}

/** The weighted mean of the assessed dimensions, their weights renormalized (0 when none is). */
function total(dimensions: DimensionScore[]): Score {
  const assessed = dimensions.filter((d): d is DimensionScore & { score: number } => d.score !== null);
  const weight = assessed.reduce((sum, d) => sum + d.weight, 0);
  const sum = weight > 0 ? assessed.reduce((acc, d) => acc + d.weight * d.score, 0) / weight : 0;
  return { total: round1(sum), dimensions };
}

/** One decimal: scores are shown, not computed with further. */
function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
