import type { Scenario } from '../scenario/schema';
import type { Actor, ParticipantKey } from './actor';
import type { CredentialKind, ObservationTarget, RescheduleTrigger } from './commands';
import type { MessageSender, Stance } from './state';

/**
 * The facts a session's log is made of. `decide` turns an accepted command into one or more of
 * these; the session machine applies them in order; `replay` rebuilds the state from them. Every
 * event carries the wall-clock time the session runtime stamped (`at`, epoch ms) and the actor
 * whose command produced it. Ids of new things (players, proposals, ...) are in the event data, so
 * a replay never has to invent one.
 */
interface Stamp {
  at: number;
  actor: Actor;
}

/** The first event of every session. SECRET: carries the seed and the facilitator's token hash. */
export interface SessionCreated extends Stamp {
  type: 'session-created';
  sessionId: string;
  scenario: Scenario;
  seed: number;
  joinCode: string;
  facilitatorTokenHash: string;
}

export type SessionEvent =
  | SessionCreated
  | (Stamp & {
      type: 'player-joined';
      playerId: string;
      name: string;
      roleId: string;
      credentialId: string;
      tokenHash: string;
    })
  | (Stamp & { type: 'player-ready'; participant: ParticipantKey })
  | (Stamp & { type: 'role-assigned'; playerId: string; roleId: string })
  | (Stamp & { type: 'player-removed'; playerId: string })
  | (Stamp & {
      type: 'credential-issued';
      credentialId: string;
      kind: CredentialKind;
      name: string;
      tokenHash: string;
    })
  | (Stamp & { type: 'token-revoked'; tokenHash: string })
  | (Stamp & {
      type: 'proposal-submitted';
      proposalId: string;
      actionId: string;
      params: Record<string, number>;
      rationale: string;
      proposer: { by: ParticipantKey; roleId: string };
      capexUsd: number;
      opexUsdPerMonth: number;
      spendUsd: number;
    })
  | (Stamp & { type: 'proposal-withdrawn'; proposalId: string })
  | (Stamp & {
      type: 'proposal-reviewed';
      proposalId: string;
      by: ParticipantKey;
      roleId: string;
      stance: Stance;
      rationale: string;
      confidence: number;
    })
  | (Stamp & {
      type: 'proposal-vetoed';
      proposalId: string;
      by: ParticipantKey;
      roleId: string;
      rationale: string;
    })
  | (Stamp & {
      type: 'vote-cast';
      proposalId: string;
      by: ParticipantKey;
      roleId: string;
      vote: 'yes' | 'no';
      rationale: string;
      confidence: number;
    })
  | (Stamp & { type: 'decision-overridden'; proposalId: string; decision: Stance; reason: string })
  | (Stamp & { type: 'inject-fired'; injectId: string })
  | (Stamp & { type: 'inject-skipped'; injectId: string })
  | (Stamp & { type: 'inject-rescheduled'; injectId: string; trigger: RescheduleTrigger })
  | (Stamp & {
      type: 'message-sent';
      messageId: string;
      from: MessageSender;
      to: 'facilitator' | 'all' | string[];
      body: string;
    })
  | (Stamp & {
      type: 'observation-recorded';
      observationId: string;
      evaluatorId: string;
      target: ObservationTarget;
      rating: number;
      note: string;
    })
  | (Stamp & { type: 'exercise-started' })
  | (Stamp & { type: 'phase-advanced'; cause: 'facilitator' | 'timer' | 'all-ready' })
  | (Stamp & { type: 'timer-extended'; ms: number })
  | (Stamp & { type: 'session-paused' })
  | (Stamp & { type: 'session-resumed' })
  | (Stamp & { type: 'exercise-ended' });

export type SessionEventType = SessionEvent['type'];
export type SessionEventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;
