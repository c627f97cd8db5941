import type { Observation } from '../../../shared/session/state';

/**
 * HSEEP's capability ratings as the observe command's 1..5 scale (issue 16): P performed without
 * challenges = 5, S some challenges = 3, M major challenges = 2, U unable to be performed = 1.
 */
export const HSEEP_RATINGS = [
  { code: 'P', rating: 5, text: 'Performed without challenges' },
  { code: 'S', rating: 3, text: 'Performed with some challenges' },
  { code: 'M', rating: 2, text: 'Performed with major challenges' },
  { code: 'U', rating: 1, text: 'Unable to be performed' },
] as const;

/** The HSEEP rating nearest a mean of 1..5 ratings. */
export function hseepOf(mean: number): (typeof HSEEP_RATINGS)[number] {
  if (mean >= 4) return HSEEP_RATINGS[0];
  if (mean >= 2.5) return HSEEP_RATINGS[1];
  if (mean >= 1.5) return HSEEP_RATINGS[2];
  return HSEEP_RATINGS[3];
}

/** A rated objective's ratings so far, in words: "S: performed with some challenges (2 ratings, mean 3.0)". */
export function ratedText(objectiveId: string, observations: readonly Observation[] | undefined): string {
  if (!observations) return 'rated by evaluators';
  const own = observations.filter((o) => o.target.kind === 'objective' && o.target.id === objectiveId);
  if (own.length === 0) return 'rated by evaluators: not rated yet';
  const mean = own.reduce((a, o) => a + o.rating, 0) / own.length;
  const h = hseepOf(mean);
  return `rated by evaluators: ${h.code}, ${h.text.toLowerCase()} (${own.length} rating${own.length === 1 ? '' : 's'}, mean ${mean.toFixed(1)})`;
}
