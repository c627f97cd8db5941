import { z } from 'zod';

/**
 * Which way is good for a metric, for marking a change better or worse (with a word, not only
 * colour): `neither` for quantities that are not good or bad in themselves (utilization, storage).
 */
export type MetricDirection = 'higher' | 'lower' | 'neither';

/**
 * Names of the simulated metrics that scenarios may test (inject conditions, objectives, end
 * states) and that views chart. The simulation core implements `metricValue(state, metric,
 * windowDays)` for every one of them (shared/sim/metric-value.ts).
 */
export const METRICS = {
  availability: { unit: 'ratio', label: 'Availability', better: 'higher' },
  'downtime-minutes': { unit: 'minutes/day', label: 'Downtime', better: 'lower' },
  'p95-latency-ms': { unit: 'ms', label: 'p95 latency', better: 'lower' },
  'error-rate': { unit: 'ratio', label: 'Error rate', better: 'lower' },
  'monthly-infra-cost-usd': { unit: 'USD/month', label: 'Infrastructure cost', better: 'lower' },
  'monthly-burn-usd': { unit: 'USD/month', label: 'Net burn', better: 'lower' },
  'cash-usd': { unit: 'USD', label: 'Cash', better: 'higher' },
  'emergency-budget-usd': { unit: 'USD', label: 'Emergency budget left', better: 'higher' },
  'runway-months': { unit: 'months', label: 'Runway', better: 'higher' },
  'registered-users': { unit: 'users', label: 'Registered users', better: 'higher' },
  'daily-active-users': { unit: 'users', label: 'Daily active users', better: 'higher' },
  'peak-concurrent-users': { unit: 'users', label: 'Peak concurrency', better: 'neither' },
  'daily-churn-rate': { unit: 'ratio/day', label: 'Daily churn', better: 'lower' },
  'arpu-usd': { unit: 'USD/user/month', label: 'ARPU', better: 'higher' },
  'user-trust': { unit: '0-100', label: 'User trust', better: 'higher' },
  'investor-confidence': { unit: '0-100', label: 'Investor confidence', better: 'higher' },
  morale: { unit: '0-100', label: 'Team morale', better: 'higher' },
  'weekly-hours': { unit: 'hours', label: 'Weekly hours', better: 'lower' },
  'incidents-per-shift': { unit: 'incidents', label: 'Incidents per on-call shift', better: 'lower' },
  engineers: { unit: 'people', label: 'Engineers', better: 'higher' },
  'security-posture': { unit: '0-100', label: 'Security posture', better: 'higher' },
  'open-vulnerabilities': { unit: 'count', label: 'Open vulnerabilities', better: 'lower' },
  'compliance-gdpr': { unit: '0-100', label: 'GDPR readiness', better: 'higher' },
  'compliance-ccpa': { unit: '0-100', label: 'CCPA readiness', better: 'higher' },
  'compliance-payments': { unit: '0-100', label: 'Payments compliance', better: 'higher' },
  'compliance-content-moderation': { unit: '0-100', label: 'Content moderation readiness', better: 'higher' },
  'db-utilization': { unit: 'ratio', label: 'Database utilization', better: 'neither' },
  'app-utilization': { unit: 'ratio', label: 'App tier utilization', better: 'neither' },
  'cdn-utilization': { unit: 'ratio', label: 'CDN utilization', better: 'neither' },
  'cache-hit-ratio': { unit: 'ratio', label: 'Cache hit ratio', better: 'neither' },
  'storage-tb': { unit: 'TB', label: 'Stored content', better: 'neither' },
  /**
   * 0.7 / the primary's busy-hour utilization with the growth target's users (500M) on today's estate:
   * >= 1 means the database can carry the 12-month load at or under the USE method's ~70%.
   */
  'scale-headroom': { unit: 'ratio', label: 'Database headroom for the growth target', better: 'higher' },
  'mttr-minutes': { unit: 'minutes', label: 'Mean time to repair', better: 'lower' },
} as const satisfies Record<string, { unit: string; label: string; better: MetricDirection }>;

export type MetricName = keyof typeof METRICS;

export type Verdict = 'better' | 'worse' | 'same';

/** Whether a change of `delta` in the metric is for the better, the worse, or neither. */
export function metricVerdict(metric: MetricName, delta: number, epsilon = 1e-9): Verdict {
  return directionVerdict(METRICS[metric].better, delta, epsilon);
}

/** The same for any metric whose good direction is known (a scenario's own metric, issue 16). */
export function directionVerdict(better: MetricDirection, delta: number, epsilon = 1e-9): Verdict {
  if (better === 'neither' || Math.abs(delta) <= epsilon) return 'same';
  return delta > 0 === (better === 'higher') ? 'better' : 'worse';
}
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];
export const metricNameSchema = z.enum(METRIC_NAMES as [MetricName, ...MetricName[]]);

export const COMPARISONS = ['<', '<=', '>', '>='] as const;
export const comparisonSchema = z.enum(COMPARISONS);
export type Comparison = z.infer<typeof comparisonSchema>;

/**
 * A structured test on one metric: no code, no eval. With `windowDays` the metric is averaged
 * over the last N simulated days (e.g. availability over 30 days); without it, the latest day.
 */
export const metricConditionSchema = z
  .object({
    metric: metricNameSchema,
    comparison: comparisonSchema,
    threshold: z.number().finite(),
    windowDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type MetricCondition = z.infer<typeof metricConditionSchema>;

export function compare(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}
