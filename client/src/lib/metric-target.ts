import type { Comparison } from '../../../shared/sim/metrics';

/** A metric tile's target line. */
export interface MetricTarget {
  comparison: Comparison;
  threshold: number;
  /** Whether the latest value meets it; computed by the caller with shared/sim's `compare`. */
  met: boolean;
  /** "by day 30" */
  due?: string | undefined;
}
