import { interpolate } from './incidents';
import { ABANDONMENT_UPLIFT, CHURN, GROWTH, INVESTOR, MINUTES_PER_DAY, TRUST } from './model-constants';
import type { ChurnDriver, SimState } from './state';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const clampLevel = (x: number) => Math.min(100, Math.max(0, x));

const ERROR_BUDGET_MINUTES_PER_DAY = 1.44;
const RELIABILITY_SCALE = Math.log10(1 + 60 / ERROR_BUDGET_MINUTES_PER_DAY);

/** Bounce-probability uplift vs a 1 s load (Think with Google): flat below 1 s, +123% at 10 s and beyond. */
export function abandonmentUplift(p95Ms: number): number {
  return interpolate(ABANDONMENT_UPLIFT, p95Ms / 1000);
}

/** The day's churn by driver, as daily rates. */
export function churnByDriver(
  state: SimState,
  p95Ms: number,
  downtimeMinutes: number,
): Record<ChurnDriver, number> {
  return {
    natural: state.model.naturalChurnPerDay,
    latency: CHURN.perUplift * abandonmentUplift(p95Ms),
    downtime: CHURN.perDowntimeShare * (downtimeMinutes / MINUTES_PER_DAY),
    trust: CHURN.atZeroTrust * clamp01((50 - state.risk.userTrust) / 50),
    // Heavier ads and paywalls push users out, more so on a slow platform (issue 12: quadrupling ARPU
    // added no churn). Per 100% of ARPU above the start, scaled up by the latency bounce uplift.
    monetization:
      CHURN.perArpuUplift *
      Math.max(0, state.money.arpuUsd / Math.max(state.model.startArpuUsd, 1e-9) - 1) *
      (1 + abandonmentUplift(p95Ms)),
  };
}

/** Daily growth of registrations: decaying virality, scaled by trust, moved by launches, freezes and competitors. */
export function growthRate(state: SimState, day: number): number {
  const m = state.model;
  const decay = m.growthHalfLifeDays > 0 ? Math.exp((-day * Math.LN2) / m.growthHalfLifeDays) : 1;
  let rate = m.viralGrowthPerDay * decay * (0.5 + state.risk.userTrust / 100);
  let frozen = false;
  for (const g of state.pending.growth) {
    if (g.untilDay < day) continue;
    if (g.kind === 'freeze') frozen = true;
    rate += g.growthDelta;
  }
  if (frozen) rate *= 1 - GROWTH.freezeCut;
  return Math.min(rate, 1);
}

/**
 * Reliability as people feel it, 0..1, on a log scale of downtime against the 99.9% error budget
 * (1.44 min/day = 43.2 min / 30 days: Google SRE book): 1 with no downtime, ~0.8 on budget, 0 at an
 * hour a day or worse (the scale's end points are tunable).
 */
export function reliabilityScore(downtimeMinutesPerDay: number): number {
  return clamp01(
    1 - Math.log10(1 + downtimeMinutesPerDay / ERROR_BUDGET_MINUTES_PER_DAY) / RELIABILITY_SCALE,
  );
}

/** User trust drifts toward what the service earns (uptime and speed); lost fast, regained slowly. */
export function updateTrust(state: SimState, p95Ms: number, downtimeMinutes: number): void {
  const target =
    TRUST.ceiling -
    35 * (1 - reliabilityScore(downtimeMinutes)) -
    25 * clamp01(abandonmentUplift(p95Ms) / 1.23);
  const gap = target - state.risk.userTrust;
  const rate = gap < 0 ? TRUST.fallPerDay : TRUST.risePerDay;
  state.risk.userTrust = clampLevel(state.risk.userTrust + rate * gap);
}

/**
 * Investor confidence drifts toward the fundamentals the case's Series C depends on: infrastructure cost
 * against the $30M target, reliability, runway, user trust and ARPU progress (weights tunable).
 */
export function updateInvestorConfidence(
  state: SimState,
  infraCostUsdPerMonth: number,
  downtimeMinutesPerDay: number,
  runwayMonths: number,
): void {
  const m = state.model;
  const costSpan = m.startInfraCostUsdPerMonth - m.targetInfraCostUsdPerMonth;
  const costProgress =
    costSpan > 0 ? clamp01((m.startInfraCostUsdPerMonth - infraCostUsdPerMonth) / costSpan) : 1;
  const reliability = reliabilityScore(downtimeMinutesPerDay);
  const arpuSpan = m.targetArpuUsd - m.startArpuUsd;
  const arpuProgress = arpuSpan > 0 ? clamp01((state.money.arpuUsd - m.startArpuUsd) / arpuSpan) : 1;
  const target =
    15 +
    30 * costProgress +
    20 * reliability +
    15 * clamp01(runwayMonths / 12) +
    10 * (state.risk.userTrust / 100) +
    10 * arpuProgress;
  state.risk.investorConfidence = clampLevel(
    state.risk.investorConfidence + INVESTOR.adjustPerDay * (target - state.risk.investorConfidence),
  );
}
