import { resolveAction } from '../scenario/resolve-action';
import { timeLabel } from '../scenario/scenario-time';
import type { Objective } from '../scenario/schema';
import { metricValue, modelMetricIds, stepper } from '../sim';
import type { Effect } from '../sim/effects';
import { findAction } from './authority';
import { availableFundsUsd, formatUsd } from './budget';
import { conditionValue, holds } from './conditions';
import { standing } from './decision-rules';
import { deliverAll, deliverInject, dueByCondition, dueByDay } from './injects';
import { explainRound } from './round-explanation';
import type {
  CheckpointResult,
  MetricSnapshot,
  ObjectiveResult,
  PendingEffects,
  Proposal,
  RoundResult,
  SessionState,
} from './state';

/**
 * The round's resolution: the table's decisions meet the simulation.
 * 1. Every open proposal of the round is closed by the decision rules (approved or rejected, with why).
 * 2. Approved proposals, in the order they were made, are paid for if the money is there (cash plus
 *    emergency budget): the price lands on the first simulated day, the other effects after the
 *    action's lead time. An approval the money cannot cover is not applied ("over budget").
 * 3. The simulation advances the round's days one at a time; each day first delivers the injects
 *    whose day has come and applies the effects due; objectives are judged on their day and
 *    checkpoints read on theirs.
 * 4. Conditional injects are tested on the resulting metrics, then the end states: the first that
 *    holds ends the exercise.
 * The round's result (decisions, metrics before and after, why they moved) is kept for the debrief.
 */
export function resolveRound(state: SessionState, at: number): SessionState {
  const fromDay = state.sim.day;
  const before = metricSnapshot(state);
  let next = closeProposals(state);
  next = scheduleApproved(next);
  // An inject on a decision ("the ransom is paid") fires at the resolution that makes it so.
  next = deliverAll(next, dueByCondition(next, 'decisions'), 'condition', at);

  // One working copy of the simulation for the whole round, advanced in place day by day: the
  // states in between are this function's own, and only the last one leaves it.
  const days = stepper(next.sim);
  next = { ...next, sim: days.state };
  for (let i = 0; i < next.scenario.rounds.daysPerRound; i++) {
    const day = next.sim.day + 1;
    next = dueByDay(next, day).reduce(
      (s, id) => deliverInject(s, id, 'day', at, { day, effectDay: day }),
      next,
    );
    const due = next.pendingEffects.filter((p) => p.dueDay <= day);
    if (due.length > 0) {
      const effects: Effect[] = due.flatMap((p) => p.effects);
      const audiences = effectAudiences(next, due);
      next = { ...next, pendingEffects: next.pendingEffects.filter((p) => p.dueDay > day) };
      days.advance(audiences ? { effects, audiences } : { effects });
    } else days.advance();
    next = judgeObjectives(next);
    next = readCheckpoints(next);
    // Conditions on time, deliveries and decisions are tested step by step ("72 hours elapsed").
    next = dueByCondition(next, 'decisions').reduce(
      (s, id) => deliverInject(s, id, 'condition', at, { day, effectDay: day + 1 }),
      next,
    );
  }

  next = deliverAll(next, dueByCondition(next), 'condition', at);
  const endState = next.endState ?? reachedEndState(next);
  const result: RoundResult = {
    round: next.round,
    fromDay,
    toDay: next.sim.day,
    decisions: next.proposals
      .filter((p) => p.round === next.round && p.resolution !== null)
      .map((p) => ({
        proposalId: p.id,
        actionId: p.actionId,
        roleId: p.proposer.roleId,
        applied: p.resolution?.applied ?? false,
        reason: p.resolution?.reason ?? '',
      })),
    injects: next.deliveries.filter((d) => d.round === next.round).map((d) => d.injectId),
    before,
    after: metricSnapshot(next),
    explanations: explainRound(next.sim, fromDay, next.sim.day),
    checkpoints: next.checkpoints.filter((c) => c.round === next.round).map((c) => c.checkpointId),
    endStateId: endState?.endStateId ?? null,
  };
  return { ...next, endState, rounds: [...next.rounds, result] };
}

/**
 * Who may know of what each due effect causes (DESIGN.md invariant 4): the roles of the inject it
 * came from, when that inject was not sent to everyone. Undefined when every effect is public.
 */
function effectAudiences(
  state: SessionState,
  due: readonly PendingEffects[],
): (readonly string[] | undefined)[] | undefined {
  let restricted = false;
  const audiences = due.flatMap((p) => {
    const { source } = p;
    const inject =
      source.kind === 'inject' ? state.scenario.injects.find((i) => i.id === source.injectId) : undefined;
    const audience = inject && inject.audience !== 'all' ? inject.audience : undefined;
    if (audience) restricted = true;
    return p.effects.map(() => audience);
  });
  return restricted ? audiences : undefined;
}

/** Closes the round's open proposals by the rules; every proposal of the round gets its resolution record. */
function closeProposals(state: SessionState): SessionState {
  const day = state.sim.day;
  const proposals = state.proposals.map((p): Proposal => {
    if (p.round !== state.round || p.resolution !== null) return p;
    const closed = p.status === 'open' ? close(state, p) : p;
    if (closed.status === 'approved') return closed;
    return {
      ...closed,
      resolution: { round: state.round, day, applied: false, reason: closed.statusReason },
    };
  });
  return { ...state, proposals };
}

function close(state: SessionState, proposal: Proposal): Proposal {
  const verdict = standing(state.scenario, proposal);
  return { ...proposal, status: verdict.passes ? 'approved' : 'rejected', statusReason: verdict.reason };
}

/** Pays for approved proposals in the order made, and queues their effects after the lead time. */
function scheduleApproved(state: SessionState): SessionState {
  const firstDay = state.sim.day + 1;
  let available = availableFundsUsd(state.sim);
  const pending: PendingEffects[] = [];
  const proposals = state.proposals.map((p): Proposal => {
    if (p.round !== state.round || p.status !== 'approved' || p.resolution !== null) return p;
    const action = findAction(state.scenario, p.actionId);
    const resolved = action ? resolveAction(action, p.params) : undefined;
    const record = (applied: boolean, reason: string): Proposal => ({
      ...p,
      resolution: { round: state.round, day: state.sim.day, applied, reason },
    });
    if (!action || !resolved?.ok) return record(false, `the action can no longer be resolved`);
    if (resolved.capexUsd > available) {
      return record(
        false,
        `${p.statusReason}; not applied: ${formatUsd(resolved.capexUsd)} needed, ${formatUsd(available)} left`,
      );
    }
    available -= resolved.capexUsd;
    const source = { kind: 'proposal', proposalId: p.id } as const;
    const price = resolved.effects.filter((e) => e.type === 'spend');
    const effects = resolved.effects.filter((e) => e.type !== 'spend');
    if (price.length > 0) pending.push({ dueDay: firstDay, source, effects: price });
    if (effects.length > 0) pending.push({ dueDay: firstDay + action.leadTimeDays, source, effects });
    const lands =
      action.leadTimeDays > 0
        ? `, lands on ${timeLabel(state.scenario.rounds.unit, firstDay + action.leadTimeDays)}`
        : '';
    return record(true, `${p.statusReason}${lands}`);
  });
  return { ...state, proposals, pendingEffects: [...state.pendingEffects, ...pending] };
}

/** A tested objective's result now (rated objectives are judged by evaluators, not here). */
function judged(state: SessionState, objective: Objective): ObjectiveResult | undefined {
  if (!objective.test) return undefined;
  const met = holds(state, objective.test);
  return {
    objectiveId: objective.id,
    day: state.sim.day,
    round: state.round,
    met,
    value: conditionValue(state, objective.test, met),
  };
}

function judgeObjectives(state: SessionState): SessionState {
  const day = state.sim.day;
  const results: ObjectiveResult[] = state.scenario.objectives
    .filter((o) => o.byDay === day && !state.objectives.some((r) => r.objectiveId === o.id))
    .flatMap((o) => judged(state, o) ?? []);
  return results.length > 0 ? { ...state, objectives: [...state.objectives, ...results] } : state;
}

/** A checkpoint reads its objectives on its day (the official result is still judged on each objective's own day). */
function readCheckpoints(state: SessionState): SessionState {
  const day = state.sim.day;
  const results: CheckpointResult[] = state.scenario.checkpoints
    .filter((c) => c.day === day && !state.checkpoints.some((r) => r.checkpointId === c.id))
    .map((c) => ({
      checkpointId: c.id,
      day,
      round: state.round,
      objectives: c.objectives.flatMap((id) => {
        const objective = state.scenario.objectives.find((o) => o.id === id);
        return (objective && judged(state, objective)) ?? [];
      }),
    }));
  return results.length > 0 ? { ...state, checkpoints: [...state.checkpoints, ...results] } : state;
}

function reachedEndState(state: SessionState): SessionState['endState'] {
  for (const end of state.scenario.endStates) {
    if (holds(state, end.condition)) {
      const value = conditionValue(state, end.condition, true);
      return { endStateId: end.id, title: end.title, day: state.sim.day, round: state.round, value };
    }
  }
  return null;
}

export function metricSnapshot(state: SessionState): MetricSnapshot {
  return Object.fromEntries(modelMetricIds(state.sim).map((m) => [m, metricValue(state.sim, m)]));
}
