import type { Command } from '../../shared/protocol/commands';
import { resolveAction } from '../../shared/scenario/resolve-action';
import type { Action } from '../../shared/scenario/schema';
import { computerKey } from '../../shared/session/actor';
import {
  computerRoles,
  findAction,
  mayPropose,
  mayReview,
  mayVeto,
  mayVote,
} from '../../shared/session/authority';
import { availableFundsUsd, formatUsd } from '../../shared/session/budget';
import { proposeBlocker } from '../../shared/session/decide-table';
import { isLive } from '../../shared/session/phases';
import type { Proposal, SessionState } from '../../shared/session/state';
import { metricValue } from '../../shared/sim';
import type { Effect } from '../../shared/sim/effects';
import type { MetricName } from '../../shared/sim/metrics';

/**
 * A computer player for a required role nobody holds: a small rule-based policy (after the
 * computer-played roles of good-ancestors/ttx) that issues the same commands a person would, so a
 * table of three can play a four-role scenario and tests and dry runs can play whole games. It is a
 * pure function of the state: the same state always gives the same moves, so games are repeatable.
 *
 * Each phase a computer player, in this order: vetoes proposals it may veto that would spend most
 * of the money left; approves or rejects proposals it reviews (approve when the up-front price is
 * at most a quarter of the money left and the runway allows it); votes the same way; proposes, once
 * a round in deliberation, the affordable action that best answers the metrics under most strain;
 * then says it is ready.
 */

/** Commands to try, best first; the driver issues the first one the session accepts. */
export function computerMoves(state: SessionState, roleId: string): Command[] {
  if (!computerRoles(state).includes(roleId) || state.paused || !isLive(state.phase)) return [];
  const me = computerKey(roleId);
  const moves: Command[] = [];
  if (state.phase === 'deliberation' || state.phase === 'decision') {
    const open = state.proposals.filter((p) => p.round === state.round && p.status === 'open');
    for (const proposal of open) {
      moves.push(
        ...(proposal.proposer.by === me
          ? backOwnProposal(state, roleId, proposal)
          : judgeProposal(state, roleId, proposal)),
      );
    }
    if (
      state.phase === 'deliberation' &&
      !state.proposals.some((p) => p.round === state.round && p.proposer.by === me)
    ) {
      const proposal = chooseProposal(state, roleId);
      if (proposal) moves.push(proposal);
    }
  }
  if (!state.ready.includes(me)) moves.push({ type: 'ready' });
  return moves;
}

interface Verdict {
  favourable: boolean;
  why: string;
}

function verdict(state: SessionState, proposal: Proposal, action: Action): Verdict {
  const available = availableFundsUsd(state.sim);
  const runway = metricValue(state.sim, 'runway-months');
  if (proposal.capexUsd > available / 4) {
    return {
      favourable: false,
      why: `${formatUsd(proposal.capexUsd)} up front is more than a quarter of the ${formatUsd(available)} left`,
    };
  }
  if (runway < 4 && proposal.spendUsd > 0 && action.category !== 'funding') {
    return { favourable: false, why: `runway is ${runway.toFixed(1)} months; no new spending` };
  }
  return {
    favourable: true,
    why: `affordable: ${formatUsd(proposal.spendUsd)} against ${formatUsd(available)} left`,
  };
}

function judgeProposal(state: SessionState, roleId: string, proposal: Proposal): Command[] {
  const action = findAction(state.scenario, proposal.actionId);
  if (!action) return [];
  const me = computerKey(roleId);
  const { favourable, why } = verdict(state, proposal, action);
  const moves: Command[] = [];
  if (mayVeto(state.scenario, roleId, action) && proposal.capexUsd > availableFundsUsd(state.sim) / 2) {
    moves.push({ type: 'veto', proposalId: proposal.id, rationale: why });
  }
  if (mayReview(state.scenario, roleId, action) && !proposal.reviews.some((r) => r.by === me)) {
    moves.push({
      type: favourable ? 'approve' : 'reject',
      proposalId: proposal.id,
      rationale: why,
      confidence: 3,
    });
  }
  if (mayVote(state.scenario, roleId, action) && !proposal.votes.some((v) => v.by === me)) {
    moves.push({
      type: 'vote',
      proposalId: proposal.id,
      vote: favourable ? 'yes' : 'no',
      rationale: why,
      confidence: 3,
    });
  }
  return moves;
}

/** A proposer votes for its own proposal when the action is put to a vote. */
function backOwnProposal(state: SessionState, roleId: string, proposal: Proposal): Command[] {
  const action = findAction(state.scenario, proposal.actionId);
  if (!action || !mayVote(state.scenario, roleId, action)) return [];
  if (proposal.votes.some((v) => v.by === computerKey(roleId))) return [];
  return [{ type: 'vote', proposalId: proposal.id, vote: 'yes', rationale: 'my proposal', confidence: 4 }];
}

type Need =
  | 'database'
  | 'app'
  | 'cdn'
  | 'availability'
  | 'cost'
  | 'runway'
  | 'morale'
  | 'hours'
  | 'trust'
  | 'investors'
  | 'security'
  | 'compliance'
  | 'operations'
  | 'revenue';

const clamp = (x: number) => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
const bounded = (x: number) => Math.min(1, Math.max(-1, x));

/** How badly each area needs help now, 0..1, from the metrics. */
function needs(state: SessionState): Record<Need, number> {
  const m = (name: MetricName) => metricValue(state.sim, name);
  const model = state.sim.model;
  return {
    database: clamp((m('db-utilization') - 0.7) * 3),
    app: clamp((m('app-utilization') - 0.7) * 3),
    cdn: clamp((m('cdn-utilization') - 0.7) * 3),
    availability: clamp((0.999 - m('availability')) * 100),
    cost: clamp((m('monthly-infra-cost-usd') / model.targetInfraCostUsdPerMonth - 1) * 2),
    runway: clamp((6 - m('runway-months')) / 6),
    morale: clamp((60 - m('morale')) / 40),
    hours: clamp((m('weekly-hours') - 50) / 30),
    trust: clamp((60 - m('user-trust')) / 60),
    investors: clamp((60 - m('investor-confidence')) / 60),
    security: clamp((60 - m('security-posture')) / 60),
    compliance: clamp((60 - m('compliance-gdpr')) / 60),
    operations: clamp((m('incidents-per-shift') - 2) / 4),
    revenue: clamp((model.targetArpuUsd - m('arpu-usd')) / model.targetArpuUsd),
  };
}

/** Which needs an effect answers, with weights. */
function answers(effect: Effect): Partial<Record<Need, number>> {
  switch (effect.type) {
    case 'capacity': {
      const tier: Need =
        effect.target === 'app-servers' ? 'app' : effect.target === 'cdn-capacity' ? 'cdn' : 'database';
      // Removing capacity saves money and hurts the tier it is taken from.
      return effect.delta >= 0
        ? { [tier]: 1, availability: 0.3 }
        : { cost: 1, [tier]: -2, availability: -0.5 };
    }
    case 'start-project':
      switch (effect.project) {
        case 'sharding':
        case 'connection-pooler':
          return { database: 1, availability: 0.3 };
        case 'monolith-extraction':
          return { app: 1 };
        case 'multi-cdn':
          return { cdn: 1, cost: 0.3 };
        case 'observability-platform':
        case 'change-management':
          return { operations: 1, availability: 0.5 };
      }
      return {};
    case 'cache-hit-ratio':
      return { database: 0.8 };
    case 'autoscaling':
      return { app: 0.8, cost: 0.5 };
    case 'commit-spend':
    case 'move-storage':
      return { cost: 1 };
    case 'hire':
      return { operations: 0.5, morale: 0.5 };
    case 'on-call-rotation':
      return { operations: 1, morale: 0.3 };
    case 'weekly-hours':
      return { hours: 1, morale: 0.5 };
    case 'raise-level':
      return effect.level === 'security' ? { security: 1 } : { operations: 0.8 };
    case 'compliance':
      return { compliance: 1 };
    case 'feature-freeze':
      return { availability: 0.3 };
    case 'feature-launch':
      return { revenue: 0.5 };
    case 'communication':
      // Points of trust or confidence, +-10 counting as a full answer (or a full harm) to the need.
      return { trust: bounded(effect.userTrust / 10), investors: bounded(effect.investorConfidence / 10) };
    case 'arpu':
      return { revenue: 1 };
    case 'funding':
      return { runway: 1 };
    default:
      return {};
  }
}

/** The action this role should propose now, with its default parameters, or none worth proposing. */
function chooseProposal(state: SessionState, roleId: string): Command | undefined {
  const need = needs(state);
  const available = availableFundsUsd(state.sim);
  let best: { action: Action; score: number; reason: Need } | undefined;
  for (const action of state.scenario.actions) {
    if (!mayPropose(state.scenario, roleId, action) || proposeBlocker(state, action.id)) continue;
    if (state.proposals.some((p) => p.round === state.round && p.actionId === action.id)) continue;
    const resolved = resolveAction(action, {});
    if (!resolved.ok || resolved.capexUsd > available * 0.3) continue;
    const gains = new Map<Need, number>();
    for (const effect of resolved.effects) {
      for (const [n, weight] of Object.entries(answers(effect)) as [Need, number][]) {
        gains.set(n, (gains.get(n) ?? 0) + weight * need[n]);
      }
    }
    const price = available > 0 ? (resolved.capexUsd + 12 * resolved.opexUsdPerMonth) / available : 1;
    const score = [...gains.values()].reduce((a, b) => a + b, 0) - price;
    const reason = [...gains.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (reason && score > 0.1 && (!best || score > best.score)) best = { action, score, reason };
  }
  if (!best) return undefined;
  return {
    type: 'propose',
    actionId: best.action.id,
    params: {},
    rationale: `Computer player: "${best.action.title}" answers the most pressing need (${best.reason}).`,
  };
}
