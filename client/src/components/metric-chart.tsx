import type { ChartMarker, ChartPoint, ChartTarget } from '../lib/chart-types';
import { formatMetric } from '../lib/format';
import { At, at, metricLabel } from '../lib/scenario-model';
import { ChartAxes, chartFrame, linePath } from './chart-frame';
import { extent } from './chart-scale';

/**
 * One metric over simulated days, with the target as a dashed line and injects (triangles) and
 * decisions (circles) marked on the day they happened. Hand-drawn SVG: the charts are simple
 * line plots, and a chart library would triple the size of the debrief's script.
 */
export function MetricChart({
  metric,
  points,
  markers = [],
  target,
  height = 220,
}: {
  metric: string;
  points: ChartPoint[];
  markers?: ChartMarker[];
  target?: ChartTarget | undefined;
  height?: number;
}) {
  const width = 640;
  const label = metricLabel(metric);
  const days = points.map((p) => p.day);
  const firstDay = Math.min(...days, ...markers.map((m) => m.day));
  const lastDay = Math.max(...days, ...markers.map((m) => m.day), firstDay + 1);
  const values = points.map((p) => p.value);
  const [lo, hi] = extent(target ? [...values, target.threshold] : values);
  const frame = chartFrame({
    metric,
    width,
    height,
    days: [firstDay, lastDay],
    values: [lo, hi],
    margin: { top: 16, right: 16, bottom: 40 },
  });
  const { margin, x, y } = frame;
  const line = linePath(frame, points);
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    first && last
      ? `${label} from ${formatMetric(metric, first.value)} on ${at(first.day)} to ${formatMetric(metric, last.value)} on ${at(last.day)}` +
        (target ? `; target ${target.label}` : '') +
        `; ${markers.filter((m) => m.kind === 'inject').length} injects and ${markers.filter((m) => m.kind === 'decision').length} decisions marked`
      : `${label}: no data yet`;

  return (
    <figure className="metric-chart">
      <figcaption>{label}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{summary}</title>
        <ChartAxes frame={frame} />
        {target && (
          <g className="chart-target">
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={y(target.threshold)}
              y2={y(target.threshold)}
            />
          </g>
        )}
        {markers.map((marker) => (
          <g
            key={`${marker.kind}-${marker.day}-${marker.label}`}
            className={`chart-marker chart-marker-${marker.kind}`}
          >
            <title>{`${At(marker.day)}: ${marker.kind === 'inject' ? 'inject' : 'decision'} — ${marker.label}`}</title>
            <line x1={x(marker.day)} x2={x(marker.day)} y1={margin.top} y2={height - margin.bottom} />
            {marker.kind === 'inject' ? (
              <path d={`M${x(marker.day) - 5} ${margin.top}h10l-5 8z`} />
            ) : (
              <circle cx={x(marker.day)} cy={height - margin.bottom - 5} r={4.5} />
            )}
          </g>
        ))}
        <path d={line} className="chart-line" />
        {points.length === 1 && first && (
          <circle cx={x(first.day)} cy={y(first.value)} r={3} className="chart-dot" />
        )}
      </svg>
      <p className="chart-legend" aria-hidden="true">
        <span className="legend-line">— {label}</span>
        {/* The target's words are in the legend, not on the plot, where they ran over the markers. */}
        {target && <span className="legend-target">- - target {target.label}</span>}
        <span className="legend-inject">▼ inject</span>
        <span className="legend-decision">● decision</span>
      </p>
    </figure>
  );
}
