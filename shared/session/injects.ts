import { onMetricsOnly } from '../scenario/condition-schema';
import type { Inject, Phase } from '../scenario/schema';
import { type Effect, effectSchema } from '../sim/effects';
import { holds } from './conditions';
import type { Delivery, InjectCause, InjectTimelineEntry, SessionState } from './state';

/**
 * The inject timeline (the MSEL): which injects are due, and delivering one. Delivery is the only
 * way an inject reaches anyone, it happens at most once per inject (status `ready` -> `sent`), and
 * the delivery records the inject's own audience, so a role outside it never receives it.
 */

export function findInject(state: SessionState, injectId: string): Inject | undefined {
  return state.scenario.injects.find((i) => i.id === injectId);
}

export function timelineEntry(state: SessionState, injectId: string): InjectTimelineEntry | undefined {
  return state.injects.find((e) => e.injectId === injectId);
}

export function audienceIncludes(audience: 'all' | readonly string[], roleId: string): boolean {
  return audience === 'all' || audience.includes(roleId);
}

/** What a player of `roleId` has received, in delivery order. */
export function inboxFor(state: SessionState, roleId: string): Delivery[] {
  return state.deliveries.filter((d) => audienceIncludes(d.audience, roleId));
}

/**
 * An inject's effects as the simulation takes them. Scenario validation refuses parameter
 * references in injects (shared/scenario/semantics.ts), so every effect parses.
 */
export function injectEffects(inject: Inject): Effect[] {
  return inject.effects.flatMap((effect) => {
    const parsed = effectSchema.safeParse(effect);
    return parsed.success ? [parsed.data] : [];
  });
}

function ready(state: SessionState): InjectTimelineEntry[] {
  return state.injects.filter((e) => e.status === 'ready' && !e.queued);
}

/** Ready injects scheduled for this round and phase. */
export function dueScheduled(state: SessionState, round: number, phase: Phase): string[] {
  return ready(state)
    .filter((e) => e.trigger.type === 'scheduled' && e.trigger.round === round && e.trigger.phase === phase)
    .map((e) => e.injectId);
}

/** Ready injects whose simulated day has come. */
export function dueByDay(state: SessionState, day: number): string[] {
  return ready(state)
    .filter((e) => e.trigger.type === 'day' && e.trigger.day <= day)
    .map((e) => e.injectId);
}

/**
 * Ready conditional injects whose condition holds now. `which`: `metrics` for the conditions on
 * metrics alone (tested once the round's days have run, as they always were), `decisions` for the
 * others, which name a decision, a delivery or time and are tested as soon as that can change
 * (after the round's decisions are applied, and after each simulated step), so an inject on
 * "the ransom is paid" fires at the resolution that pays it, on replay too.
 */
export function dueByCondition(
  state: SessionState,
  which: 'metrics' | 'decisions' | 'all' = 'all',
): string[] {
  return ready(state)
    .filter((e) => {
      if (e.trigger.type !== 'condition') return false;
      const metricsOnly = onMetricsOnly(e.trigger.condition);
      if ((which === 'metrics' && !metricsOnly) || (which === 'decisions' && metricsOnly)) return false;
      return holds(state, e.trigger.condition);
    })
    .map((e) => e.injectId);
}

/** When an inject is delivered: the day it is recorded on, and the simulated day its effects apply. */
export interface DeliveryTiming {
  day: number;
  effectDay: number;
}

/** Between resolutions: recorded on the current day, effective on the next simulated day. */
export function betweenDays(state: SessionState): DeliveryTiming {
  return { day: state.sim.day, effectDay: state.sim.day + 1 };
}

/**
 * Hands an inject to its audience: marks it sent, records the delivery, and queues its effects for
 * `timing.effectDay`. A no-op for an inject that is not ready, which is what makes delivery
 * exactly-once.
 */
export function deliverInject(
  state: SessionState,
  injectId: string,
  cause: InjectCause,
  at: number,
  timing: DeliveryTiming,
): SessionState {
  const inject = findInject(state, injectId);
  const entry = timelineEntry(state, injectId);
  if (!inject || !entry || entry.status !== 'ready') return state;
  const sentAt = { round: state.round, day: timing.day, phase: state.phase, at, cause };
  const delivery: Delivery = {
    injectId,
    audience: inject.audience,
    ...sentAt,
    ...(entry.live ? { live: true as const } : {}),
  };
  const effects = injectEffects(inject);
  return {
    ...state,
    injects: state.injects.map((e) =>
      e.injectId === injectId ? { ...e, status: 'sent', queued: false, sentAt } : e,
    ),
    deliveries: [...state.deliveries, delivery],
    pendingEffects:
      effects.length > 0
        ? [
            ...state.pendingEffects,
            { dueDay: timing.effectDay, source: { kind: 'inject', injectId }, effects },
          ]
        : state.pendingEffects,
  };
}

export function deliverAll(
  state: SessionState,
  injectIds: readonly string[],
  cause: InjectCause,
  at: number,
): SessionState {
  return injectIds.reduce((s, id) => deliverInject(s, id, cause, at, betweenDays(s)), state);
}
