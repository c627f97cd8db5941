import type { MAJORITIES, Scenario } from '../scenario/schema';
import type { ParticipantKey } from './actor';
import { type AuthorityScenario, decisionRuleFor, findAction, roleName } from './authority';
import type { Proposal, Stance } from './state';

/**
 * How a proposal stands under the scenario's decision rule, as a pure function of the recorded
 * facts (reviews, vetoes, votes, override). The round's resolution closes every open proposal with
 * `standing(...)`: passing ones are approved, the rest rejected with the reason in words.
 *
 * The rules, in order:
 * 1. withdrawn, vetoed or overridden proposals are final;
 * 2. every approval the rule requires at this spend must be given; the proposer's own role counts
 *    as approving; a role's stance is its players' latest review; a required role that rejects
 *    fails the proposal (other roles' rejections are on the record but do not block);
 * 3. when the rule has a vote, the cast votes (each participant's latest) must reach the majority;
 *    a tie fails a simple majority, and no votes at all fail any vote.
 * Within the proposer's authority and with nothing required, the proposal passes: it is the
 * proposer's call.
 */

export type Majority = (typeof MAJORITIES)[number];

export interface VoteTally {
  yes: number;
  no: number;
  majority: Majority;
  passes: boolean;
}

export interface Standing {
  passes: boolean;
  reason: string;
  /** Roles whose approval is required at this spend and not (yet) given. */
  missingApprovals: string[];
  /** Required roles whose latest word is a rejection. */
  rejectedBy: string[];
  vote: VoteTally | null;
}

/** The latest entry of each participant, in the order of those latest entries. */
export function latestByParticipant<T extends { by: ParticipantKey }>(items: readonly T[]): T[] {
  const latest = new Map<ParticipantKey, T>();
  for (const item of items) {
    latest.delete(item.by);
    latest.set(item.by, item);
  }
  return [...latest.values()];
}

/** Roles whose approval the rule requires for a proposal spending `spendUsd`. */
export function requiredApprovals(scenario: AuthorityScenario, actionId: string, spendUsd: number): string[] {
  const action = findAction(scenario, actionId);
  if (!action) return [];
  const rule = decisionRuleFor(scenario, action);
  const roles = rule.approvals
    .filter((a) => a.whenSpendAboveUsd === undefined || spendUsd > a.whenSpendAboveUsd)
    .map((a) => a.role);
  return [...new Set(roles)];
}

/** A role's current word on a proposal: its players' latest review, or approve when it proposed. */
export function roleStance(proposal: Proposal, roleId: string): Stance | null {
  if (proposal.proposer.roleId === roleId) return 'approve';
  const reviews = proposal.reviews.filter((r) => r.roleId === roleId);
  return reviews.at(-1)?.stance ?? null;
}

export function majorityReached(yes: number, no: number, majority: Majority): boolean {
  const cast = yes + no;
  if (cast === 0) return false;
  switch (majority) {
    case 'simple':
      return yes > no;
    case 'two-thirds':
      return yes * 3 >= cast * 2;
    case 'unanimous':
      return no === 0;
  }
}

export function tallyVotes(proposal: Proposal, majority: Majority): VoteTally {
  const votes = latestByParticipant(proposal.votes);
  const yes = votes.filter((v) => v.vote === 'yes').length;
  const no = votes.length - yes;
  return { yes, no, majority, passes: majorityReached(yes, no, majority) };
}

export function standing(scenario: Scenario, proposal: Proposal): Standing {
  const none = { missingApprovals: [], rejectedBy: [], vote: null };
  switch (proposal.status) {
    case 'withdrawn':
    case 'vetoed':
    case 'rejected':
      return { passes: false, reason: proposal.statusReason, ...none };
    case 'approved':
      return { passes: true, reason: proposal.statusReason, ...none };
    case 'open':
      break;
  }
  const action = findAction(scenario, proposal.actionId);
  if (!action) return { passes: false, reason: `unknown action ${proposal.actionId}`, ...none };
  const rule = decisionRuleFor(scenario, action);
  const required = requiredApprovals(scenario, proposal.actionId, proposal.spendUsd);
  const rejectedBy = required.filter((role) => roleStance(proposal, role) === 'reject');
  const missingApprovals = required.filter((role) => roleStance(proposal, role) !== 'approve');
  const vote = rule.vote ? tallyVotes(proposal, rule.vote.majority) : null;
  const names = (roles: string[]) => roles.map((r) => roleName(scenario, r)).join(', ');

  if (rejectedBy.length > 0) {
    return { passes: false, reason: `rejected by ${names(rejectedBy)}`, missingApprovals, rejectedBy, vote };
  }
  if (missingApprovals.length > 0) {
    return {
      passes: false,
      reason: `needs approval from ${names(missingApprovals)}`,
      missingApprovals,
      rejectedBy,
      vote,
    };
  }
  if (vote) {
    const count = `${vote.yes}-${vote.no}`;
    if (vote.yes + vote.no === 0) {
      return {
        passes: false,
        reason: `needs a ${vote.majority} majority vote; no votes cast`,
        missingApprovals,
        rejectedBy,
        vote,
      };
    }
    const reason = vote.passes
      ? `vote carried ${count} (${vote.majority} majority)`
      : vote.yes === vote.no
        ? `vote tied ${count}`
        : `vote failed ${count} (${vote.majority} majority needed)`;
    return { passes: vote.passes, reason, missingApprovals, rejectedBy, vote };
  }
  const approvedBy =
    required.length > 0 ? `approved by ${names(required)}` : "within the proposer's authority";
  return { passes: true, reason: approvedBy, missingApprovals, rejectedBy, vote };
}
