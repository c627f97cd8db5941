import type { TimeUnit } from '../sim/scenario-metrics-schema';
import { type Condition, isMetricCondition, type ScenarioMetricCondition } from './condition-schema';

/**
 * A scenario's simulated time (issue 16): rounds advance `length` steps of `unit` (or
 * `daysPerRound` days, the older spelling; the parsed scenario carries the count in `daysPerRound`
 * either way); every time the scenario writes counts in that unit.
 */

const SINGULAR: Record<TimeUnit, string> = { minutes: 'minute', hours: 'hour', days: 'day' };

/** "day", "hour", "minute": one step of the scenario's time. */
export function stepWord(unit: TimeUnit | undefined): string {
  return SINGULAR[unit ?? 'days'];
}

/** "day 12", "hour 4", "minute 30": a point in the scenario's time, as players read it. */
export function timeLabel(unit: TimeUnit | undefined, step: number): string {
  return `${SINGULAR[unit ?? 'days']} ${step}`;
}

/** "3 days", "1 hour": a span in the scenario's time. */
export function spanLabel(unit: TimeUnit | undefined, steps: number): string {
  const word = SINGULAR[unit ?? 'days'];
  return `${steps} ${word}${steps === 1 ? '' : 's'}`;
}

/** The metric test a condition is, when it is one plain metric test (charts and tiles show those). */
export function metricTestOf(condition: Condition | undefined): ScenarioMetricCondition | undefined {
  return condition && isMetricCondition(condition) ? condition : undefined;
}

/** Objectives that are one metric test on a day: the ones a tile, a chart or a headline can show against. */
export function metricObjectives<
  O extends { id: string; test?: Condition | undefined; byDay?: number | undefined },
>(objectives: readonly O[]): (O & { test: ScenarioMetricCondition; byDay: number })[] {
  return objectives.flatMap((o) => {
    const test = metricTestOf(o.test);
    return test && o.byDay !== undefined ? [{ ...o, test, byDay: o.byDay }] : [];
  });
}
