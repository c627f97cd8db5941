import { simulateDay } from './day';
import { advanceScenarioMetrics, idleOutcome, type MetricEffect } from './scenario-metrics';
import type { DayInputs, SimState } from './state';

const NO_INPUTS: DayInputs = { effects: [] };

/**
 * A working copy of everything a day may change. The model and past outcomes are never mutated,
 * so they are shared; history gets a new array.
 */
function workingCopy(state: SimState): SimState {
  const p = state.pending;
  return {
    day: state.day,
    rng: state.rng,
    model: state.model,
    traffic: { ...state.traffic },
    database: { ...state.database },
    cache: { ...state.cache },
    app: { ...state.app, autoscaling: { ...state.app.autoscaling } },
    cdn: { ...state.cdn },
    storage: { ...state.storage },
    money: { ...state.money, extraOpexUsdPerMonth: { ...state.money.extraOpexUsdPerMonth } },
    people: { ...state.people, engineers: { ...state.people.engineers } },
    risk: {
      ...state.risk,
      levels: { ...state.risk.levels },
      compliance: { ...state.risk.compliance },
    },
    pending: {
      projects: p.projects.map((x) => ({ ...x })),
      hires: p.hires.map((x) => ({ ...x })),
      spikes: p.spikes.map((x) => ({ ...x })),
      outages: p.outages.map((x) => ({ ...x })),
      growth: p.growth.map((x) => ({ ...x })),
      costShocks: p.costShocks.map((x) => ({ ...x })),
      deadlines: p.deadlines.map((x) => ({ ...x })),
      commitments: p.commitments.map((x) => ({ ...x })),
      oneOffUsd: p.oneOffUsd,
      capexUsd: p.capexUsd,
      fundingUsd: p.fundingUsd,
      events: p.events.map((x) => ({ ...x })),
    },
    landed: [...state.landed],
    history: [...state.history],
    ...(state.scenarioMetrics
      ? {
          scenarioMetrics: {
            ...state.scenarioMetrics,
            values: { ...state.scenarioMetrics.values },
            pending: state.scenarioMetrics.pending.map((x) => ({ ...x })),
          },
        }
      : {}),
  };
}

/**
 * One step of everything the scenario's model runs: the infrastructure model (shared/sim/day.ts)
 * unless the scenario turned it off, then the scenario's own metrics. A state without scenario
 * metrics (SocialWave) takes exactly the infrastructure day it always did.
 */
function advance(state: SimState, inputs: DayInputs): void {
  const metrics = state.scenarioMetrics;
  if (!metrics) {
    simulateDay(state, inputs.effects, inputs.audiences);
    return;
  }
  const infra: DayInputs['effects'][number][] = [];
  const infraAudiences: (readonly string[] | undefined)[] = [];
  const own: { effect: MetricEffect; audience: readonly string[] | undefined }[] = [];
  inputs.effects.forEach((effect, i) => {
    const audience = inputs.audiences?.[i];
    if (effect.type === 'metric') own.push({ effect, audience });
    else {
      infra.push(effect);
      infraAudiences.push(audience);
    }
  });
  let outcome = state.history[state.history.length - 1];
  if (metrics.infrastructure) {
    outcome = simulateDay(state, infra, inputs.audiences ? infraAudiences : undefined);
  } else {
    outcome = idleOutcome(state);
    state.history.push(outcome);
  }
  if (outcome) advanceScenarioMetrics(state, metrics, own, outcome);
}

/** Advances one simulated day. Pure: `state` is not modified; the same inputs give the same result. */
export function step(state: SimState, inputs: DayInputs = NO_INPUTS): SimState {
  const next = workingCopy(state);
  advance(next, inputs);
  return next;
}

/**
 * Advances `days` days; `inputsForDay(day)` gives the effects applied at the start of that day
 * (day = state.day + 1, ...). Equivalent to calling `step` repeatedly, with one copy instead of many.
 */
export function run(state: SimState, days: number, inputsForDay?: (day: number) => DayInputs): SimState {
  const next = workingCopy(state);
  for (let i = 0; i < days; i++) {
    const inputs = inputsForDay ? inputsForDay(next.day + 1) : NO_INPUTS;
    advance(next, inputs);
  }
  return next;
}

/**
 * A private working copy advanced in place, for a caller that must look between days (the round's
 * resolution delivers injects and judges objectives after each one): one copy for many days, as
 * `run` does, instead of a copy of the state, history included, every day. `state` is the copy; the
 * state it was made from is not modified. Once the caller is done it must not call `advance` again:
 * the copy then belongs to whoever holds it, as immutable as any other state.
 */
export interface Stepper {
  readonly state: SimState;
  advance(inputs?: DayInputs): void;
}

export function stepper(from: SimState): Stepper {
  const state = workingCopy(from);
  return { state, advance: (inputs = NO_INPUTS) => advance(state, inputs) };
}
