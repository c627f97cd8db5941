import type { Action, DecisionRule, Role, Scenario } from '../scenario/schema';
import { type Actor, computerKey, type ParticipantKey } from './actor';
import type { Player, SessionState } from './state';

/**
 * Who may do what, read from the scenario (DESIGN.md invariant 5: authority lives on the server).
 * A role's `authority` lists action categories; an action's own `proposers` and `decision` rule
 * override the category defaults.
 */

/**
 * The part of a scenario the authority rules read: roles' names and authority, the action catalog
 * and the default decision rule. The public scenario a player receives has all of it, so a client
 * asks these same functions which controls to offer (the server still decides).
 */
export type AuthorityScenario = Pick<Scenario, 'actions' | 'decisionDefaults'> & {
  roles: readonly Pick<Role, 'id' | 'name' | 'authority'>[];
};

export function findRole<R extends Pick<Role, 'id'>>(
  scenario: { roles: readonly R[] },
  roleId: string,
): R | undefined {
  return scenario.roles.find((r) => r.id === roleId);
}

export function findAction(scenario: Pick<Scenario, 'actions'>, actionId: string): Action | undefined {
  return scenario.actions.find((a) => a.id === actionId);
}

export function decisionRuleFor(scenario: Pick<Scenario, 'decisionDefaults'>, action: Action): DecisionRule {
  return action.decision ?? scenario.decisionDefaults;
}

export function activePlayers(state: SessionState): Player[] {
  return state.players.filter((p) => !p.removed);
}

export function playersInRole(state: SessionState, roleId: string): Player[] {
  return activePlayers(state).filter((p) => p.roleId === roleId);
}

/** Required roles, and roles the facilitator reserved, that no person holds: a computer player plays each of them. */
export function computerRoles(state: SessionState): string[] {
  const reserved = state.seating?.reserved ?? [];
  return state.scenario.roles
    .filter((r) => (r.required || reserved.includes(r.id)) && playersInRole(state, r.id).length === 0)
    .map((r) => r.id);
}

/** Roles somebody plays, person or computer, in scenario order. */
export function rolesInPlay(state: SessionState): string[] {
  const computers = computerRoles(state);
  return state.scenario.roles
    .filter((r) => computers.includes(r.id) || playersInRole(state, r.id).length > 0)
    .map((r) => r.id);
}

/** Everyone whose readiness counts: active players and computer-played roles. */
export function participants(state: SessionState): ParticipantKey[] {
  return [...activePlayers(state).map((p) => p.id), ...computerRoles(state).map(computerKey)];
}

export interface Seat {
  key: ParticipantKey;
  roleId: string;
}

/**
 * The seat a player or computer actor occupies, or undefined when the actor may not play: a removed
 * or unknown player, or a computer for a role a person holds (or that is not required).
 */
export function seatOf(state: SessionState, actor: Actor): Seat | undefined {
  if (actor.kind === 'player') {
    const player = state.players.find((p) => p.id === actor.playerId);
    return player && !player.removed ? { key: player.id, roleId: player.roleId } : undefined;
  }
  if (actor.kind === 'computer') {
    return computerRoles(state).includes(actor.roleId)
      ? { key: computerKey(actor.roleId), roleId: actor.roleId }
      : undefined;
  }
  return undefined;
}

export function mayPropose(scenario: AuthorityScenario, roleId: string, action: Action): boolean {
  if (action.proposers) return action.proposers.includes(roleId);
  return findRole(scenario, roleId)?.authority.propose.includes(action.category) ?? false;
}

/** Roles whose approval or rejection counts: those the rule names and those with approve authority for the category. */
export function mayReview(scenario: AuthorityScenario, roleId: string, action: Action): boolean {
  const rule = decisionRuleFor(scenario, action);
  if (rule.approvals.some((a) => a.role === roleId)) return true;
  return findRole(scenario, roleId)?.authority.approve.includes(action.category) ?? false;
}

export function mayVeto(scenario: AuthorityScenario, roleId: string, action: Action): boolean {
  const rule = decisionRuleFor(scenario, action);
  if (rule.vetoes.includes(roleId)) return true;
  return findRole(scenario, roleId)?.authority.veto.includes(action.category) ?? false;
}

/** Whether the role votes on the action; false when the action is not decided by a vote. */
export function mayVote(scenario: AuthorityScenario, roleId: string, action: Action): boolean {
  const vote = decisionRuleFor(scenario, action).vote;
  if (!vote) return false;
  if (vote.voters === 'all') return findRole(scenario, roleId)?.authority.vote ?? false;
  return vote.voters.includes(roleId);
}

export function roleName(scenario: AuthorityScenario, roleId: string): string {
  return findRole(scenario, roleId)?.name ?? roleId;
}
