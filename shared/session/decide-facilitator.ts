import type { Phase } from '../scenario/schema';
import { FACILITATOR } from './actor';
import { findRole, playersInRole } from './authority';
import type { CommandOf } from './commands';
import { findCredential } from './credentials';
import type { Decision } from './decision';
import { rejection } from './errors';
import type { SessionEvent } from './events';
import { nextCredentialId, nextMessageId } from './ids';
import { timelineEntry } from './injects';
import { canTake, phaseRefusal } from './machine';
import { comparePhases } from './phase-order';
import type { SessionState } from './state';

type FacilitatorCommand = CommandOf<
  | 'start'
  | 'advance'
  | 'extend'
  | 'pause'
  | 'resume'
  | 'fire-inject'
  | 'skip-inject'
  | 'reschedule-inject'
  | 'override-decision'
  | 'assign-role'
  | 'remove-player'
  | 'broadcast'
  | 'end'
  | 'issue-credential'
  | 'revoke-token'
>;

/** The facilitator's commands (the caller has checked the actor). */
export function decideFacilitator(state: SessionState, command: FacilitatorCommand, at: number): Decision {
  const stamp = { at, actor: FACILITATOR };
  const accept = (...events: SessionEvent[]): Decision => ({ ok: true, events });

  switch (command.type) {
    case 'start':
      if (!canTake(state, 'exercise-started'))
        return rejection('wrong-phase', 'the exercise has already started');
      return accept({ type: 'exercise-started', ...stamp });

    case 'advance': {
      const refusal = phaseRefusal(state, 'phase-advanced');
      if (refusal === 'paused') return rejection('paused', 'resume the exercise before advancing');
      if (refusal) return rejection('wrong-phase', 'use start to begin the exercise');
      return accept({ type: 'phase-advanced', cause: 'facilitator', ...stamp });
    }

    case 'extend':
      if (!canTake(state, 'timer-extended'))
        return rejection('wrong-phase', `there is no timer to extend in ${state.phase}`);
      return accept({ type: 'timer-extended', ms: command.seconds * 1000, ...stamp });

    case 'pause': {
      const refusal = phaseRefusal(state, 'session-paused');
      if (refusal === 'paused') return rejection('conflict', 'the exercise is already paused');
      if (refusal) return rejection('wrong-phase', `${state.phase} cannot be paused`);
      return accept({ type: 'session-paused', ...stamp });
    }

    case 'resume':
      if (!canTake(state, 'session-resumed')) return rejection('conflict', 'the exercise is not paused');
      return accept({ type: 'session-resumed', ...stamp });

    case 'fire-inject': {
      const entry = timelineEntry(state, command.injectId);
      if (!entry) return rejection('not-found', `no inject ${command.injectId}`);
      if (!canTake(state, 'inject-fired'))
        return rejection('wrong-phase', `injects cannot be fired in ${state.phase}`);
      if (entry.status !== 'ready')
        return rejection('conflict', `inject ${command.injectId} was already ${entry.status}`);
      if (entry.queued)
        return rejection('conflict', `inject ${command.injectId} is already queued for the resume`);
      return accept({ type: 'inject-fired', injectId: command.injectId, ...stamp });
    }

    case 'skip-inject': {
      const entry = timelineEntry(state, command.injectId);
      if (!entry) return rejection('not-found', `no inject ${command.injectId}`);
      if (entry.status !== 'ready')
        return rejection('conflict', `inject ${command.injectId} was already ${entry.status}`);
      return accept({ type: 'inject-skipped', injectId: command.injectId, ...stamp });
    }

    case 'reschedule-inject': {
      const entry = timelineEntry(state, command.injectId);
      if (!entry) return rejection('not-found', `no inject ${command.injectId}`);
      if (entry.status !== 'ready')
        return rejection('conflict', `inject ${command.injectId} was already ${entry.status}`);
      const trigger = command.trigger;
      if (trigger.type === 'scheduled') {
        if (trigger.round > state.scenario.rounds.count) {
          return rejection(
            'invalid-payload',
            `round ${trigger.round} is after the last round (${state.scenario.rounds.count})`,
          );
        }
        if (isPast(state, trigger.round, trigger.phase)) {
          return rejection('conflict', `round ${trigger.round} ${trigger.phase} has already begun`);
        }
      }
      return accept({ type: 'inject-rescheduled', injectId: command.injectId, trigger, ...stamp });
    }

    case 'override-decision': {
      const proposal = state.proposals.find((p) => p.id === command.proposalId);
      if (!proposal) return rejection('not-found', `no proposal ${command.proposalId}`);
      if (proposal.status === 'withdrawn' || proposal.resolution !== null) {
        return rejection(
          'already-decided',
          `proposal ${proposal.id} is ${proposal.resolution ? 'resolved' : 'withdrawn'}`,
        );
      }
      return accept({
        type: 'decision-overridden',
        proposalId: proposal.id,
        decision: command.decision,
        reason: command.reason,
        ...stamp,
      });
    }

    case 'assign-role': {
      const player = state.players.find((p) => p.id === command.playerId && !p.removed);
      if (!player) return rejection('not-found', `no player ${command.playerId}`);
      const role = findRole(state.scenario, command.roleId);
      if (!role) return rejection('not-found', `no role ${command.roleId}`);
      if (player.roleId === role.id)
        return rejection('conflict', `${player.name} already plays ${role.name}`);
      if (playersInRole(state, role.id).length >= role.players.max) {
        return rejection('role-full', `${role.name} already has ${role.players.max} players`);
      }
      return accept({ type: 'role-assigned', playerId: player.id, roleId: role.id, ...stamp });
    }

    case 'remove-player': {
      const player = state.players.find((p) => p.id === command.playerId && !p.removed);
      if (!player) return rejection('not-found', `no player ${command.playerId}`);
      return accept({ type: 'player-removed', playerId: player.id, ...stamp });
    }

    case 'broadcast': {
      if (command.audience !== 'all') {
        const unknown = command.audience.filter((r) => !findRole(state.scenario, r));
        if (unknown.length > 0) return rejection('not-found', `no role ${unknown.join(', ')}`);
      }
      return accept({
        type: 'message-sent',
        messageId: nextMessageId(state),
        from: { kind: 'facilitator' },
        to: command.audience,
        body: command.body,
        ...stamp,
      });
    }

    case 'end':
      return accept({ type: 'exercise-ended', ...stamp });

    case 'issue-credential':
      if (findCredential(state, command.tokenHash))
        return rejection('conflict', 'this token is already in use');
      return accept({
        type: 'credential-issued',
        credentialId: nextCredentialId(state),
        kind: command.kind,
        name: command.name,
        tokenHash: command.tokenHash,
        ...stamp,
      });

    case 'revoke-token': {
      const credential = findCredential(state, command.tokenHash);
      if (!credential) return rejection('not-found', 'no credential has this token');
      if (credential.revoked) return rejection('conflict', 'this token is already revoked');
      const facilitators = state.credentials.filter((c) => c.kind === 'facilitator' && !c.revoked);
      if (credential.kind === 'facilitator' && facilitators.length === 1) {
        return rejection('conflict', 'issue another facilitator credential before revoking the last one');
      }
      return accept({ type: 'token-revoked', tokenHash: command.tokenHash, ...stamp });
    }
  }
}

/** Whether (round, phase) has already begun, so an inject scheduled there would never fire. */
function isPast(state: SessionState, round: number, phase: Phase): boolean {
  if (state.phase === 'debrief') return true;
  if (round !== state.round) return round < state.round;
  return comparePhases(phase, state.phase) <= 0;
}
