import type { ObjectiveResult } from '../../../shared/session/state';
import { compare, type MetricName } from '../../../shared/sim/metrics';
import type { MetricSeries, PublicScenario } from '../../../shared/views/view';
import type { MetricTarget } from './metric-target';

/**
 * The case's vital signs, shown in every round's summary and charted in the debrief: uptime and
 * load time (its 30- and 60-day objectives), the monthly bill (its 90-day cost objective), runway,
 * users kept, and the team carrying it (case study, "Infrastructure Transformation Objectives").
 */
export const VITAL_SIGNS: readonly MetricName[] = [
  'availability',
  'p95-latency-ms',
  'monthly-infra-cost-usd',
  'runway-months',
  'daily-active-users',
  'morale',
];

/** Always on the dashboard, after the metrics the scenario's objectives name (the case's vital signs). */
const HEADLINE: MetricName[] = [
  'availability',
  'p95-latency-ms',
  'monthly-infra-cost-usd',
  'runway-months',
  'daily-active-users',
  'cash-usd',
  'emergency-budget-usd',
  'user-trust',
  'investor-confidence',
  'morale',
];

export interface TileData {
  metric: MetricName;
  value: number;
  history: number[];
  target: MetricTarget | undefined;
}

/** Metrics the objectives test, in objective order, then the headline ones; `limit` keeps the projector readable. */
export function dashboardMetrics(scenario: PublicScenario, limit = 12): MetricName[] {
  const named = scenario.objectives.map((o) => o.test.metric);
  return [...new Set([...named, ...HEADLINE])].slice(0, limit);
}

/**
 * The target a tile is judged against: the objective on that metric that is due next (or the
 * last one, once all are past), with whether the latest value meets it.
 */
export function targetFor(
  scenario: PublicScenario,
  metric: MetricName,
  day: number,
  value: number,
): MetricTarget | undefined {
  const objectives = scenario.objectives
    .filter((o) => o.test.metric === metric)
    .sort((a, b) => a.byDay - b.byDay);
  const objective = objectives.find((o) => o.byDay >= day) ?? objectives[objectives.length - 1];
  if (!objective) return undefined;
  return {
    comparison: objective.test.comparison,
    threshold: objective.test.threshold,
    met: compare(value, objective.test.comparison, objective.test.threshold),
    due: `by day ${objective.byDay}`,
  };
}

/** One value per round boundary (and today), so a tile's trend reads "since last round". */
export function tiles(
  scenario: PublicScenario,
  series: MetricSeries,
  day: number,
  metrics: MetricName[] = dashboardMetrics(scenario),
): TileData[] {
  const perRound = scenario.rounds.daysPerRound;
  const indexes = series.days
    .map((d, i) => ({ d, i }))
    .filter(({ d }, k, all) => d % perRound === 0 || k === all.length - 1)
    .map(({ i }) => i);
  return metrics.map((metric) => {
    const values = series.metrics[metric] ?? [];
    const history = indexes.map((i) => values[i]).filter((v): v is number => v !== undefined);
    const value = values[values.length - 1] ?? Number.NaN;
    return { metric, value, history, target: targetFor(scenario, metric, day, value) };
  });
}

export function objectiveTitle(scenario: PublicScenario, result: ObjectiveResult): string {
  return scenario.objectives.find((o) => o.id === result.objectiveId)?.title ?? result.objectiveId;
}
