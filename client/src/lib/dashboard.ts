import { metricObjectives, timeLabel } from '../../../shared/scenario/scenario-time';
import type { ObjectiveResult } from '../../../shared/session/state';
import { compare, type MetricName } from '../../../shared/sim/metrics';
import type { MetricSeries, PublicScenario } from '../../../shared/views/view';
import type { MetricTarget } from './metric-target';
import { hasInfrastructure } from './scenario-model';

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
  metric: string;
  value: number;
  history: number[];
  target: MetricTarget | undefined;
}

/** The metric ids the objectives test with one metric on a day, in objective order. */
export function objectiveMetrics(scenario: Pick<PublicScenario, 'objectives'>): string[] {
  return metricObjectives(scenario.objectives).map((o) => o.test.metric);
}

/**
 * The metrics a scenario's pages show, in order: its declared dashboard tiles; otherwise the metrics
 * its objectives test, then (with the infrastructure model) the case's `fallback` metrics or
 * (without it) the scenario's own metrics. A scenario without the infrastructure model never shows
 * an infrastructure metric.
 */
export function scenarioMetrics(scenario: PublicScenario, fallback: readonly string[]): string[] {
  const own = (scenario.metrics ?? []).map((m) => m.id);
  const infrastructure = hasInfrastructure(scenario);
  const allowed = (id: string) => infrastructure || own.includes(id);
  if (scenario.dashboard?.tiles.length) return scenario.dashboard.tiles.filter(allowed);
  const rest = infrastructure ? [...fallback, ...own] : own;
  return [...new Set([...objectiveMetrics(scenario), ...rest])].filter(allowed);
}

/** Metrics the objectives test, in objective order, then the headline ones; `limit` keeps the projector readable. */
export function dashboardMetrics(scenario: PublicScenario, limit = 12): string[] {
  return scenarioMetrics(scenario, HEADLINE).slice(0, limit);
}

/**
 * The target a tile is judged against: the objective on that metric that is due next (or the
 * last one, once all are past), with whether the latest value meets it.
 */
export function targetFor(
  scenario: PublicScenario,
  metric: string,
  day: number,
  value: number,
): MetricTarget | undefined {
  const objectives = metricObjectives(scenario.objectives)
    .filter((o) => o.test.metric === metric)
    .sort((a, b) => a.byDay - b.byDay);
  const objective = objectives.find((o) => o.byDay >= day) ?? objectives[objectives.length - 1];
  if (!objective) return undefined;
  return {
    comparison: objective.test.comparison,
    threshold: objective.test.threshold,
    met: compare(value, objective.test.comparison, objective.test.threshold),
    due: `by ${timeLabel(scenario.rounds.unit, objective.byDay)}`,
  };
}

/** One value per round boundary (and today), so a tile's trend reads "since last round". */
export function tiles(
  scenario: PublicScenario,
  series: MetricSeries,
  day: number,
  metrics: readonly string[] = dashboardMetrics(scenario),
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
