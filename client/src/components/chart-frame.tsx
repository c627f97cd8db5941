import { formatMetric } from '../lib/format';
import { at } from '../lib/scenario-model';
import { linearScale, niceTicks } from './chart-scale';

/**
 * What every hand-drawn metric chart shares (MetricChart, ForkChart, CohortChart): the scales over
 * simulated days and values, a value axis as wide as its longest label ("$0.50/user/mo") so none is
 * clipped, the grid and the day axis. Each chart draws its own lines and marks on top.
 */

/** Width of one character of a 13px axis label, with room to spare (the digits of system-ui). */
const TICK_CHAR_PX = 7.6;

export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  x: (day: number) => number;
  y: (value: number) => number;
  yTicks: number[];
  firstDay: number;
  lastDay: number;
  metric: string;
}

export function chartFrame(options: {
  metric: string;
  width: number;
  height: number;
  days: [number, number];
  values: [number, number];
  margin: { top: number; right: number; bottom: number };
}): ChartFrame {
  const { metric, width, height } = options;
  const [firstDay, lastDay] = options.days;
  const [lo, hi] = options.values;
  const yTicks = niceTicks(lo, hi, 4);
  const longest = Math.max(0, ...yTicks.map((tick) => formatMetric(metric, tick).length));
  const margin = { ...options.margin, left: Math.max(56, 14 + longest * TICK_CHAR_PX) };
  return {
    width,
    height,
    margin,
    x: linearScale([firstDay, lastDay], [margin.left, width - margin.right]),
    y: linearScale([lo, hi], [height - margin.bottom, margin.top]),
    yTicks,
    firstDay,
    lastDay,
    metric,
  };
}

/** An SVG path through the points, in the frame's scales. */
export function linePath(frame: ChartFrame, points: readonly { day: number; value: number }[]): string {
  return points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${frame.x(p.day).toFixed(1)} ${frame.y(p.value).toFixed(1)}`)
    .join('');
}

/** The value grid with its labels and the day axis (whole days only) with its title. */
export function ChartAxes({ frame }: { frame: ChartFrame }) {
  const { margin, width, height, x, y } = frame;
  return (
    <>
      {frame.yTicks.map((tick) => (
        <g key={`y${tick}`} className="chart-grid">
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
          <text x={margin.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
            {formatMetric(frame.metric, tick)}
          </text>
        </g>
      ))}
      {/* Days are whole: no tick at day 0.2 on a short series. */}
      {niceTicks(frame.firstDay, frame.lastDay, 6)
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
        y={height - 5}
        textAnchor="middle"
      >
        simulated {at(0).split(' ')[0]}
      </text>
    </>
  );
}
