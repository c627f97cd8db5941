import type { Action } from '../scenario/schema';
import type { ParticipantKey } from './actor';
import { type AuthorityScenario, mayPropose, mayReview, mayVeto, mayVote } from './authority';
import { proposeBlocker } from './decide-table';
import { requiredApprovals, roleStance } from './decision-rules';
import type { Rejection } from './errors';
import { canTake, hasEnded, type PhaseSituation, phaseRefusal } from './machine';
import type { Proposal, SessionState } from './state';

/**
 * What a viewer may do now, asked of the same rules `decide` applies (the machine for phases,
 * authority.ts for who may do what, `proposeBlocker` for prerequisites and once-only actions), so a
 * client never restates a rule. It reads only what every viewer's projection carries. These answers
 * decide which controls to offer; the server still decides every command.
 */

/** What every view carries of the session's phase (the scenario comes separately, as the public scenario). */
export type ViewSituation = Omit<PhaseSituation, 'scenario'> & Pick<SessionState, 'ready' | 'proposals'>;

/** The scenario fields the answers read: the public scenario every viewer holds has them all. */
export type OptionsScenario = AuthorityScenario & { rounds: { count: number } };

export interface ProposalOptions {
  review: boolean;
  veto: boolean;
  vote: boolean;
  withdraw: boolean;
}

const NONE: ProposalOptions = { review: false, veto: false, vote: false, withdraw: false };

function situation(view: Omit<PhaseSituation, 'scenario'>, scenario: OptionsScenario): PhaseSituation {
  return { ...view, scenario };
}

/** Whether this seat may say it is done with the current phase (in the lobby too: ready to start). */
export function mayMarkReady(view: ViewSituation, scenario: OptionsScenario, seat: ParticipantKey): boolean {
  return canTake(situation(view, scenario), 'player-ready') && !view.ready.includes(seat);
}

/** Whether proposals can be made and decided now (deliberation and decision, clock running). */
export function proposalsOpen(view: Omit<PhaseSituation, 'scenario'>, scenario: OptionsScenario): boolean {
  return canTake(situation(view, scenario), 'proposal-submitted');
}

/** The actions this role may propose at all (its authority), in catalog order. */
export function proposableActions(scenario: OptionsScenario, roleId: string): Action[] {
  return scenario.actions.filter((action) => mayPropose(scenario, roleId, action));
}

/** Why this action cannot be proposed now by anyone (prerequisites, once-only), or undefined. */
export function proposalBlocker(
  view: ViewSituation,
  scenario: OptionsScenario & { actions: Action[] },
  actionId: string,
): Rejection | undefined {
  return proposeBlocker({ proposals: view.proposals, round: view.round, scenario }, actionId);
}

/** Which of a proposal's controls this seat may use now. */
export function proposalOptions(
  view: ViewSituation,
  scenario: OptionsScenario,
  seat: { key: ParticipantKey; roleId: string },
  proposal: Proposal,
): ProposalOptions {
  const action = scenario.actions.find((a) => a.id === proposal.actionId);
  if (!action || proposal.status !== 'open' || !proposalsOpen(view, scenario)) return NONE;
  return {
    review: mayReview(scenario, seat.roleId, action),
    veto: mayVeto(scenario, seat.roleId, action),
    vote: mayVote(scenario, seat.roleId, action),
    withdraw: proposal.proposer.by === seat.key,
  };
}

/**
 * The open proposals waiting for this seat's word now, for a player's "what awaits me": ones whose
 * approval the rules require of the seat's role and that role has not given or refused yet, and
 * ones put to a vote the seat may cast and has not. A veto is a right, not a duty: it awaits no one.
 */
export function awaitingSeat(
  view: ViewSituation,
  scenario: OptionsScenario,
  seat: { key: ParticipantKey; roleId: string },
): Proposal[] {
  return view.proposals.filter((proposal) => {
    const options = proposalOptions(view, scenario, seat, proposal);
    const mustReview =
      options.review &&
      requiredApprovals(scenario, proposal.actionId, proposal.spendUsd).includes(seat.roleId) &&
      roleStance(proposal, seat.roleId) === null;
    const mayStillVote = options.vote && !proposal.votes.some((v) => v.by === seat.key);
    return mustReview || mayStillVote;
  });
}

export interface FacilitatorOptions {
  start: boolean;
  advance: boolean;
  pause: boolean;
  resume: boolean;
  extend: boolean;
  fireInject: boolean;
  end: boolean;
}

/** The facilitator's flow controls that the game master would take now. */
export function facilitatorOptions(
  view: Omit<PhaseSituation, 'scenario'>,
  scenario: OptionsScenario,
): FacilitatorOptions {
  const now = situation(view, scenario);
  return {
    start: canTake(now, 'exercise-started'),
    advance: phaseRefusal(now, 'phase-advanced') === null,
    pause: canTake(now, 'session-paused'),
    resume: canTake(now, 'session-resumed'),
    extend: canTake(now, 'timer-extended'),
    fireInject: canTake(now, 'inject-fired'),
    end: !hasEnded(now),
  };
}
