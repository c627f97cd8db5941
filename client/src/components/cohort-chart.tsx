import { METRICS, type MetricName } from '../../../shared/sim/metrics';
import { formatMetric } from '../lib/format';
import { extent, linearScale, niceTicks } from './chart-scale';

/**
 * One metric over simulated days with one line per table, overlaid (the cohort debrief and the
 * room projector's comparison). Drawn like MetricChart; each table has its own colour and dash
 * pattern and its number at the end of its line, so no line is told apart by colour alone.
 */
export interface CohortSeries {
  number: number;
  days: number[];
  values: number[];
}

/** Ten colours that keep 3:1 contrast on white, one per table (then they repeat with other dashes). */
const COLOURS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#6b21a8',
  '#374151',
];
const DASHES = ['', '8 4', '2 4', '12 4 2 4', '4 4'];

export function tableColour(number: number): string {
  return COLOURS[(number - 1) % COLOURS.length] ?? '#111827';
}
function tableDash(number: number): string {
  return DASHES[(number - 1) % DASHES.length] ?? '';
}

export function CohortChart({
  metric,
  series,
  width = 640,
  height = 240,
  legend = true,
}: {
  metric: MetricName;
  series: CohortSeries[];
  /** The drawing's own units; the projector draws narrower, taller charts so its labels stay large. */
  width?: number;
  height?: number;
  legend?: boolean;
}) {
  const label = METRICS[metric].label;
  const days = series.flatMap((s) => s.days);
  const values = series.flatMap((s) => s.values);
  const firstDay = Math.min(0, ...days);
  const lastDay = Math.max(firstDay + 1, ...days);
  const [lo, hi] = extent(values.length > 0 ? values : [0, 1]);
  const yTicks = niceTicks(lo, hi, 4);
  const longest = Math.max(0, ...yTicks.map((t) => formatMetric(metric, t).length));
  const margin = { top: 12, right: 40, bottom: 34, left: Math.max(56, 14 + longest * 7.6) };
  const x = linearScale([firstDay, lastDay], [margin.left, width - margin.right]);
  const y = linearScale([lo, hi], [height - margin.bottom, margin.top]);
  const summary = `${label} by table: ${series
    .map((s) => {
      const last = s.values.at(-1);
      return `table ${s.number} ${last === undefined ? 'no data' : `ends at ${formatMetric(metric, last)}`}`;
    })
    .join('; ')}`;
  return (
    <figure className="metric-chart cohort-chart">
      <figcaption>{label}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{summary}</title>
        {yTicks.map((tick) => (
          <g key={`y${tick}`} className="chart-grid">
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
            <text x={margin.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
              {formatMetric(metric, tick)}
            </text>
          </g>
        ))}
        {niceTicks(firstDay, lastDay, 6)
          .filter(Number.isInteger)
          .map((tick) => (
            <text
              key={`x${tick}`}
              className="chart-axis"
              x={x(tick)}
              y={height - margin.bottom + 16}
              textAnchor="middle"
            >
              {tick}
            </text>
          ))}
        <text
          className="chart-axis"
          x={(margin.left + width - margin.right) / 2}
          y={height - 4}
          textAnchor="middle"
        >
          simulated day
        </text>
        {series.map((s) => {
          const d = s.days
            .map((day, i) => `${i === 0 ? 'M' : 'L'}${x(day).toFixed(1)} ${y(s.values[i] ?? 0).toFixed(1)}`)
            .join('');
          const lastDayOf = s.days.at(-1);
          const lastValue = s.values.at(-1);
          return (
            <g key={s.number} className="cohort-line">
              <path
                d={d}
                fill="none"
                stroke={tableColour(s.number)}
                strokeWidth={2.5}
                strokeDasharray={tableDash(s.number) || undefined}
              />
              {lastDayOf !== undefined && lastValue !== undefined && (
                <text
                  x={x(lastDayOf) + 4}
                  y={y(lastValue)}
                  dominantBaseline="middle"
                  fill={tableColour(s.number)}
                  className="cohort-line-label"
                >
                  {s.number}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {legend && (
        <p className="chart-legend cohort-legend" aria-hidden="true">
          {series.map((s) => (
            <span key={s.number} style={{ color: tableColour(s.number) }}>
              {tableDash(s.number) ? '- -' : '—'} Table {s.number}
            </span>
          ))}
        </p>
      )}
    </figure>
  );
}
