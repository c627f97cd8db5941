import { spanLabel, timeLabel } from '../../../shared/scenario/scenario-time';
import { CHANNELS } from '../../../shared/scenario/schema';
import { directionVerdict, METRICS, type MetricDirection, type Verdict } from '../../../shared/sim/metrics';
import type { MetricDefinition, MetricFormat, TimeUnit } from '../../../shared/sim/scenario-metrics-schema';
import type { PublicScenario } from '../../../shared/views/view';

/**
 * The one metric interface of the client (issue 16): a metric's label, unit, format and good
 * direction come from the infrastructure model's METRICS or from the scenario's own `metrics:`,
 * and the scenario's time unit, categories and channels come with it. Set once per page from the
 * scenario in the view (`useScenarioModel`, before the page renders), read by formatMetric, the
 * tiles, charts and every label, so no component needs the definitions passed down.
 */
export interface MetricInfo {
  id: string;
  label: string;
  /** The infrastructure unit ("ratio", "USD/month") or the scenario's own ("patients"). */
  unit: string;
  better: MetricDirection;
  /** Set for a scenario's own metric: how its value is written. */
  own?: Pick<MetricDefinition, 'format' | 'decimals' | 'min' | 'max'> & { format: MetricFormat };
}

interface ScenarioModel {
  key: PublicScenario | undefined;
  infrastructure: boolean;
  unit: TimeUnit;
  metrics: Map<string, MetricDefinition>;
  categories: Map<string, string>;
  channels: Map<string, string>;
}

const EMPTY: ScenarioModel = {
  key: undefined,
  infrastructure: true,
  unit: 'days',
  metrics: new Map(),
  categories: new Map(),
  channels: new Map(),
};

let current: ScenarioModel = EMPTY;

/** Makes `scenario` the page's model; cheap when it already is (called on every render). */
export function setScenarioModel(scenario: PublicScenario | undefined): void {
  if (current.key === scenario) return;
  if (!scenario) {
    current = EMPTY;
    return;
  }
  current = {
    key: scenario,
    infrastructure: scenario.model?.infrastructure !== false,
    unit: scenario.rounds.unit ?? 'days',
    metrics: new Map((scenario.metrics ?? []).map((m) => [m.id, m])),
    categories: new Map((scenario.categories ?? []).map((c) => [c.id, c.label])),
    channels: new Map((scenario.channels ?? []).map((c) => [c.id, c.label])),
  };
}

/** The hook form, for a page: sets the model during render so its children read it at once. */
export function useScenarioModel(scenario: PublicScenario | undefined): void {
  setScenarioModel(scenario);
}

/** Whether the scenario runs the infrastructure model (servers, users, money). */
export function hasInfrastructure(scenario?: Pick<PublicScenario, 'model'>): boolean {
  return scenario ? scenario.model?.infrastructure !== false : current.infrastructure;
}

export function metricInfo(id: string): MetricInfo {
  const own = current.metrics.get(id);
  if (own) {
    return {
      id,
      label: own.label,
      unit: own.unit,
      better: own.better,
      own: { format: own.format, decimals: own.decimals, min: own.min, max: own.max },
    };
  }
  const builtIn = (METRICS as Record<string, { unit: string; label: string; better: MetricDirection }>)[id];
  if (builtIn) return { id, ...builtIn };
  return { id, label: id, unit: '', better: 'neither' };
}

export function metricLabel(id: string): string {
  return metricInfo(id).label;
}

/** Whether a change of `delta` is for the better, by the metric's own direction. */
export function verdictOf(id: string, delta: number, epsilon = 1e-9): Verdict {
  return directionVerdict(metricInfo(id).better, delta, epsilon);
}

/** The metric ids this page may show: the scenario's own only, when the infrastructure model is off. */
export function shownMetric(id: string): boolean {
  return current.infrastructure || current.metrics.has(id);
}

export function timeUnit(): TimeUnit {
  return current.unit;
}

/** "day 12" or "hour 4": a point in the scenario's time. */
export function at(step: number): string {
  return timeLabel(current.unit, step);
}

/** "Day 12" / "Hour 4", at the start of a line. */
export function At(step: number): string {
  const text = at(step);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "3 days" / "1 hour": a span in the scenario's time. */
export function span(steps: number): string {
  return spanLabel(current.unit, steps);
}

/** "days" / "hours": the unit's plural, for "Simulated hours 4 to 8". */
export function unitWord(): string {
  return current.unit;
}

export function categoryLabel(id: string): string {
  return current.categories.get(id) ?? id;
}

const BUILT_IN_CHANNELS: readonly string[] = CHANNELS;

/** A channel's label: the scenario's, or undefined for a built-in channel (which has its own look). */
export function declaredChannelLabel(id: string): string | undefined {
  const declared = current.channels.get(id);
  if (declared) return declared;
  return BUILT_IN_CHANNELS.includes(id) ? undefined : id;
}

/** The channels an inject may use: the built-in ones, then the scenario's own. */
export function channelOptions(): { id: string; label: string }[] {
  const declared = [...current.channels.entries()].map(([id, label]) => ({ id, label }));
  const builtIn = BUILT_IN_CHANNELS.filter((c) => !current.channels.has(c)).map((id) => ({ id, label: id }));
  return [...builtIn, ...declared];
}

/** The action categories a scenario uses: its declared ones, or the infrastructure defaults. */
export function categoryOptions(defaults: readonly string[]): { id: string; label: string }[] {
  if (current.categories.size > 0)
    return [...current.categories.entries()].map(([id, label]) => ({ id, label }));
  return defaults.map((id) => ({ id, label: id }));
}
