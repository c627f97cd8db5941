import { z } from 'zod';

/**
 * Names of the simulated metrics that scenarios may test (inject conditions, objectives, end
 * states) and that views chart. The simulation core implements `metricValue(state, metric,
 * windowDays)` for every one of them (shared/sim/metric-value.ts).
 */
export const METRICS = {
  availability: { unit: 'ratio', label: 'Availability' },
  'downtime-minutes': { unit: 'minutes/day', label: 'Downtime' },
  'p95-latency-ms': { unit: 'ms', label: 'p95 latency' },
  'error-rate': { unit: 'ratio', label: 'Error rate' },
  'monthly-infra-cost-usd': { unit: 'USD/month', label: 'Infrastructure cost' },
  'monthly-burn-usd': { unit: 'USD/month', label: 'Net burn' },
  'cash-usd': { unit: 'USD', label: 'Cash' },
  'emergency-budget-usd': { unit: 'USD', label: 'Emergency budget left' },
  'runway-months': { unit: 'months', label: 'Runway' },
  'registered-users': { unit: 'users', label: 'Registered users' },
  'daily-active-users': { unit: 'users', label: 'Daily active users' },
  'peak-concurrent-users': { unit: 'users', label: 'Peak concurrency' },
  'daily-churn-rate': { unit: 'ratio/day', label: 'Daily churn' },
  'arpu-usd': { unit: 'USD/user/month', label: 'ARPU' },
  'user-trust': { unit: '0-100', label: 'User trust' },
  'investor-confidence': { unit: '0-100', label: 'Investor confidence' },
  morale: { unit: '0-100', label: 'Team morale' },
  'weekly-hours': { unit: 'hours', label: 'Weekly hours' },
  'incidents-per-shift': { unit: 'incidents', label: 'Incidents per on-call shift' },
  engineers: { unit: 'people', label: 'Engineers' },
  'security-posture': { unit: '0-100', label: 'Security posture' },
  'open-vulnerabilities': { unit: 'count', label: 'Open vulnerabilities' },
  'compliance-gdpr': { unit: '0-100', label: 'GDPR readiness' },
  'compliance-ccpa': { unit: '0-100', label: 'CCPA readiness' },
  'compliance-payments': { unit: '0-100', label: 'Payments compliance' },
  'compliance-content-moderation': { unit: '0-100', label: 'Content moderation readiness' },
  'db-utilization': { unit: 'ratio', label: 'Database utilization' },
  'app-utilization': { unit: 'ratio', label: 'App tier utilization' },
  'cdn-utilization': { unit: 'ratio', label: 'CDN utilization' },
  'cache-hit-ratio': { unit: 'ratio', label: 'Cache hit ratio' },
  'storage-tb': { unit: 'TB', label: 'Stored content' },
  /**
   * 0.7 / the primary's busy-hour utilization with the growth target's users (500M) on today's estate:
   * >= 1 means the database can carry the 12-month load at or under the USE method's ~70%.
   */
  'scale-headroom': { unit: 'ratio', label: 'Database headroom for the growth target' },
  'mttr-minutes': { unit: 'minutes', label: 'Mean time to repair' },
} as const satisfies Record<string, { unit: string; label: string }>;

export type MetricName = keyof typeof METRICS;
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
