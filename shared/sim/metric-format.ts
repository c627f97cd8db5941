import type { MetricDefinition } from './scenario-metrics-schema';

/**
 * A scenario metric's value as people read it, by its declared format (issue 16): `count`
 * 12,400 patients; `percent` 0.25 as 25%; `usd` $1.2M; `score` 72 / 100; `duration` 3.5 hours.
 */
export function formatDefinedMetric(
  definition: Pick<MetricDefinition, 'format' | 'decimals' | 'unit' | 'max'>,
  value: number,
): string {
  if (!Number.isFinite(value)) return '–';
  const decimals = definition.decimals ?? 0;
  const unit = definition.unit ? ` ${definition.unit}` : '';
  const fixed = (x: number, d = decimals) =>
    x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  switch (definition.format) {
    case 'percent':
      return `${fixed(value * 100)}%`;
    case 'usd': {
      const abs = Math.abs(value);
      const sign = value < 0 ? '−' : '';
      if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(1)}B`;
      if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(1)}M`;
      if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(0)}K`;
      return `${sign}$${abs.toFixed(0)}`;
    }
    case 'score':
      return `${fixed(value)} / ${fixed(definition.max, 0)}`;
    default:
      return `${fixed(value)}${unit}`;
  }
}
