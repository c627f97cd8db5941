import { extent, linearScale } from './chart-scale';

/** A tiny trend line for a metric tile; decorative, the tile's text carries the numbers. */
export function Sparkline({ values, target }: { values: number[]; target?: number | undefined }) {
  if (values.length < 2) return null;
  const width = 120;
  const height = 32;
  const [lo, hi] = extent(target === undefined ? values : [...values, target]);
  const x = linearScale([0, values.length - 1], [2, width - 2]);
  const y = linearScale([lo, hi], [height - 2, 2]);
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`).join('');
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      {target !== undefined && (
        <line x1={0} x2={width} y1={y(target)} y2={y(target)} className="sparkline-target" />
      )}
      <path d={d} className="sparkline-line" />
    </svg>
  );
}
