import type { MetricName } from '../../../shared/sim/metrics';

/** Which way is good for a metric, for marking a change better or worse (with a word, not only colour). */
export const HIGHER_IS_BETTER: Partial<Record<MetricName, boolean>> = {
  availability: true,
  'downtime-minutes': false,
  'p95-latency-ms': false,
  'error-rate': false,
  'monthly-infra-cost-usd': false,
  'monthly-burn-usd': false,
  'cash-usd': true,
  'emergency-budget-usd': true,
  'runway-months': true,
  'registered-users': true,
  'daily-active-users': true,
  'daily-churn-rate': false,
  'arpu-usd': true,
  'user-trust': true,
  'investor-confidence': true,
  morale: true,
  'weekly-hours': false,
  'incidents-per-shift': false,
  engineers: true,
  'security-posture': true,
  'open-vulnerabilities': false,
  'compliance-gdpr': true,
  'compliance-ccpa': true,
  'compliance-payments': true,
  'compliance-content-moderation': true,
};

export type Verdict = 'better' | 'worse' | 'same';

export function verdict(metric: MetricName, delta: number, epsilon = 1e-9): Verdict {
  const higher = HIGHER_IS_BETTER[metric];
  if (higher === undefined || Math.abs(delta) <= epsilon) return 'same';
  return delta > 0 === higher ? 'better' : 'worse';
}
