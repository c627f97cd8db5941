import type { Action } from '../../../shared/scenario/schema';
import { mayPropose, mayReview, mayVeto, mayVote } from '../../../shared/session/authority';
import { requiredApprovals } from '../../../shared/session/decision-rules';
import type { Proposal } from '../../../shared/session/state';
import type { PublicScenario } from '../../../shared/views/view';

/**
 * Which controls to offer a role, from the same functions the session uses to decide (so the
 * client never re-states a rule). These only hide buttons that would be refused: the server
 * still checks every command.
 */

export interface ProposalControls {
  review: boolean;
  veto: boolean;
  vote: boolean;
  withdraw: boolean;
}

export function proposableActions(scenario: PublicScenario, roleId: string): Action[] {
  return scenario.actions.filter((action) => mayPropose(scenario, roleId, action));
}

export function controlsFor(scenario: PublicScenario, roleId: string, proposal: Proposal): ProposalControls {
  const action = scenario.actions.find((a) => a.id === proposal.actionId);
  if (!action || proposal.status !== 'open')
    return { review: false, veto: false, vote: false, withdraw: false };
  const own = proposal.proposer.roleId === roleId;
  return {
    review: !own && mayReview(scenario, roleId, action),
    veto: !own && mayVeto(scenario, roleId, action),
    vote: mayVote(scenario, roleId, action),
    withdraw: own,
  };
}

/** Roles whose approval this proposal needs at its spend. */
export function approvalsNeeded(scenario: PublicScenario, proposal: Proposal): string[] {
  return requiredApprovals(scenario, proposal.actionId, proposal.spendUsd);
}
