import { type Comparison, METRICS, type MetricName } from '../../../shared/sim/metrics';
import { formatDelta, formatMetric } from '../lib/format';
import { Sparkline } from './sparkline';

export interface MetricTarget {
  comparison: Comparison;
  threshold: number;
  /** Whether the latest value meets it; computed by the caller with shared/sim's `compare`. */
  met: boolean;
  /** "by day 30" */
  due?: string | undefined;
}

const COMPARISON_TEXT: Record<Comparison, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

/** One situation metric: its value, its trend since the start, and where it stands against its target. */
export function MetricTile({
  metric,
  value,
  history,
  target,
  large = false,
}: {
  metric: MetricName;
  value: number;
  history: number[];
  target?: MetricTarget | undefined;
  large?: boolean;
}) {
  const label = METRICS[metric].label;
  const previous = history.length >= 2 ? history[history.length - 2] : undefined;
  const delta = previous === undefined ? 0 : value - previous;
  const status = target ? (target.met ? 'ok' : 'bad') : 'none';
  return (
    <section
      className={`metric-tile status-${status}${large ? ' metric-tile-large' : ''}`}
      aria-label={label}
    >
      <h3 className="metric-label">{label}</h3>
      <p className="metric-value">{formatMetric(metric, value)}</p>
      {previous !== undefined && (
        <p className="metric-trend">
          <span aria-hidden="true">{delta > 0 ? '▲' : delta < 0 ? '▼' : '■'}</span>{' '}
          {delta === 0 ? 'no change' : `${formatDelta(metric, delta)} since last round`}
        </p>
      )}
      {target && (
        <p className="metric-target">
          <span aria-hidden="true">{target.met ? '✓' : '✗'}</span> {target.met ? 'On target' : 'Off target'}:{' '}
          {COMPARISON_TEXT[target.comparison]} {formatMetric(metric, target.threshold)}
          {target.due ? ` ${target.due}` : ''}
        </p>
      )}
      <Sparkline values={history} target={target?.threshold} />
    </section>
  );
}
