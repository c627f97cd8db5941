import type { SessionState } from '../../shared/session/state';
import { run, type SimState } from '../../shared/sim';
import type { Effect } from '../../shared/sim/effects';

/**
 * Where the scenario's own metrics are heading (issue 16), for a computer player weighing an action:
 * the session's simulation run on to the exercise's last step with the real step (shared/sim
 * `run`, so dynamics, lead times, `after` and `for` behave exactly as in the game), on expected
 * values: no noise, every range or dice roll at its mean. Projected once without the action and
 * once with it, the difference is what the action does to each metric by each deadline, couplings
 * between metrics included. Only for a scenario without the infrastructure model, whose step is a
 * few additions per metric; the infrastructure day is far heavier and has its own reading
 * (computer-player-needs.ts).
 */

type MetricEffect = Extract<Effect, { type: 'metric' }>;

/** The mean of a metric effect's value: a range's midpoint, N dice of S sides N(S+1)/2 times `times`. */
export function expectedValue(value: MetricEffect['value']): number {
  if (typeof value === 'number') return value;
  if ('between' in value) return (value.between[0] + value.between[1]) / 2;
  const [count, sides] = value.dice.split('d').map(Number) as [number, number];
  return ((count * (sides + 1)) / 2) * (value.times ?? 1);
}

/** Metric effects at their expected values; other effects have no place in a projection of these metrics. */
function expectedEffects(effects: readonly Effect[]): Effect[] {
  return effects.flatMap((e) => (e.type === 'metric' ? [{ ...e, value: expectedValue(e.value) }] : []));
}

/** Effects that arrive on a step, as a resolution hands them to the simulation. */
export interface Arrival {
  step: number;
  effects: readonly Effect[];
}

export interface Projection {
  /** The step the projection starts from (the session's current step). */
  from: number;
  /** The last step projected: the exercise's last. */
  to: number;
  /** A metric's value on a step (the start position before `from`'s history, the projection after). */
  valueAt(metric: string, step: number): number;
  /** The mean over the `window` steps ending on `step`, as a windowed test reads it. */
  meanAt(metric: string, step: number, window: number | undefined): number;
}

/** The exercise's last step. */
export function lastStep(state: SessionState): number {
  return state.scenario.rounds.count * state.scenario.rounds.daysPerRound;
}

/** The step an action approved this round has its effects arrive on (shared/session/resolution.ts). */
export function arrivalStep(state: SessionState, leadTimeDays: number): number {
  return state.sim.day + 1 + leadTimeDays;
}

const cache = new WeakMap<SessionState, Map<string, Projection>>();

/**
 * The projection from this state with `extra` arrivals besides those already scheduled (approved
 * actions and fired injects waiting in `pendingEffects`). `key` names `extra` for the cache: the
 * same state is read by every computer player in turn.
 */
export function projectMetrics(state: SessionState, key: string, extra: readonly Arrival[] = []): Projection {
  let byKey = cache.get(state);
  if (!byKey) {
    byKey = new Map();
    cache.set(state, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;
  const projection = project(state, extra);
  byKey.set(key, projection);
  return projection;
}

function project(state: SessionState, extra: readonly Arrival[]): Projection {
  const from = state.sim.day;
  const to = Math.max(from, lastStep(state));
  const arrivals = new Map<number, Effect[]>();
  const add = (step: number, effects: readonly Effect[]) => {
    const at = Math.max(from + 1, step);
    arrivals.set(at, [...(arrivals.get(at) ?? []), ...expectedEffects(effects)]);
  };
  for (const p of state.pendingEffects) add(p.dueDay, p.effects);
  for (const a of extra) add(a.step, a.effects);
  const own = state.sim.scenarioMetrics;
  // Noise off: its mean is zero, and the projection must not draw from the session's generator.
  const quiet: SimState = own
    ? {
        ...state.sim,
        scenarioMetrics: { ...own, definitions: own.definitions.map(({ noise: _noise, ...d }) => d) },
      }
    : state.sim;
  const ran = to > from ? run(quiet, to - from, (step) => ({ effects: arrivals.get(step) ?? [] })) : quiet;
  const history = ran.history;
  const valueAt = (metric: string, step: number): number => {
    const i = Math.min(history.length - 1, Math.max(0, step));
    return history[i]?.metrics[metric as keyof (typeof history)[number]['metrics']] ?? Number.NaN;
  };
  return {
    from,
    to,
    valueAt,
    meanAt(metric, step, window) {
      if (window === undefined || window <= 1) return valueAt(metric, step);
      const first = Math.max(0, step - Math.floor(window) + 1);
      let sum = 0;
      for (let s = first; s <= step; s++) sum += valueAt(metric, s);
      return sum / (step - first + 1);
    },
  };
}
