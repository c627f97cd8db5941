import type { MetricSeries } from '../../../shared/views/view';
import { formatMetric } from '../lib/format';
import { at, metricLabel } from '../lib/scenario-model';
import { ChartAxes, chartFrame, linePath } from './chart-frame';
import { extent } from './chart-scale';

/** One metric in both futures of a fork: the exercise as played (solid) and the fork (dashed), from the forked day. */
export function ForkChart({
  metric,
  original,
  fork,
  forkDay,
}: {
  metric: string;
  original: MetricSeries;
  fork: MetricSeries;
  forkDay: number;
}) {
  const width = 640;
  const height = 200;
  const label = metricLabel(metric);
  const points = (s: MetricSeries) =>
    s.days
      .map((day, i) => ({ day, value: s.metrics[metric]?.[i] ?? Number.NaN }))
      .filter((p) => Number.isFinite(p.value));
  const a = points(original);
  const b = points(fork);
  const all = [...a, ...b];
  const firstDay = Math.min(...all.map((p) => p.day), 0);
  const lastDay = Math.max(...all.map((p) => p.day), firstDay + 1);
  const [lo, hi] = extent(all.map((p) => p.value));
  const frame = chartFrame({
    metric,
    width,
    height,
    days: [firstDay, lastDay],
    values: [lo, hi],
    margin: { top: 12, right: 16, bottom: 36 },
  });
  const { margin, x } = frame;
  const end = (ps: { day: number; value: number }[]) => {
    const last = ps[ps.length - 1];
    return last ? `${formatMetric(metric, last.value)} on ${at(last.day)}` : 'no data';
  };
  const summary = `${label}: as played ${end(a)}; in the fork ${end(b)}`;
  return (
    <figure className="metric-chart fork-chart">
      <figcaption>{label}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{summary}</title>
        <ChartAxes frame={frame} />
        <line
          className="fork-day"
          x1={x(forkDay)}
          x2={x(forkDay)}
          y1={margin.top}
          y2={height - margin.bottom}
        />
        <path d={linePath(frame, a)} className="chart-line" />
        <path
          d={linePath(
            frame,
            b.filter((p) => p.day >= forkDay),
          )}
          className="chart-line fork-line"
        />
      </svg>
      <p className="chart-legend" aria-hidden="true">
        <span className="legend-line">— as played</span>
        <span className="legend-fork">- - fork</span>
        <span className="legend-fork-day">| fork from {at(forkDay)}</span>
      </p>
    </figure>
  );
}
