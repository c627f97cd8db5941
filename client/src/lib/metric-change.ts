import type { Verdict } from '../../../shared/sim/metrics';
import { formatDelta, formatMetric } from './format';
import { verdictOf } from './scenario-model';

export interface MetricChange {
  /** Which way the value moved as the reader sees it: 0 when the change does not show. */
  sign: -1 | 0 | 1;
  /** The signed amount in the metric's unit ("+0.12 %"), or undefined when it does not show. */
  amount: string | undefined;
  verdict: Verdict;
  /** For a table cell: "no change", "+2 / 100 (▲ better)", or the amount alone for a metric with no good direction. */
  text: string;
}

const VERDICT_TEXT = { better: '▲ better', worse: '▼ worse' } as const;

/**
 * A move from one value to another, as every table and tile words it. A change too small to show
 * at the metric's precision ("62 / 100" both times), or too small a part of the value to matter,
 * is no change to the reader: never "+0" or "−0 (▼ worse)".
 */
export function metricChange(metric: string, from: number, to: number): MetricChange {
  const delta = to - from;
  const negligible =
    !Number.isFinite(delta) ||
    formatMetric(metric, Math.abs(delta)) === formatMetric(metric, 0) ||
    // A ten-thousandth of the value (78 users of 48.9M) reads as the same figure on both sides.
    Math.abs(delta) <= Math.abs(from) * 1e-4;
  if (negligible) return { sign: 0, amount: undefined, verdict: 'same', text: 'no change' };
  const amount = formatDelta(metric, delta);
  const v = verdictOf(metric, delta);
  return {
    sign: delta > 0 ? 1 : -1,
    amount,
    verdict: v,
    text: v === 'same' ? amount : `${amount} (${VERDICT_TEXT[v]})`,
  };
}

/** The class that colours a change cell (with the verdict's word beside it, never colour alone). */
export function changeClass(change: MetricChange): string | undefined {
  return change.verdict === 'same' ? undefined : `delta-${change.verdict}`;
}
