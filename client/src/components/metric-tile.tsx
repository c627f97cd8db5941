import type { Comparison } from '../../../shared/sim/metrics';
import { formatMetric } from '../lib/format';
import { type MetricChange, metricChange } from '../lib/metric-change';
import type { MetricTarget } from '../lib/metric-target';
import { metricLabel } from '../lib/scenario-model';
import { Sparkline } from './sparkline';

const TREND_ICON: Record<MetricChange['sign'], string> = { [-1]: '▼', 0: '■', 1: '▲' };
const COMPARISON_TEXT: Record<Comparison, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

/** One situation metric: its value, its trend since the start, and where it stands against its target. */
export function MetricTile({
  metric,
  value,
  history,
  target,
  large = false,
}: {
  metric: string;
  value: number;
  history: number[];
  target?: MetricTarget | undefined;
  large?: boolean;
}) {
  const label = metricLabel(metric);
  const previous = history.length >= 2 ? history[history.length - 2] : undefined;
  const change = previous === undefined ? undefined : metricChange(metric, previous, value);
  const status = target ? (target.met ? 'ok' : 'bad') : 'none';
  return (
    <section
      className={`metric-tile status-${status}${large ? ' metric-tile-large' : ''}`}
      aria-label={label}
    >
      <h3 className="metric-label">{label}</h3>
      <p className="metric-value">{formatMetric(metric, value)}</p>
      {change && (
        <p className="metric-trend">
          <span aria-hidden="true">{TREND_ICON[change.sign]}</span>{' '}
          {change.amount === undefined ? 'no change' : `${change.amount} since last round`}
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
