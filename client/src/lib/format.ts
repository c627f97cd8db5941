import { formatDuration, formatOwn, formatUsd } from '../../../shared/sim/metric-format';
import { metricInfo } from './scenario-model';

export { formatDuration, formatOwn, formatUsd };

/**
 * Human text for a metric value in its own unit: "99.95 %", "$48.2M/mo", "1.8 s", or for a
 * scenario's own metric by its declared format ("12,400 patients", "25%", "$1.2M", "3 h 20 min").
 */
export function formatMetric(metric: string, value: number, change = false): string {
  const info = metricInfo(metric);
  const { unit } = info;
  if (!Number.isFinite(value)) return '—';
  if (info.own) {
    // A change of a score is points ("+8"), not a position on its scale ("+8 / 100").
    const range = change ? undefined : info.own;
    return formatOwn(
      value,
      info.own.format,
      info.own.decimals,
      change && info.own.format === 'score' ? '' : unit,
      range,
    );
  }
  switch (unit) {
    case 'ratio':
      return metric === 'availability' ? `${(value * 100).toFixed(2)} %` : `${(value * 100).toFixed(1)} %`;
    case 'ratio/day':
      return `${(value * 100).toFixed(2)} %/day`;
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
    case 'USD':
      return formatUsd(value);
    case 'USD/month':
      return `${formatUsd(value)}/mo`;
    case 'USD/user/month':
      return `$${value.toFixed(2)}/user/mo`;
    case 'months':
      return `${value.toFixed(1)} months`;
    case 'minutes/day':
      return `${Math.round(value)} min/day`;
    case 'users':
      return formatCount(value);
    case 'hours':
      return `${Math.round(value)} h/week`;
    case '0-100':
      return `${Math.round(value)} / 100`;
    case 'TB':
      return `${formatCount(value)} TB`;
    default:
      return `${formatCount(value)} ${unit}`;
  }
}

export function formatCount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(0)}K`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A signed change in the metric's unit: "+0.12 %", "−$3.1M/mo". */
export function formatDelta(metric: string, delta: number): string {
  if (delta === 0 || !Number.isFinite(delta)) return '±0';
  const text = formatMetric(metric, Math.abs(delta), true);
  // A change too small to show in the metric's precision reads as none, not "+0".
  if (!/[1-9]/.test(text.match(/\d[\d.,]*/)?.[0] ?? '')) return '±0';
  return `${delta > 0 ? '+' : '−'}${text.replace(/^−/, '')}`;
}

/** mm:ss for a countdown. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(s / 60);
  const seconds = s % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/**
 * An action's price as players read it, in money per month. Capacity the action adds (servers,
 * replicas, cache nodes, CDN Gbps) is billed monthly by the simulation on top of the action's own
 * running cost, so that amount (`addedCapacityUsdPerMonth`, shared/sim/capacity-cost.ts) is added
 * in, and named, rather than letting "$0/month" suggest the capacity is free.
 */
export function formatActionCost(
  cost: { capexUsd: number; opexUsdPerMonth: number },
  addedCapacityUsdPerMonth = 0,
): string {
  const oneOff = cost.capexUsd > 0 ? `${formatUsd(cost.capexUsd)} one-off` : 'nothing one-off';
  const monthly = cost.opexUsdPerMonth + addedCapacityUsdPerMonth;
  const running = monthly > 0 ? `${formatUsd(monthly)}/month` : 'nothing monthly';
  if (addedCapacityUsdPerMonth === 0) return `${oneOff}, ${running}`;
  const added = `${formatUsd(addedCapacityUsdPerMonth)}/month for the added capacity`;
  return cost.opexUsdPerMonth > 0
    ? `${oneOff}, ${running} (${formatUsd(cost.opexUsdPerMonth)} running cost + ${added})`
    : `${oneOff}, ${running} (${added})`;
}
