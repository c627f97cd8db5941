import { ON_CALL, PEOPLE } from './model-constants';
import { nextPoisson, nextUniform } from './rng';
import type { SimState } from './state';

const clampLevel = (x: number) => Math.min(100, Math.max(0, x));

/** Productive hours in a week: output stops rising past ~50 h and falls after (tunable shape). */
function productiveHours(weeklyHours: number): number {
  return (
    Math.min(weeklyHours, PEOPLE.saneWeeklyHours) - 0.5 * Math.max(0, weeklyHours - PEOPLE.saneWeeklyHours)
  );
}

/** Engineering output in mid-level-engineer equivalents at 40 h, after firefighting. */
export function effectiveEngineers(state: SimState, incidentsYesterday: number): number {
  const p = state.people;
  const e = p.engineers;
  const headcount =
    e.junior * PEOPLE.output.junior + e.mid * PEOPLE.output.mid + e.senior * PEOPLE.output.senior;
  const hours = Math.max(0, productiveHours(p.weeklyHours)) / 40;
  const morale = 0.5 + p.morale / 100;
  // ~6 hours of work per incident (Google SRE book, "Being On-Call"), in engineer-days of this week's hours.
  const dayHours = Math.max(p.weeklyHours / 5, 1);
  const firefighting = (incidentsYesterday * 6) / dayHours;
  return Math.max(0, headcount * hours * morale - firefighting);
}

/** Days of progress each in-flight project makes today: parallel projects share the team. */
export function projectPace(state: SimState, incidentsYesterday: number): number {
  const active = state.pending.projects.length;
  if (active === 0) return 0;
  const pace = effectiveEngineers(state, incidentsYesterday) / (PEOPLE.engineersPerProject * active);
  return Math.min(PEOPLE.maxPace, Math.max(PEOPLE.minPace, pace));
}

/** Share of an engineer's time on call: 1 with no rotation (everyone is paged). */
export function onCallShare(state: SimState): number {
  const r = state.people.onCallRotation;
  return r >= 1 ? 1 / r : 1;
}

/**
 * Morale moves toward a sane baseline and is pushed down by long weeks (worse the longer they last),
 * more than two incidents per 12-hour shift and more than a quarter of time on call (Google SRE book,
 * "Being On-Call"); a fair rotation helps (DORA 2023: fair work distribution lowers burnout).
 */
export function updateMorale(state: SimState, incidentsPerShift: number): void {
  const p = state.people;
  const overHours = Math.max(0, p.weeklyHours - PEOPLE.saneWeeklyHours);
  p.overworkWeeks = overHours > 0 ? p.overworkWeeks + 1 / 7 : Math.max(0, p.overworkWeeks - 2 / 7);
  let delta = (PEOPLE.moraleBaseline - p.morale) * PEOPLE.moraleRecoveryPerDay;
  delta -= overHours * PEOPLE.hoursPenaltyPerHour * (1 + p.overworkWeeks / 17);
  delta -= Math.max(0, incidentsPerShift - ON_CALL.maxIncidentsPerShift) * PEOPLE.incidentPenalty;
  delta -= Math.max(0, onCallShare(state) - ON_CALL.maxOnCallShare) * PEOPLE.onCallPenalty;
  if (p.onCallRotation >= ON_CALL.fullRotation) delta += PEOPLE.fairRotationBonus;
  p.morale = clampLevel(p.morale + delta);
}

/** Draws today's departures; low morale multiplies the base attrition rate. Returns how many left. */
export function drawAttrition(state: SimState): number {
  const p = state.people;
  const e = p.engineers;
  const total = e.junior + e.mid + e.senior;
  if (total === 0) return 0;
  const gap = Math.max(0, PEOPLE.moraleBaseline - p.morale) / PEOPLE.moraleBaseline;
  const perDay = (PEOPLE.annualAttrition / 365) * (1 + PEOPLE.attritionMoraleFactor * gap * gap);
  const leaving = Math.min(total, nextPoisson(state, total * perDay));
  // Each departure is a junior, mid or senior in proportion to headcount.
  for (let i = 0; i < leaving; i++) {
    const pick = nextUniform(state) * (e.junior + e.mid + e.senior);
    if (pick < e.junior) e.junior -= 1;
    else if (pick < e.junior + e.mid) e.mid -= 1;
    else e.senior -= 1;
  }
  p.onCallRotation = Math.min(p.onCallRotation, total - leaving);
  return leaving;
}
