import { formatMetric } from '../lib/format';
import { metricLabel } from '../lib/scenario-model';
import { ChartAxes, chartFrame, linePath } from './chart-frame';
import { extent } from './chart-scale';

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
  metric: string;
  series: CohortSeries[];
  /** The drawing's own units; the projector draws narrower, taller charts so its labels stay large. */
  width?: number;
  height?: number;
  legend?: boolean;
}) {
  const label = metricLabel(metric);
  const days = series.flatMap((s) => s.days);
  const values = series.flatMap((s) => s.values);
  const firstDay = Math.min(0, ...days);
  const lastDay = Math.max(firstDay + 1, ...days);
  const [lo, hi] = extent(values.length > 0 ? values : [0, 1]);
  const frame = chartFrame({
    metric,
    width,
    height,
    days: [firstDay, lastDay],
    values: [lo, hi],
    margin: { top: 12, right: 40, bottom: 34 },
  });
  const { x, y } = frame;
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
        <ChartAxes frame={frame} />
        {series.map((s) => {
          const d = linePath(
            frame,
            s.days.map((day, i) => ({ day, value: s.values[i] ?? 0 })),
          );
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
