import { resolveAction } from '../scenario/resolve-action';
import type { Action, Role } from '../scenario/schema';
import type { Actor } from './actor';
import {
  activePlayers,
  decisionRuleFor,
  findAction,
  findRole,
  mayPropose,
  mayReview,
  mayVeto,
  mayVote,
  participants,
  playersInRole,
  roleName,
  type Seat,
  seatOf,
} from './authority';
import { availableFundsUsd, formatUsd } from './budget';
import type { CommandOf } from './commands';
import { isActiveEvaluator } from './credentials';
import type { Decision } from './decision';
import { type Rejection, rejection } from './errors';
import type { SessionEvent } from './events';
import { nextCredentialId, nextMessageId, nextObservationId, nextPlayerId, nextProposalId } from './ids';
import { type MachineEventType, phaseRefusal } from './machine';
import { isReserved, nextJoinRequestId, pendingJoins, seatingOf, uniqueName } from './seating';
import type { Proposal, SessionState } from './state';

type TableCommand = CommandOf<
  | 'join'
  | 'ready'
  | 'propose'
  | 'withdraw'
  | 'approve'
  | 'reject'
  | 'veto'
  | 'vote'
  | 'message-facilitator'
  | 'observe'
>;

/** The logged event each proposal command records, whose phase the game master decides. */
const PROPOSAL_EVENT = {
  propose: 'proposal-submitted',
  withdraw: 'proposal-withdrawn',
  approve: 'proposal-reviewed',
  reject: 'proposal-reviewed',
  veto: 'proposal-vetoed',
  vote: 'vote-cast',
} as const satisfies Record<string, MachineEventType>;

/** Commands of the people at the table: guests joining, players and computer players, evaluators. */
export function decideTable(state: SessionState, actor: Actor, command: TableCommand, at: number): Decision {
  const accept = (...events: SessionEvent[]): Decision => ({ ok: true, events });

  switch (command.type) {
    case 'join': {
      if (actor.kind !== 'guest')
        return rejection('not-authorized', 'only a new connection joins; this one already has an identity');
      if (state.credentials.some((c) => c.tokenHash === command.tokenHash)) {
        return rejection('conflict', 'this token is already in use');
      }
      const seating = seatingOf(state);
      if (seating.locked)
        return rejection('lobby-locked', 'the facilitator has closed this exercise to new players');
      const role =
        command.preferredRole === undefined
          ? openRole(state)
          : findRole(state.scenario, command.preferredRole);
      if (!role) {
        return command.preferredRole === undefined
          ? rejection('role-full', 'every role already has its maximum number of players')
          : rejection('not-found', `no role ${command.preferredRole}`);
      }
      if (isReserved(state, role.id)) {
        return rejection('role-full', `${role.name} is played by the computer in this exercise`);
      }
      if (playersInRole(state, role.id).length >= role.players.max) {
        return rejection('role-full', `${role.name} already has ${role.players.max} players`);
      }
      const name = uniqueName(state, command.name);
      if (seating.approval) {
        if (pendingJoins(state).length >= MAX_PENDING_JOINS)
          return rejection(
            'role-full',
            'too many joins are waiting for the facilitator; try again in a moment',
          );
        return accept({
          type: 'join-requested',
          requestId: nextJoinRequestId(state),
          name,
          roleId: role.id,
          tokenHash: command.tokenHash,
          at,
          actor,
        });
      }
      return accept({
        type: 'player-joined',
        playerId: nextPlayerId(state),
        name,
        roleId: role.id,
        credentialId: nextCredentialId(state),
        tokenHash: command.tokenHash,
        at,
        actor,
      });
    }

    case 'observe': {
      if (actor.kind !== 'evaluator' || !isActiveEvaluator(state, actor.evaluatorId)) {
        return rejection('not-authorized', 'only an evaluator records observations');
      }
      const { target } = command;
      const exists =
        target.kind === 'objective'
          ? state.scenario.objectives.some((o) => o.id === target.id)
          : state.scenario.scoring.rubric.some((d) => d.id === target.id);
      if (!exists) return rejection('not-found', `no ${target.kind} ${target.id}`);
      return accept({
        type: 'observation-recorded',
        observationId: nextObservationId(state),
        evaluatorId: actor.evaluatorId,
        target,
        rating: command.rating,
        note: command.note,
        at,
        actor,
      });
    }

    case 'message-facilitator': {
      const seat = actor.kind === 'player' ? seatOf(state, actor) : undefined;
      if (!seat || actor.kind !== 'player')
        return rejection('not-authorized', 'only players message the facilitator');
      return accept({
        type: 'message-sent',
        messageId: nextMessageId(state),
        from: { kind: 'player', playerId: actor.playerId, roleId: seat.roleId },
        to: 'facilitator',
        body: command.body,
        at,
        actor,
      });
    }

    default:
      break;
  }

  const seat = seatOf(state, actor);
  if (!seat)
    return rejection(
      'not-authorized',
      'only a seated player or a computer player of an empty role may do this',
    );

  if (command.type === 'ready') {
    const refusal = phaseRefusal(state, 'player-ready');
    if (refusal === 'wrong-phase')
      return rejection('wrong-phase', `nothing to be ready for in ${state.phase}`);
    if (refusal === 'paused') return rejection('paused', 'the exercise is paused');
    if (state.ready.includes(seat.key)) return rejection('conflict', 'already marked ready');
    const readyEvent: SessionEvent = { type: 'player-ready', participant: seat.key, at, actor };
    const everyone = participants(state);
    const allReady = everyone.every((key) => key === seat.key || state.ready.includes(key));
    // The lobby waits for the facilitator's start; elsewhere the phase closes once everyone is done,
    // but only with a person at the table: computer players alone are ready the moment a phase
    // opens, so a computer-only rehearsal runs on its timers instead of racing to the debrief.
    if (allReady && activePlayers(state).length > 0 && state.phase !== 'lobby') {
      return accept(readyEvent, { type: 'phase-advanced', cause: 'all-ready', at, actor });
    }
    return accept(readyEvent);
  }

  const refusal = phaseRefusal(state, PROPOSAL_EVENT[command.type]);
  if (refusal === 'wrong-phase') {
    return rejection(
      'wrong-phase',
      `proposals are made and decided in deliberation and decision, not ${state.phase}`,
    );
  }
  if (refusal === 'paused') return rejection('paused', 'the exercise is paused');

  if (command.type === 'propose') return decidePropose(state, seat, command, at, actor);

  const proposal = state.proposals.find((p) => p.id === command.proposalId);
  if (!proposal) return rejection('not-found', `no proposal ${command.proposalId}`);
  if (proposal.status !== 'open')
    return rejection('already-decided', `proposal ${proposal.id} is ${proposal.status}`);
  const action = findAction(state.scenario, proposal.actionId);
  if (!action) return rejection('not-found', `no action ${proposal.actionId}`);
  const role = roleName(state.scenario, seat.roleId);

  switch (command.type) {
    case 'withdraw':
      if (proposal.proposer.by !== seat.key)
        return rejection('not-authorized', 'only the proposer may withdraw a proposal');
      return accept({ type: 'proposal-withdrawn', proposalId: proposal.id, at, actor });

    case 'approve':
    case 'reject':
      if (!mayReview(state.scenario, seat.roleId, action)) {
        return rejection('outside-authority', `${role} does not approve ${action.category} actions`);
      }
      return accept({
        type: 'proposal-reviewed',
        proposalId: proposal.id,
        by: seat.key,
        roleId: seat.roleId,
        stance: command.type,
        rationale: command.rationale,
        confidence: command.confidence,
        at,
        actor,
      });

    case 'veto':
      if (!mayVeto(state.scenario, seat.roleId, action)) {
        return rejection('outside-authority', `${role} may not veto "${action.title}"`);
      }
      return accept({
        type: 'proposal-vetoed',
        proposalId: proposal.id,
        by: seat.key,
        roleId: seat.roleId,
        rationale: command.rationale,
        at,
        actor,
      });

    case 'vote':
      if (!mayVote(state.scenario, seat.roleId, action)) {
        return rejection(
          'outside-authority',
          decisionRuleFor(state.scenario, action).vote
            ? `${role} does not vote on "${action.title}"`
            : `"${action.title}" is not decided by a vote`,
        );
      }
      return accept({
        type: 'vote-cast',
        proposalId: proposal.id,
        by: seat.key,
        roleId: seat.roleId,
        vote: command.vote,
        rationale: command.rationale,
        confidence: command.confidence,
        at,
        actor,
      });
  }
}

function decidePropose(
  state: SessionState,
  seat: Seat,
  command: CommandOf<'propose'>,
  at: number,
  actor: Actor,
): Decision {
  const action = findAction(state.scenario, command.actionId);
  if (!action) return rejection('not-found', `no action ${command.actionId}`);
  if (!mayPropose(state.scenario, seat.roleId, action)) {
    return rejection(
      'outside-authority',
      `${roleName(state.scenario, seat.roleId)} may not propose "${action.title}"`,
    );
  }
  const blocked = proposeBlocker(state, action.id);
  if (blocked) return blocked;
  const resolved = resolveAction(action, command.params);
  if (!resolved.ok) return rejection('invalid-parameters', resolved.message);
  const available = availableFundsUsd(state.sim);
  if (resolved.capexUsd > available) {
    return rejection(
      'over-budget',
      `"${action.title}" costs ${formatUsd(resolved.capexUsd)} up front; ${formatUsd(available)} is left`,
    );
  }
  return {
    ok: true,
    events: [
      {
        type: 'proposal-submitted',
        proposalId: nextProposalId(state),
        actionId: action.id,
        params: resolved.parameters,
        rationale: command.rationale,
        proposer: { by: seat.key, roleId: seat.roleId },
        capexUsd: resolved.capexUsd,
        opexUsdPerMonth: resolved.opexUsdPerMonth,
        spendUsd: resolved.spendUsd,
        at,
        actor,
      },
    ],
  };
}

/**
 * Why the action cannot be proposed now regardless of who asks: prerequisites, or once-only actions.
 * It reads only the proposals and the action catalog, so a client asks it with its view.
 */
export function proposeBlocker(
  state: Pick<SessionState, 'proposals' | 'round'> & { scenario: Pick<SessionState['scenario'], 'actions'> },
  actionId: string,
): Rejection | undefined {
  const action = findAction(state.scenario, actionId);
  if (!action) return rejection('not-found', `no action ${actionId}`);
  const applied = (id: string) => state.proposals.some((p) => p.actionId === id && p.resolution?.applied);
  const missing = action.prerequisites.filter((id) => !applied(id));
  if (missing.length > 0) {
    const titles = missing.map((id) => findAction(state.scenario, id)?.title ?? id);
    return rejection(
      'prerequisite-missing',
      `"${action.title}" needs ${titles.map((t) => `"${t}"`).join(', ')} first`,
    );
  }
  const { perRound, perExercise } = repeatLimits(action);
  const counted = state.proposals.filter((p) => p.actionId === action.id && countsTowardLimits(p));
  if (counted.length >= perExercise) {
    if (perExercise === 1) {
      return counted.some((p) => p.resolution?.applied)
        ? rejection('not-repeatable', `"${action.title}" has already been done`)
        : rejection('not-repeatable', `"${action.title}" is already proposed`);
    }
    return rejection(
      'not-repeatable',
      `"${action.title}" may be taken ${perExercise} times in the exercise and has been (${counted.length})`,
    );
  }
  const thisRound = counted.filter((p) => p.round === state.round).length;
  if (thisRound >= perRound) {
    return rejection(
      'not-repeatable',
      perRound === 1
        ? `"${action.title}" is already proposed this round (once a round)`
        : `"${action.title}" may be proposed ${perRound} times a round and already has been`,
    );
  }
  return undefined;
}

/**
 * How often an action may be taken: the scenario's `limits`, else once a round, and once an exercise
 * unless the action is repeatable (issue 12: ten investor updates in one round were an exploit).
 */
export function repeatLimits(action: Action): { perRound: number; perExercise: number } {
  return {
    perRound: action.limits?.perRound ?? 1,
    perExercise: action.limits?.perExercise ?? (action.repeatable ? Number.POSITIVE_INFINITY : 1),
  };
}

/**
 * A proposal uses up a repeat while it may still happen or once it happened: open, approved and not
 * yet resolved, or applied at resolution. Withdrawn, rejected and vetoed proposals, and those the
 * resolution did not apply (a lost vote, an empty budget), give the repeat back.
 */
function countsTowardLimits(proposal: Proposal): boolean {
  if (proposal.resolution !== null) return proposal.resolution.applied;
  return proposal.status === 'open' || proposal.status === 'approved';
}

/** The role a new player gets without a preference: an empty required role first, then the emptiest role. */
/** Joins waiting for approval at once: more is a flood, not a class. */
const MAX_PENDING_JOINS = 200;

function openRole(state: SessionState): Role | undefined {
  const withRoom = state.scenario.roles
    .filter((role) => !isReserved(state, role.id))
    .map((role, order) => ({ role, order, count: playersInRole(state, role.id).length }))
    .filter((r) => r.count < r.role.players.max);
  withRoom.sort(
    (a, b) =>
      Number(b.role.required && b.count === 0) - Number(a.role.required && a.count === 0) ||
      a.count - b.count ||
      a.order - b.order,
  );
  return withRoom[0]?.role;
}
