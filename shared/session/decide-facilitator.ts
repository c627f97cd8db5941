import { CHANNELS, type Inject, type Phase } from '../scenario/schema';
import { FACILITATOR } from './actor';
import { findRole, playersInRole } from './authority';
import type { CommandOf, LiveInject, RescheduleTrigger } from './commands';
import { findCredential } from './credentials';
import type { Decision } from './decision';
import { rejection } from './errors';
import type { SessionEvent } from './events';
import { nextCredentialId, nextMessageId, nextPlayerId } from './ids';
import { timelineEntry } from './injects';
import { canTake, phaseRefusal } from './machine';
import { comparePhases } from './phase-order';
import { isReserved, pendingJoins, seatingOf, uniqueName } from './seating';
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
  | 'add-inject'
  | 'edit-inject'
  | 'override-decision'
  | 'assign-role'
  | 'remove-player'
  | 'broadcast'
  | 'message-player'
  | 'end'
  | 'issue-credential'
  | 'revoke-token'
  | 'issue-credentials'
  | 'set-seating'
  | 'reserve-role'
  | 'admit-join'
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
      const refusal = triggerRefusal(state, trigger);
      if (refusal) return refusal;
      return accept({ type: 'inject-rescheduled', injectId: command.injectId, trigger, ...stamp });
    }

    case 'add-inject': {
      if (!canTake(state, 'inject-added'))
        return rejection('wrong-phase', `injects cannot be added in ${state.phase}`);
      const unknownRole = audienceRefusal(state, command.inject);
      if (unknownRole) return unknownRole;
      const { trigger } = command;
      if (trigger === undefined && !canTake(state, 'inject-fired'))
        return rejection('wrong-phase', `injects cannot be sent now in ${state.phase}; give a time`);
      const refusal = trigger === undefined ? undefined : triggerRefusal(state, trigger);
      if (refusal) return refusal;
      const liveCount = state.injects.filter((e) => e.live).length;
      const taken = new Set(state.scenario.injects.map((i) => i.id));
      let n = liveCount + 1;
      while (taken.has(`live-${n}`)) n++;
      const inject = liveInject(
        `live-${n}`,
        Math.max(0, ...state.scenario.injects.map((i) => i.number)) + 1,
        trigger ?? { type: 'manual' },
        command.inject,
      );
      const added: SessionEvent = { type: 'inject-added', inject, ...stamp };
      return trigger === undefined
        ? accept(added, { type: 'inject-fired', injectId: inject.id, ...stamp })
        : accept(added);
    }

    case 'edit-inject': {
      const entry = timelineEntry(state, command.injectId);
      const current = state.scenario.injects.find((i) => i.id === command.injectId);
      if (!entry || !current) return rejection('not-found', `no inject ${command.injectId}`);
      if (!entry.live) return rejection('conflict', `inject ${command.injectId} is the scenario's own`);
      if (entry.status !== 'ready' || entry.queued)
        return rejection('conflict', `inject ${command.injectId} was already sent`);
      const unknownRole = audienceRefusal(state, command.inject);
      if (unknownRole) return unknownRole;
      const inject = liveInject(current.id, current.number, current.trigger, command.inject);
      return accept({ type: 'inject-edited', inject, ...stamp });
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
      // A role kept for the computer takes no new person, by join or by assignment; open it first.
      if (isReserved(state, role.id))
        return rejection(
          'role-full',
          `${role.name} is kept for the computer; open it before assigning anyone`,
        );
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

    case 'message-player': {
      const player = state.players.find((p) => p.id === command.playerId && !p.removed);
      if (!player) return rejection('not-found', `no player ${command.playerId}`);
      // No role in `to`: the message reaches this player only, never their role-mates.
      return accept({
        type: 'message-sent',
        messageId: nextMessageId(state),
        from: { kind: 'facilitator' },
        to: [],
        toPlayerId: player.id,
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

    case 'issue-credentials': {
      const hashes = command.credentials.map((c) => c.tokenHash);
      if (new Set(hashes).size !== hashes.length || hashes.some((h) => findCredential(state, h)))
        return rejection('conflict', 'a token is already in use');
      const base = state.credentials.length;
      return accept(
        ...command.credentials.map(
          (c, i): SessionEvent => ({
            type: 'credential-issued',
            credentialId: `cred-${base + i + 1}`,
            kind: command.kind,
            name: c.name,
            tokenHash: c.tokenHash,
            ...stamp,
          }),
        ),
      );
    }

    case 'set-seating': {
      const current = seatingOf(state);
      const locked = command.locked ?? current.locked;
      const approval = command.approval ?? current.approval;
      if (locked === current.locked && approval === current.approval)
        return rejection('conflict', 'the seating rules are already so');
      return accept({ type: 'seating-changed', locked, approval, ...stamp });
    }

    case 'reserve-role': {
      const role = findRole(state.scenario, command.roleId);
      if (!role) return rejection('not-found', `no role ${command.roleId}`);
      if (isReserved(state, role.id) === command.reserved)
        return rejection('conflict', `${role.name} is already ${command.reserved ? 'reserved' : 'open'}`);
      return accept({ type: 'role-reserved', roleId: role.id, reserved: command.reserved, ...stamp });
    }

    case 'admit-join': {
      const request = pendingJoins(state).find((r) => r.id === command.requestId);
      if (!request) return rejection('not-found', `no pending join ${command.requestId}`);
      if (!command.admit) return accept({ type: 'join-refused', requestId: request.id, ...stamp });
      const role = findRole(state.scenario, request.roleId);
      if (!role || isReserved(state, role.id) || playersInRole(state, role.id).length >= role.players.max)
        return rejection(
          'role-full',
          `${role?.name ?? request.roleId} has no free seat now; assign another role after admitting, or refuse`,
        );
      return accept({
        type: 'player-joined',
        playerId: nextPlayerId(state),
        name: uniqueName({ ...state, joinRequests: [] }, request.name),
        roleId: role.id,
        credentialId: nextCredentialId(state),
        tokenHash: request.tokenHash,
        requestId: request.id,
        ...stamp,
      });
    }

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

/** A time the facilitator gave an inject that it could never reach. */
function triggerRefusal(state: SessionState, trigger: RescheduleTrigger): Decision | undefined {
  if (trigger.type !== 'scheduled') return undefined;
  if (trigger.round > state.scenario.rounds.count) {
    return rejection(
      'invalid-payload',
      `round ${trigger.round} is after the last round (${state.scenario.rounds.count})`,
    );
  }
  if (isPast(state, trigger.round, trigger.phase)) {
    return rejection('conflict', `round ${trigger.round} ${trigger.phase} has already begun`);
  }
  return undefined;
}

/**
 * What a live inject names must exist in the session's scenario: its audience's roles, its channel
 * (built in or declared), the metrics its metric effects move; and without the infrastructure
 * model it may carry metric effects only (issue 16).
 */
function audienceRefusal(state: SessionState, inject: LiveInject): Decision | undefined {
  const { scenario } = state;
  const unknown =
    inject.audience === 'all' ? undefined : inject.audience.find((roleId) => !findRole(scenario, roleId));
  if (unknown !== undefined) return rejection('not-found', `no role ${unknown}`);
  const channels: readonly string[] = [...CHANNELS, ...(scenario.channels ?? []).map((c) => c.id)];
  if (!channels.includes(inject.channel))
    return rejection(
      'invalid-payload',
      `channel: unknown channel "${inject.channel}"; known: ${channels.join(', ')}`,
    );
  const own = (scenario.metrics ?? []).map((m) => m.id);
  const infrastructure = scenario.model?.infrastructure ?? true;
  for (const [i, effect] of inject.effects.entries()) {
    if (effect.type === 'metric' && !own.includes(effect.metric))
      return rejection('invalid-payload', `effects.${i}.metric: unknown scenario metric "${effect.metric}"`);
    if (effect.type !== 'metric' && !infrastructure)
      return rejection(
        'invalid-payload',
        `effects.${i}.type: a ${effect.type} effect needs the infrastructure model, which this scenario does not run`,
      );
  }
  return undefined;
}

/** The inject a live one becomes in the session's scenario: the form's fields, the rest left empty. */
function liveInject(id: string, number: number, trigger: Inject['trigger'], content: LiveInject): Inject {
  return {
    id,
    number,
    title: content.title,
    trigger,
    audience: content.audience,
    channel: content.channel,
    from: content.from,
    subject: content.subject === '' ? content.title : content.subject,
    body: content.body,
    expectedActions: [],
    discussionQuestions: [],
    objectives: [],
    effects: content.effects,
    facilitatorNotes: '',
    contingency: false,
  };
}

/** Whether (round, phase) has already begun, so an inject scheduled there would never fire. */
function isPast(state: SessionState, round: number, phase: Phase): boolean {
  if (state.phase === 'debrief') return true;
  if (round !== state.round) return round < state.round;
  return comparePhases(phase, state.phase) <= 0;
}
