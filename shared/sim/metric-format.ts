import type { MetricDefinition, MetricFormat } from './scenario-metrics-schema';

/**
 * How a scenario metric's value is written (issue 16), by its declared format: `count` 12,400
 * patients; `percent` 0.25 as 25%; `usd` $1.2M; `score` 62 / 100; `duration` 3 h 20 min. One
 * implementation for the client's tiles and charts and the round's explanations.
 */

/** A scenario metric's value written by its definition. */
export function formatDefinedMetric(
  definition: Pick<MetricDefinition, 'format' | 'decimals' | 'unit' | 'min' | 'max'>,
  value: number,
): string {
  if (!Number.isFinite(value)) return '—';
  return formatOwn(value, definition.format, definition.decimals ?? 0, definition.unit ?? '', definition);
}

/** A scenario metric's value by its declared format (scenario-metrics-schema.ts, METRIC_FORMATS). */
export function formatOwn(
  value: number,
  format: MetricFormat,
  decimals: number,
  unit: string,
  range: { min: number; max: number } = { min: 0, max: 0 },
): string {
  const suffix = unit ? ` ${unit}` : '';
  const fixed = (n: number) =>
    n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  switch (format) {
    case 'count':
      return `${fixed(decimals === 0 ? Math.round(value) : value)}${suffix}`;
    case 'percent':
      return `${(value * 100).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}%`;
    case 'usd':
      return `${formatUsd(value)}${unit && unit !== 'USD' ? ` ${unit}` : ''}`;
    case 'score':
      // A score out of its range's top ("62 / 100") when the range starts at zero.
      return range.min === 0 && range.max > 0
        ? `${fixed(value)} / ${fixed(range.max)}`
        : `${fixed(value)}${suffix}`;
    case 'duration':
      return formatDuration(value, unit);
    default:
      return `${fixed(value)}${suffix}`;
  }
}

const MINUTES_IN: Record<string, number> = {
  minute: 1,
  minutes: 1,
  min: 1,
  hour: 60,
  hours: 60,
  h: 60,
  day: 1440,
  days: 1440,
  d: 1440,
};

/** A duration given in `unit` (minutes, hours or days; default hours): "45 min", "3 h 20 min", "2 d 4 h". */
export function formatDuration(value: number, unit: string): string {
  const total = Math.round(Math.abs(value) * (MINUTES_IN[unit.trim().toLowerCase()] ?? 60));
  const sign = value < 0 ? '−' : '';
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  if (days > 0) return `${sign}${days} d${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${sign}${hours} h${minutes > 0 ? ` ${minutes} min` : ''}`;
  return `${sign}${minutes} min`;
}

export function formatUsd(value: number): string {
  const sign = value < 0 ? '−' : '';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(0)}K`;
  return `${sign}$${abs.toFixed(0)}`;
}
