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
import type { Command } from '../../shared/session/commands';
import { proposeBlocker } from '../../shared/session/decide-table';
import { requiredApprovals } from '../../shared/session/decision-rules';
import { isLive } from '../../shared/session/phases';
import type { Proposal, SessionState } from '../../shared/session/state';
import { metricValue } from '../../shared/sim';
import { needs, tieBreak, timesTried, worries, worthTo } from './computer-player-needs';
import { objectiveWorth } from './computer-player-objectives';

/**
 * A computer player for a required role nobody holds: a small rule-based policy (after the
 * computer-played roles of good-ancestors/ttx) that issues the same commands a person would, so a
 * table of three can play a four-role scenario and tests and dry runs can play whole games. It is a
 * pure function of the state: the same state always gives the same moves, so games are repeatable.
 *
 * It reads the situation as the role would (computer-player-needs.ts): how badly each area needs
 * help from the sim metrics, which of those needs the role worries about from its authority, and
 * which needs each action's effects answer. Each phase a computer player, in this order: vetoes
 * proposals it may veto that would spend most of the money left; reviews the proposals whose
 * decision waits on it, or that it objects to (cost with no answer to anything it worries about);
 * votes the same way; proposes, in deliberation, up to two affordable actions that best answer its
 * worries (skipping what is done, blocked or already on the table); then says it is ready.
 *
 * That reading is the infrastructure model's (its tiers, money and runway). A scenario that runs
 * its own model (model.infrastructure false, issue 16) is read from its objectives, end states and
 * metric definitions instead (computer-player-objectives.ts): the same moves, judged by what an
 * action does for the goals still open, with no money rules (such a scenario has no cash to pay from).
 */

/** Most proposals one computer player makes in a round: enough to cover two needs, few enough for the CFO. */
const PROPOSALS_PER_ROUND = 2;
/** Below this worth a proposal is not made: a sensible player does not propose for the sake of it. */
const MIN_WORTH = 0.15;
/** A repeatable action is worth this much less each time it has already been tried. */
const REPEAT_DECAY = 0.5;
/** Spend above this share of the money left is "costly": it must answer something the role worries about. */
const COSTLY_SHARE = 0.01;

/** A proposal this bad for the goals, to a role that may veto it, is vetoed (own-model scenarios). */
const VETO_WORTH = -0.5;
/** A setback this small is not worth blocking a proposal over (own-model scenarios: a $75K fee against $25M). */
const NEGLIGIBLE_WORTH = 0.05;

/** Whether the scenario runs the infrastructure model, whose reading is computer-player-needs.ts. */
function infrastructureModel(state: SessionState): boolean {
  return state.scenario.model?.infrastructure !== false;
}

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
    const mine = state.proposals.filter((p) => p.round === state.round && p.proposer.by === me).length;
    if (state.phase === 'deliberation' && mine < PROPOSALS_PER_ROUND) {
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

/** Up-front price plus a year of running cost, as a share of the money left. */
function priceShare(state: SessionState, capexUsd: number, opexUsdPerMonth: number): number {
  const available = availableFundsUsd(state.sim);
  return available > 0 ? (capexUsd + 12 * opexUsdPerMonth) / available : 1;
}

function verdict(state: SessionState, roleId: string, proposal: Proposal, action: Action): Verdict {
  return infrastructureModel(state)
    ? infrastructureVerdict(state, roleId, proposal, action)
    : goalVerdict(state, roleId, proposal, action);
}

/** The worth of a proposal to a role, by the goals still open (own-model scenarios). */
function goalWorth(state: SessionState, roleId: string, proposal: Proposal, action: Action) {
  const resolved = resolveAction(action, proposal.params);
  return objectiveWorth(
    state,
    roleId,
    action,
    resolved.ok ? resolved.effects : [],
    JSON.stringify(proposal.params),
  );
}

function goalVerdict(state: SessionState, roleId: string, proposal: Proposal, action: Action): Verdict {
  const { value, reason } = goalWorth(state, roleId, proposal, action);
  if (value < -NEGLIGIBLE_WORTH)
    return { favourable: false, why: `it sets back what we must achieve (worth ${value.toFixed(2)})` };
  return {
    favourable: true,
    why: reason ? `it helps: ${reason}` : 'nothing we must achieve stands against it',
  };
}

/** The infrastructure model's verdict: money left, runway, and the needs of the tiers and the team. */
function infrastructureVerdict(
  state: SessionState,
  roleId: string,
  proposal: Proposal,
  action: Action,
): Verdict {
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
  const resolved = resolveAction(action, proposal.params);
  const effects = resolved.ok ? resolved.effects : [];
  const { value, reason } = worthTo(state, effects, needs(state), worries(state.scenario, roleId));
  const price = priceShare(state, proposal.capexUsd, proposal.opexUsdPerMonth);
  const yearly = proposal.capexUsd + 12 * proposal.opexUsdPerMonth;
  if (price > COSTLY_SHARE && value < price * 10) {
    return {
      favourable: false,
      why: `${formatUsd(yearly)} over a year buys too little against what worries me now`,
    };
  }
  if (value < 0) {
    return { favourable: false, why: `it makes ${reason ?? 'what worries me'} worse` };
  }
  return {
    favourable: true,
    why: reason
      ? `answers ${reason} for ${formatUsd(yearly)} over a year, with ${formatUsd(available)} left`
      : `affordable: ${formatUsd(proposal.spendUsd)} against ${formatUsd(available)} left`,
  };
}

function judgeProposal(state: SessionState, roleId: string, proposal: Proposal): Command[] {
  const action = findAction(state.scenario, proposal.actionId);
  if (!action) return [];
  const me = computerKey(roleId);
  const { favourable, why } = verdict(state, roleId, proposal, action);
  // A role speaks on a proposal when the decision waits on it, or to object; a nod nobody needs
  // would only add to its load (the dry run flags a CFO who signs everything).
  const needed = requiredApprovals(state.scenario, action.id, proposal.spendUsd).includes(roleId);
  const moves: Command[] = [];
  if (mayVeto(state.scenario, roleId, action) && vetoes(state, roleId, proposal, action)) {
    moves.push({ type: 'veto', proposalId: proposal.id, rationale: why });
  }
  if (
    mayReview(state.scenario, roleId, action) &&
    (needed || !favourable) &&
    !proposal.reviews.some((r) => r.by === me)
  ) {
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

/**
 * Whether a role that may veto the proposal does: the infrastructure model vetoes spending of more
 * than half the money left; an own-model scenario, what sets its goals back badly.
 */
function vetoes(state: SessionState, roleId: string, proposal: Proposal, action: Action): boolean {
  if (infrastructureModel(state)) return proposal.capexUsd > availableFundsUsd(state.sim) / 2;
  return goalWorth(state, roleId, proposal, action).value <= VETO_WORTH;
}

/** A proposer votes for its own proposal when the action is put to a vote. */
function backOwnProposal(state: SessionState, roleId: string, proposal: Proposal): Command[] {
  const action = findAction(state.scenario, proposal.actionId);
  if (!action || !mayVote(state.scenario, roleId, action)) return [];
  if (proposal.votes.some((v) => v.by === computerKey(roleId))) return [];
  if (!infrastructureModel(state)) {
    // An option put on the table only to have it decided (chooseForGoals) gets the proposer's own judgement.
    const { favourable, why } = goalVerdict(state, roleId, proposal, action);
    return [
      {
        type: 'vote',
        proposalId: proposal.id,
        vote: favourable ? 'yes' : 'no',
        rationale: why,
        confidence: 4,
      },
    ];
  }
  return [{ type: 'vote', proposalId: proposal.id, vote: 'yes', rationale: 'my proposal', confidence: 4 }];
}

/** The action this role should propose now, with its default parameters, or none worth proposing. */
function chooseProposal(state: SessionState, roleId: string): Command | undefined {
  return infrastructureModel(state) ? chooseForNeeds(state, roleId) : chooseForGoals(state, roleId);
}

/** Whether the role may put the action on the table now (authority, prerequisites, limits, not already there). */
function mayTable(state: SessionState, roleId: string, action: Action): boolean {
  return (
    mayPropose(state.scenario, roleId, action) &&
    !proposeBlocker(state, action.id) &&
    !state.proposals.some((p) => p.round === state.round && p.actionId === action.id)
  );
}

/**
 * The action that does most for the goals still open (own-model scenarios). With nothing worth
 * proposing, a role puts on the table one of its options nobody has raised yet in the exercise, the
 * least harmful first, and lets the table decide it by the same reading: an exercise is there to
 * talk the options through, and a rehearsal (the dry run) has to walk the paths each decision opens
 * (the injects a refused ransom or a paid one triggers), not only the best one.
 */
function chooseForGoals(state: SessionState, roleId: string): Command | undefined {
  let best: { action: Action; score: number; reason: string } | undefined;
  let untried: { action: Action; score: number } | undefined;
  for (const action of state.scenario.actions) {
    if (!mayTable(state, roleId, action)) continue;
    const resolved = resolveAction(action, {});
    if (!resolved.ok) continue;
    const { value, reason } = objectiveWorth(state, roleId, action, resolved.effects, 'default');
    if (!state.proposals.some((p) => p.actionId === action.id)) {
      const score = value + tieBreak(state, roleId, action.id, 0.1);
      if (!untried || score > untried.score) untried = { action, score };
    }
    if (!reason) continue;
    const worth = value * REPEAT_DECAY ** timesTried(state, action);
    if (worth < MIN_WORTH) continue;
    const score = worth + tieBreak(state, roleId, action.id, 0.1);
    if (!best || score > best.score) best = { action, score, reason };
  }
  if (best)
    return {
      type: 'propose',
      actionId: best.action.id,
      params: {},
      rationale: `Computer player: "${best.action.title}" does most for what we must achieve (${best.reason}).`,
    };
  if (untried)
    return {
      type: 'propose',
      actionId: untried.action.id,
      params: {},
      rationale: `Computer player: nobody has raised "${untried.action.title}" yet; the table should decide it.`,
    };
  return undefined;
}

/** The infrastructure model's choice: the action that best answers the needs the role worries about. */
function chooseForNeeds(state: SessionState, roleId: string): Command | undefined {
  const need = needs(state);
  const worry = worries(state.scenario, roleId);
  const available = availableFundsUsd(state.sim);
  let best: { action: Action; score: number; reason: string } | undefined;
  for (const action of state.scenario.actions) {
    if (!mayPropose(state.scenario, roleId, action) || proposeBlocker(state, action.id)) continue;
    if (state.proposals.some((p) => p.round === state.round && p.actionId === action.id)) continue;
    const resolved = resolveAction(action, {});
    if (!resolved.ok || resolved.capexUsd > available * 0.3) continue;
    const { value, reason } = worthTo(state, resolved.effects, need, worry);
    if (!reason) continue;
    // Money weighs more on a role that answers for cost.
    const price = priceShare(state, resolved.capexUsd, resolved.opexUsdPerMonth) * (1 + 2 * worry.cost);
    const worth = value * REPEAT_DECAY ** timesTried(state, action) - price;
    if (worth < MIN_WORTH) continue;
    const score = worth + tieBreak(state, roleId, action.id, 0.1);
    if (!best || score > best.score) best = { action, score, reason };
  }
  if (!best) return undefined;
  return {
    type: 'propose',
    actionId: best.action.id,
    params: {},
    rationale: `Computer player: "${best.action.title}" answers the most pressing need (${best.reason}).`,
  };
}
