import fc from 'fast-check';
import {
  CAPACITY_TARGETS,
  COST_CATEGORIES,
  type Effect,
  LEVELS,
  OUTAGE_TARGETS,
  PROJECTS,
  REGIMES,
  SENIORITIES,
  STORAGE_TIERS,
} from '../../../shared/sim';

/** Effects with numbers in the ranges a scenario author could plausibly write (and some beyond). */
const n = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const days = fc.integer({ min: 0, max: 60 });

export const effectArbitrary: fc.Arbitrary<Effect> = fc.oneof(
  fc.record({
    type: fc.constant('capacity'),
    target: fc.constantFrom(...CAPACITY_TARGETS),
    delta: n(-2_000, 2_000),
  }),
  fc.record({
    type: fc.constant('start-project'),
    project: fc.constantFrom(...PROJECTS),
    days: n(0, 90),
    incidentRiskPerDay: n(0, 1),
  }),
  fc.record({ type: fc.constant('cache-hit-ratio'), delta: n(-1, 1) }),
  fc
    .record({
      type: fc.constant('autoscaling'),
      enabled: fc.boolean(),
      minServers: n(0, 500),
      maxServers: n(0, 3_000),
    })
    .map((e): Effect => e),
  fc.record({ type: fc.constant('autoscaling'), enabled: fc.boolean() }),
  fc.record({
    type: fc.constant('commit-spend'),
    category: fc.constantFrom(...COST_CATEGORIES),
    discount: n(0, 1),
    months: n(0, 36),
  }),
  fc.record({
    type: fc.constant('move-storage'),
    from: fc.constantFrom(...STORAGE_TIERS),
    to: fc.constantFrom(...STORAGE_TIERS),
    fraction: n(0, 1),
  }),
  fc.record({
    type: fc.constant('hire'),
    seniority: fc.constantFrom(...SENIORITIES),
    count: n(0, 20),
    leadDays: days,
  }),
  fc.record({ type: fc.constant('on-call-rotation'), engineers: n(0, 40) }),
  fc.record({ type: fc.constant('weekly-hours'), hours: n(0, 120) }),
  fc.record({ type: fc.constant('raise-level'), level: fc.constantFrom(...LEVELS), delta: n(-50, 50) }),
  fc.record({ type: fc.constant('compliance'), regime: fc.constantFrom(...REGIMES), delta: n(-50, 50) }),
  fc.record({ type: fc.constant('feature-freeze'), days }),
  fc.record({
    type: fc.constant('feature-launch'),
    growthBoost: n(-0.05, 0.05),
    days,
    incidentRiskPerDay: n(0, 1),
  }),
  fc.record({ type: fc.constant('communication'), userTrust: n(-30, 30), investorConfidence: n(-30, 30) }),
  fc.record({ type: fc.constant('arpu'), deltaUsd: n(-1, 1) }),
  fc.record({ type: fc.constant('funding'), amountUsd: n(0, 500_000_000) }),
  fc.record({
    type: fc.constant('spend'),
    category: fc.constantFrom(...COST_CATEGORIES),
    capexUsd: n(0, 200_000_000),
    opexUsdPerMonth: n(-5_000_000, 5_000_000),
  }),
  fc.record({ type: fc.constant('traffic-spike'), multiplier: n(0, 20), days }),
  fc.record({ type: fc.constant('outage'), target: fc.constantFrom(...OUTAGE_TARGETS), hours: n(0, 72) }),
  fc.record({
    type: fc.constant('cost-shock'),
    category: fc.constantFrom(...COST_CATEGORIES),
    amountUsd: n(0, 50_000_000),
    months: n(0, 12),
  }),
  fc.record({ type: fc.constant('morale'), delta: n(-50, 50) }),
  fc.record({ type: fc.constant('breach'), severity: n(0, 1) }),
  fc.record({
    type: fc.constant('regulator-deadline'),
    regime: fc.constantFrom(...REGIMES),
    days,
    requiredReadiness: n(0, 100),
    fineUsd: n(0, 100_000_000),
  }),
  fc.record({ type: fc.constant('competitor-launch'), growthCut: n(0, 0.05), days }),
  fc.record({
    type: fc.constant('engineer-leaves'),
    seniority: fc.constantFrom(...SENIORITIES),
    count: n(0, 30),
  }),
);

/** Absurd but finite numbers, which the scenario schema allows: the model must stay finite. */
const huge = n(-1e300, 1e300);
export const extremeEffectArbitrary: fc.Arbitrary<Effect> = fc.oneof(
  fc.record({ type: fc.constant('capacity'), target: fc.constantFrom(...CAPACITY_TARGETS), delta: huge }),
  fc.record({ type: fc.constant('traffic-spike'), multiplier: huge, days: huge }),
  fc.record({ type: fc.constant('feature-launch'), growthBoost: huge, days: huge, incidentRiskPerDay: huge }),
  fc.record({ type: fc.constant('funding'), amountUsd: huge }),
  fc.record({
    type: fc.constant('spend'),
    category: fc.constantFrom(...COST_CATEGORIES),
    capexUsd: huge,
    opexUsdPerMonth: huge,
  }),
  fc.record({
    type: fc.constant('cost-shock'),
    category: fc.constantFrom(...COST_CATEGORIES),
    amountUsd: huge,
    months: huge,
  }),
  fc.record({ type: fc.constant('outage'), target: fc.constantFrom(...OUTAGE_TARGETS), hours: huge }),
  fc.record({
    type: fc.constant('hire'),
    seniority: fc.constantFrom(...SENIORITIES),
    count: huge,
    leadDays: huge,
  }),
  fc.record({ type: fc.constant('arpu'), deltaUsd: huge }),
  fc.record({
    type: fc.constant('commit-spend'),
    category: fc.constantFrom(...COST_CATEGORIES),
    discount: huge,
    months: huge,
  }),
);

/** A schedule: for each of `length` days, the effects applied at its start (mostly none). */
export function scheduleArbitrary(length: number): fc.Arbitrary<Effect[][]> {
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<Effect[]>([]) },
      { weight: 1, arbitrary: fc.array(effectArbitrary, { maxLength: 4 }) },
      {
        weight: 1,
        arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: effectArbitrary }, extremeEffectArbitrary), {
          maxLength: 3,
        }),
      },
    ),
    {
      minLength: length,
      maxLength: length,
    },
  );
}
