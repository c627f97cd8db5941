import type { MetricName } from '../../../shared/sim/metrics';
import type { CohortComparison } from '../../../shared/views/cohort-room';

/**
 * The compared metrics some table recorded: an exercise without the infrastructure model records
 * only its own metrics, so an infrastructure metric the class's comparison names has no data there
 * and is not charted (no empty "p95 latency" chart on a hospital exercise's class screen).
 */
export function recordedMetrics(comparison: Pick<CohortComparison, 'metrics' | 'tables'>): MetricName[] {
  return comparison.metrics.filter((m) =>
    comparison.tables.some((t) => (t.series.metrics[m]?.length ?? 0) > 0),
  );
}
