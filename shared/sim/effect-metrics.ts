import type { Effect } from './effects';
import type { MetricName } from './metrics';

/**
 * Which metrics an effect bears on: the first-order reach of each effect primitive. Everything in
 * the model is coupled (a slow site loses users, lost users lower revenue), so this is the first
 * order only. The dry run uses it to find objectives nothing can steer (server/game/dry-run.ts) and
 * the console to say which objectives an exercise has exercised so far (shared/views/coverage.ts).
 * Only the effect's type matters, not its numbers, so a scenario effect with parameter references
 * maps the same as the resolved one.
 */

export const RELIABILITY_METRICS: readonly MetricName[] = [
  'availability',
  'downtime-minutes',
  'p95-latency-ms',
  'error-rate',
  'db-utilization',
  'app-utilization',
  'cdn-utilization',
  'cache-hit-ratio',
];
export const MONEY_METRICS: readonly MetricName[] = [
  'monthly-infra-cost-usd',
  'monthly-burn-usd',
  'cash-usd',
  'emergency-budget-usd',
  'runway-months',
];
const GROWTH: readonly MetricName[] = [
  'registered-users',
  'daily-active-users',
  'peak-concurrent-users',
  'daily-churn-rate',
];
const PEOPLE: readonly MetricName[] = ['morale', 'weekly-hours', 'incidents-per-shift', 'engineers'];
const TRUST: readonly MetricName[] = ['user-trust', 'investor-confidence'];
const RELIABILITY = RELIABILITY_METRICS;
const MONEY = MONEY_METRICS;

/** The metrics an effect moves directly (a scenario metric's id for a metric effect). */
export function metricsMovedBy(effect: Effect): MetricName[] {
  switch (effect.type) {
    case 'metric':
      return [effect.metric as MetricName];
    case 'capacity':
    case 'start-project':
    case 'cache-hit-ratio':
    case 'autoscaling':
    case 'outage':
      return [...RELIABILITY, 'monthly-infra-cost-usd', 'user-trust', 'daily-churn-rate', 'scale-headroom'];
    case 'traffic-spike':
      return [...RELIABILITY, ...GROWTH];
    case 'commit-spend':
    case 'move-storage':
    case 'spend':
    case 'cost-shock':
      return [...MONEY];
    case 'hire':
    case 'cancel-hires':
    case 'engineer-leaves':
      return [...PEOPLE, ...MONEY];
    case 'on-call-rotation':
    case 'weekly-hours':
    case 'morale':
      return [...PEOPLE];
    case 'raise-level':
      return ['security-posture', 'open-vulnerabilities', 'mttr-minutes', ...RELIABILITY, ...PEOPLE];
    case 'breach':
      return ['security-posture', 'open-vulnerabilities', ...TRUST, 'daily-churn-rate'];
    case 'compliance':
    case 'regulator-deadline':
      return [`compliance-${effect.regime}`, 'cash-usd', 'user-trust'];
    case 'feature-freeze':
    case 'feature-launch':
    case 'competitor-launch':
      return [...GROWTH, 'storage-tb', ...RELIABILITY];
    case 'communication':
      return [...TRUST, 'daily-churn-rate'];
    case 'arpu':
      return ['arpu-usd', ...MONEY];
    case 'funding':
      return [...MONEY];
  }
}

/**
 * The metrics an action moves: its effects', and the money metrics when it has a price. Parameter
 * references are resolved to plain numbers at proposal time; the metrics moved do not depend on them.
 */
export function metricsMovedByAction(action: {
  effects: readonly unknown[];
  cost: { capexUsd: unknown; opexUsdPerMonth: unknown };
}): Set<MetricName> {
  const moved = new Set<MetricName>();
  for (const effect of action.effects as Effect[]) for (const m of metricsMovedBy(effect)) moved.add(m);
  const { capexUsd, opexUsdPerMonth } = action.cost;
  if (capexUsd !== 0 || opexUsdPerMonth !== 0) for (const m of MONEY) moved.add(m);
  return moved;
}
