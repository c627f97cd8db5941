import { timeLabel } from '../scenario/scenario-time';
import type { Action } from '../scenario/schema';
import { metricsMovedByAction } from '../sim/effect-metrics';
import { formatDefinedMetric } from '../sim/metric-format';
import type { MetricName } from '../sim/metrics';
import type { ChurnDriver, DayOutcome, DowntimeCause, SimState } from '../sim/state';
import { formatUsd } from './budget';
import type { RoundResult } from './state';

/**
 * Why the round's numbers moved, in sentences for the review phase and the debrief ("show why an
 * outcome happened", research/facilitation.md, users' request 8): availability with the causes of
 * downtime, infrastructure cost with the categories that moved, churn with its drivers, then the
 * notable events of each simulated day.
 */
export function explainRound(sim: SimState, fromDay: number, toDay: number): string[] {
  const start = sim.history.find((d) => d.day === fromDay);
  const days = sim.history.filter((d) => d.day > fromDay && d.day <= toDay);
  const end = days.at(-1);
  if (!start || !end) return [];
  const own = sim.scenarioMetrics;
  const infrastructure = own?.infrastructure ?? true;
  const when = (step: number) =>
    (own ? timeLabel(own.unit, step) : `day ${step}`).replace(/^./, (c) => c.toUpperCase());
  return [
    ...(infrastructure
      ? [explainAvailability(start, end, days), explainCost(start, end), explainChurn(start, end, days)]
      : []),
    ...(own?.definitions ?? []).map(
      (d) =>
        `${d.label} ${formatDefinedMetric(d, start.metrics[d.id] ?? Number.NaN)} -> ${formatDefinedMetric(d, end.metrics[d.id] ?? Number.NaN)}.`,
    ),
    ...days.flatMap((d) => d.events.map((e) => `${when(d.day)}: ${e.text}`)),
  ];
}

const pct = (ratio: number, digits = 2) => `${(ratio * 100).toFixed(digits)}%`;

function explainAvailability(start: DayOutcome, end: DayOutcome, days: DayOutcome[]): string {
  const minutes = new Map<DowntimeCause, number>();
  for (const day of days) {
    for (const [cause, value] of Object.entries(day.downtimeByCause) as [DowntimeCause, number][]) {
      minutes.set(cause, (minutes.get(cause) ?? 0) + value);
    }
  }
  const causes = [...minutes.entries()]
    .filter(([, m]) => m >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([cause, m]) => `${cause.replace('-', ' ')} ${Math.round(m)} min`);
  const total = [...minutes.values()].reduce((a, b) => a + b, 0);
  const why =
    causes.length > 0 ? `; ${Math.round(total)} minutes of downtime: ${causes.join(', ')}` : '; no downtime';
  return `Availability ${pct(start.metrics.availability)} -> ${pct(end.metrics.availability)}${why}.`;
}

function explainCost(start: DayOutcome, end: DayOutcome): string {
  const moves = (Object.keys(end.costByCategory) as (keyof DayOutcome['costByCategory'])[])
    .map((category) => ({ category, delta: end.costByCategory[category] - start.costByCategory[category] }))
    .filter((m) => Math.abs(m.delta) >= 50_000)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .slice(0, 3)
    .map((m) => `${m.category} ${m.delta > 0 ? '+' : '-'}${formatUsd(Math.abs(m.delta))}`);
  const why = moves.length > 0 ? `; ${moves.join(', ')}` : '';
  return `Infrastructure cost ${formatUsd(start.metrics['monthly-infra-cost-usd'])}/month -> ${formatUsd(end.metrics['monthly-infra-cost-usd'])}/month${why}.`;
}

function explainChurn(start: DayOutcome, end: DayOutcome, days: DayOutcome[]): string {
  const sums = new Map<ChurnDriver, number>();
  for (const day of days) {
    for (const [driver, rate] of Object.entries(day.churnByDriver) as [ChurnDriver, number][]) {
      sums.set(driver, (sums.get(driver) ?? 0) + rate);
    }
  }
  const drivers = [...sums.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([driver, sum]) => `${driver} ${pct(sum / days.length, 3)}/day`);
  return `Daily churn ${pct(start.metrics['daily-churn-rate'], 3)} -> ${pct(end.metrics['daily-churn-rate'], 3)}; mostly ${drivers.join(', ')}.`;
}

/** One metric's move over a round, with the round's applied decisions whose effects act on it. */
export interface Movement {
  metric: MetricName;
  before: number;
  after: number;
  /** Action ids of the round's applied decisions that act on this metric, in decision order. */
  actionIds: string[];
}

type PricedAction = Pick<Action, 'id' | 'effects' | 'cost'>;

/**
 * Ties each of `metrics` that moved in the round to the decisions that act on it (first order,
 * shared/sim/effect-metrics.ts), for the review's "why": a movement no applied decision acts on
 * came from the situation and the round's injects. Metrics that did not move are left out.
 */
export function roundMovements(
  result: Pick<RoundResult, 'before' | 'after' | 'decisions'>,
  actions: readonly PricedAction[],
  metrics: readonly MetricName[],
): Movement[] {
  const applied = result.decisions
    .filter((d) => d.applied)
    .map((d) => actions.find((a) => a.id === d.actionId))
    .filter((a): a is PricedAction => a !== undefined);
  const movements: Movement[] = [];
  for (const metric of metrics) {
    const before = result.before[metric];
    const after = result.after[metric];
    if (before === undefined || after === undefined || before === after) continue;
    const actionIds = applied.filter((a) => metricsMovedByAction(a).has(metric)).map((a) => a.id);
    movements.push({ metric, before, after, actionIds: [...new Set(actionIds)] });
  }
  return movements;
}
