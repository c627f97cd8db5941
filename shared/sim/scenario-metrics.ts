import type { Effect } from './effects';
import { nextUniform } from './rng';
import {
  type MetricDefinition,
  type MetricDynamic,
  MINUTES_PER_UNIT,
  type TimeUnit,
} from './scenario-metrics-schema';
import type { DayOutcome, PendingMetricChange, ScenarioMetricsState, SimEvent, SimState } from './state';

/**
 * The scenario's own metrics in the simulation step (issue 16). One step is one unit of the
 * scenario's time (`rounds.unit`: a minute, an hour or a day; the infrastructure model steps in
 * days only). Each step, in this order: effects that land are applied (uncertain values drawn from
 * the session's seeded generator, the draw recorded as an event), changes whose time is up are
 * undone, each metric's dynamics run in the order written, then its noise; every value is clamped
 * to its bounds after every change, so no effect can push a metric outside them.
 * Deterministic: the same state and effects give the same values and the same generator state.
 */

export type MetricEffect = Extract<Effect, { type: 'metric' }>;

export function initialScenarioMetrics(
  definitions: readonly MetricDefinition[],
  unit: TimeUnit,
  infrastructure: boolean,
): ScenarioMetricsState {
  return {
    infrastructure,
    unit,
    definitions: [...definitions],
    values: Object.fromEntries(definitions.map((d) => [d.id, clamp(d, d.start)])),
    pending: [],
  };
}

function clamp(definition: MetricDefinition, value: number): number {
  // An overflow (a scale by a huge number) pins the metric to the bound it ran into.
  const bounded = Number.isNaN(value) ? definition.start : value;
  return Math.min(definition.max, Math.max(definition.min, bounded));
}

/** How many `per` units one step is: a drift "per day" in an hourly exercise moves 1/24 of it each step. */
function stepShare(stepUnit: TimeUnit, per: TimeUnit): number {
  return MINUTES_PER_UNIT[stepUnit] / MINUTES_PER_UNIT[per];
}

/** The sum of `count` dice of `sides` sides. */
function rollDice(state: SimState, count: number, sides: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += 1 + Math.floor(nextUniform(state) * sides);
  return sum;
}

/** A standard normal draw (Box-Muller) from the session's generator. */
function normal(state: SimState): number {
  const u = Math.max(nextUniform(state), 1e-12);
  const v = nextUniform(state);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Draws an effect's value; returns it and, for an uncertain one, how it was drawn (for the timeline). */
function draw(state: SimState, value: MetricEffect['value']): { value: number; drawn?: string } {
  if (typeof value === 'number') return { value };
  if ('between' in value) {
    const [a, b] = value.between;
    const x = a + (b - a) * nextUniform(state);
    return { value: x, drawn: `drawn between ${a} and ${b}: ${round(x)}` };
  }
  const [count, sides] = value.dice.split('d').map(Number) as [number, number];
  const roll = rollDice(state, count, sides);
  const times = value.times ?? 1;
  return {
    value: roll * times,
    drawn: `rolled ${value.dice} = ${roll}${times !== 1 ? ` x ${times} = ${round(roll * times)}` : ''}`,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

function definitionOf(metrics: ScenarioMetricsState, id: string): MetricDefinition | undefined {
  return metrics.definitions.find((d) => d.id === id);
}

function applyChange(metrics: ScenarioMetricsState, change: PendingMetricChange): void {
  const definition = definitionOf(metrics, change.metric);
  if (!definition) return;
  const now = metrics.values[change.metric] ?? definition.start;
  let next = now;
  if (change.op === 'add') next = now + change.value;
  else if (change.op === 'scale') next = now * change.value;
  else {
    change.replaced = now;
    next = change.value;
  }
  metrics.values[change.metric] = clamp(definition, next);
  change.started = true;
}

function undoChange(metrics: ScenarioMetricsState, change: PendingMetricChange): void {
  const definition = definitionOf(metrics, change.metric);
  if (!definition) return;
  const now = metrics.values[change.metric] ?? definition.start;
  let next = now;
  if (change.op === 'add') next = now - change.value;
  else if (change.op === 'scale') next = change.value === 0 ? now : now / change.value;
  else next = change.replaced ?? now;
  metrics.values[change.metric] = clamp(definition, next);
}

/** Linear interpolation in ascending [x, y] points, flat beyond the ends. */
export function lookup(points: readonly (readonly [number, number])[], x: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 0;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i] as [number, number];
    const [x0, y0] = points[i - 1] as [number, number];
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return last[1];
}

function dynamicChange(
  dynamic: MetricDynamic,
  value: number,
  read: (id: string) => number,
  unit: TimeUnit,
): number {
  const share = stepShare(unit, dynamic.per);
  switch (dynamic.type) {
    case 'drift':
      return dynamic.amount * share;
    case 'rate':
      return value * ((1 + dynamic.rate) ** share - 1);
    case 'coupling': {
      const perUnit = dynamic.factor * read(dynamic.metric);
      const bounded = Math.min(dynamic.max ?? Infinity, Math.max(dynamic.min ?? -Infinity, perUnit));
      return bounded * share;
    }
    case 'table':
      return lookup(dynamic.points, read(dynamic.metric)) * share;
  }
}

/**
 * One step of the scenario's metrics: `effects` are the metric effects arriving on this step (with
 * their audiences, for need to know), `outcome` the step's outcome whose metrics and events are
 * completed in place (the infrastructure's metrics are readable by couplings and tables).
 */
export function advanceScenarioMetrics(
  state: SimState,
  metrics: ScenarioMetricsState,
  effects: readonly { effect: MetricEffect; audience: readonly string[] | undefined }[],
  outcome: DayOutcome,
): void {
  const stepNow = state.day;
  const events: SimEvent[] = [];
  for (const { effect, audience } of effects) {
    const definition = definitionOf(metrics, effect.metric);
    if (!definition) continue;
    const { value, drawn } = draw(state, effect.value);
    const after = Math.max(0, Math.round(effect.after ?? 0));
    const startStep = stepNow + after;
    const duration = effect.for === undefined ? null : Math.max(1, Math.round(effect.for));
    metrics.pending.push({
      metric: effect.metric,
      op: effect.op,
      value,
      startStep,
      endStep: duration === null ? null : startStep + duration,
      started: false,
      ...(audience ? { audience: [...audience] } : {}),
    });
    if (drawn)
      events.push({
        kind: 'roll',
        text: `${definition.label}: ${drawn}`,
        ...(audience ? { audience: [...audience] } : {}),
      });
  }
  const still: PendingMetricChange[] = [];
  for (const change of metrics.pending) {
    if (!change.started && change.startStep <= stepNow) applyChange(metrics, change);
    if (change.started && change.endStep !== null && change.endStep <= stepNow) {
      undoChange(metrics, change);
      continue;
    }
    if (!change.started || change.endStep !== null) still.push(change);
  }
  metrics.pending = still;

  const read = (id: string) => metrics.values[id] ?? outcome.metrics[id as keyof DayOutcome['metrics']] ?? 0;
  for (const definition of metrics.definitions) {
    let value = metrics.values[definition.id] ?? definition.start;
    for (const dynamic of definition.dynamics) {
      value = clamp(definition, value + dynamicChange(dynamic, value, read, metrics.unit));
    }
    if (definition.noise && definition.noise.sd > 0) {
      const sd = definition.noise.sd * Math.sqrt(stepShare(metrics.unit, definition.noise.per));
      value = clamp(definition, value + sd * normal(state));
    }
    metrics.values[definition.id] = value;
  }
  Object.assign(outcome.metrics, metrics.values);
  if (events.length > 0) outcome.events.push(...events);
}

/**
 * A step without the infrastructure model: the day counter moves and the outcome carries only the
 * scenario's metrics (the infrastructure's detail fields stay as they started and are never shown).
 */
export function idleOutcome(state: SimState): DayOutcome {
  state.day += 1;
  const previous = state.history[state.history.length - 1] as DayOutcome;
  return { ...previous, day: state.day, metrics: {} as DayOutcome['metrics'], events: [] };
}
