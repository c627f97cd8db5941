import { compare, METRIC_NAMES, type MetricCondition, type MetricName } from './metrics';
import type { SimState } from './state';

/**
 * The value of a metric: the latest day's, or with `windowDays` the mean over the last N recorded
 * days (fewer when the exercise is younger; day 0, the starting position, counts as a day).
 */
export function metricValue(state: SimState, metric: MetricName | string, windowDays?: number): number {
  const history = state.history;
  const last = history[history.length - 1];
  if (!last) return Number.NaN;
  if (windowDays === undefined || windowDays <= 1) return last.metrics[metric] ?? Number.NaN;
  const from = Math.max(0, history.length - Math.floor(windowDays));
  let sum = 0;
  for (let i = from; i < history.length; i++) sum += history[i]?.metrics[metric] ?? 0;
  return sum / (history.length - from);
}

/** A structured condition on a metric (no eval): scenario injects, objectives and end states. */
export function evaluateCondition(state: SimState, condition: MetricCondition): boolean {
  return compare(
    metricValue(state, condition.metric, condition.windowDays),
    condition.comparison,
    condition.threshold,
  );
}

/**
 * The metrics this simulation records: the infrastructure model's unless the scenario turned it
 * off, then the scenario's own (issue 16). A SocialWave state records exactly METRIC_NAMES.
 */
export function modelMetricIds(state: Pick<SimState, 'scenarioMetrics'>): string[] {
  const own = state.scenarioMetrics;
  if (!own) return METRIC_NAMES;
  const ids = own.definitions.map((d) => d.id);
  return own.infrastructure ? [...METRIC_NAMES, ...ids] : ids;
}
