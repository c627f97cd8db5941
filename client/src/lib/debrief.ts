import type { Objective } from '../../../shared/scenario/schema';
import type { MetricName } from '../../../shared/sim/metrics';
import type { BaseView, PublicScenario } from '../../../shared/views/view';
import type { ChartMarker, ChartPoint, ChartTarget } from './chart-types';
import { VITAL_SIGNS } from './dashboard';
import { formatMetric } from './format';
import { actionTitle } from './labels';

/** The metrics the debrief charts: those the objectives test, then the case's vital signs. */
export function debriefMetrics(scenario: PublicScenario): MetricName[] {
  const named = scenario.objectives.map((o) => o.test.metric);
  return [...new Set([...named, ...VITAL_SIGNS])].slice(0, 8);
}

export function chartPoints(view: Pick<BaseView, 'sim'>, metric: MetricName): ChartPoint[] {
  const { days, metrics } = view.sim.series;
  const values = metrics[metric] ?? [];
  return days
    .map((day, i) => ({ day, value: values[i] ?? Number.NaN }))
    .filter((p) => Number.isFinite(p.value));
}

/** Injects on the day they arrived, and decisions on the day their resolution applied them. */
export function chartMarkers(
  scenario: PublicScenario,
  view: Pick<BaseView, 'injects' | 'proposals'>,
): ChartMarker[] {
  const injects: ChartMarker[] = view.injects.map((i) => ({
    day: i.day,
    kind: 'inject',
    label: `#${i.number} ${i.title}`,
  }));
  const decisions: ChartMarker[] = view.proposals
    .filter((p) => p.resolution?.applied)
    .map((p) => ({
      day: p.resolution?.day ?? 0,
      kind: 'decision',
      label: actionTitle(scenario, p.actionId),
    }));
  return [...injects, ...decisions];
}

/** The last objective on the metric: the bar the exercise is judged against at the end. */
export function chartTarget(scenario: PublicScenario, metric: MetricName): ChartTarget | undefined {
  const objective = scenario.objectives
    .filter((o) => o.test.metric === metric)
    .sort((a, b) => b.byDay - a.byDay)[0];
  if (!objective) return undefined;
  return {
    threshold: objective.test.threshold,
    label: `${objective.test.comparison} ${formatMetric(metric, objective.test.threshold)} by day ${objective.byDay}`,
  };
}

export function objectiveTest(objective: Objective): string {
  const { metric, comparison, threshold, windowDays } = objective.test;
  return `${comparison} ${formatMetric(metric, threshold)}${windowDays ? ` (${windowDays}-day mean)` : ''} by day ${objective.byDay}`;
}
