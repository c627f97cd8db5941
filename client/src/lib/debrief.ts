import type { ScenarioMetricCondition } from '../../../shared/scenario/condition-schema';
import { type ConditionWords, conditionText } from '../../../shared/scenario/condition-text';
import { metricObjectives, metricTestOf, spanLabel, timeLabel } from '../../../shared/scenario/scenario-time';
import type { Objective } from '../../../shared/scenario/schema';
import type { TimeUnit } from '../../../shared/sim/scenario-metrics-schema';
import type { BaseView, PublicScenario } from '../../../shared/views/view';
import type { ChartMarker, ChartPoint, ChartTarget } from './chart-types';
import { scenarioMetrics, VITAL_SIGNS } from './dashboard';
import { formatMetric } from './format';
import { actionTitle } from './labels';
import { metricLabel } from './scenario-model';

/** The metrics the debrief charts: the scenario's tiles or those the objectives test, then the case's vital signs. */
export function debriefMetrics(scenario: PublicScenario): string[] {
  return scenarioMetrics(scenario, VITAL_SIGNS).slice(0, 8);
}

export function chartPoints(view: Pick<BaseView, 'sim'>, metric: string): ChartPoint[] {
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
    // An inject the facilitator wrote during the exercise says so (issue 15: "added live").
    label: `#${i.number} ${i.title}${i.live ? ' (added live)' : ''}`,
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
export function chartTarget(scenario: PublicScenario, metric: string): ChartTarget | undefined {
  const objective = metricObjectives(scenario.objectives)
    .filter((o) => o.test.metric === metric)
    .sort((a, b) => b.byDay - a.byDay)[0];
  if (!objective) return undefined;
  return {
    threshold: objective.test.threshold,
    label: `${objective.test.comparison} ${formatMetric(metric, objective.test.threshold)} by ${timeLabel(scenario.rounds.unit, objective.byDay)}`,
  };
}

/** A metric test in words, with the metric's label and formatted threshold. */
export function metricTestText(test: ScenarioMetricCondition, unit?: TimeUnit): string {
  const window = test.windowDays ? ` (${spanLabel(unit, test.windowDays).replace(/s$/, '')} mean)` : '';
  return `${metricLabel(test.metric)}${window} ${test.comparison} ${formatMetric(test.metric, test.threshold)}`;
}

/** A condition in words as the page knows it: metric labels, action titles, inject titles. */
export function conditionWords(
  scenario: PublicScenario,
  injectTitle?: (id: string) => string,
): ConditionWords {
  return {
    metric: (test) => metricTestText(test, scenario.rounds.unit),
    action: (id) => `“${actionTitle(scenario, id)}”`,
    inject: injectTitle ?? ((id) => id),
  };
}

/** What an objective asks, in words: its test and day, or that evaluators rate it. */
export function objectiveTest(objective: Objective, scenario?: PublicScenario): string {
  const unit = scenario?.rounds.unit;
  if (objective.rated) return 'rated by evaluators';
  if (!objective.test) return '—';
  const by = objective.byDay === undefined ? '' : ` by ${timeLabel(unit, objective.byDay)}`;
  const test = metricTestOf(objective.test);
  if (test) {
    const window = test.windowDays ? ` (${spanLabel(unit, test.windowDays).replace(/s$/, '')} mean)` : '';
    return `${test.comparison} ${formatMetric(test.metric, test.threshold)}${window}${by}`;
  }
  const words = scenario
    ? conditionWords(scenario)
    : { metric: (t: ScenarioMetricCondition) => metricTestText(t, unit) };
  return `${conditionText(objective.test, words)}${by}`;
}
