import type { Inject, Scenario } from '../scenario/schema';
import type { Actor, ParticipantKey } from './actor';
import type { CarriedAction, DebriefMarkKind, DeliverableSection, ReportEdit } from './after-action-types';
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
  /**
   * The client-chosen key of the command that produced the event, when it sent one: a retry with
   * the same key (from the same actor) is answered with the original result and never applied
   * twice, also after a restart, because the key is in the log. Absent when none was given.
   */
  idempotencyKey?: string;
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
      /** The join request the facilitator admitted, when the join needed approval. */
      requestId?: string;
    })
  | (Stamp & { type: 'join-requested'; requestId: string; name: string; roleId: string; tokenHash: string })
  | (Stamp & { type: 'join-refused'; requestId: string })
  | (Stamp & { type: 'seating-changed'; locked: boolean; approval: boolean })
  | (Stamp & { type: 'role-reserved'; roleId: string; reserved: boolean })
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
  /** A live inject (written during the exercise): the whole inject, so a replay needs no file. FACILITATOR until sent. */
  | (Stamp & { type: 'inject-added'; inject: Inject })
  /** A live inject rewritten before it was sent: its new content (id, number and trigger stay). */
  | (Stamp & { type: 'inject-edited'; inject: Inject })
  | (Stamp & {
      type: 'message-sent';
      messageId: string;
      from: MessageSender;
      to: 'facilitator' | 'all' | string[];
      /** A facilitator message to one player (a reply); `to` is then empty. */
      toPlayerId?: string;
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
  // After the exercise (shared/session/after-action.ts). `playerId` null: answered anonymously.
  | (Stamp & {
      type: 'deliverable-submitted';
      checkpointId: string;
      sections: DeliverableSection[];
      submittedBy: string;
    })
  | (Stamp & {
      type: 'deliverable-rated';
      ratingId: string;
      checkpointId: string;
      evaluatorId: string;
      dimensionId: string;
      rating: number;
      comment: string;
    })
  | (Stamp & {
      type: 'hot-wash-answered';
      answerId: string;
      question: number;
      answer: string;
      playerId: string | null;
      roleId: string | null;
    })
  | (Stamp & {
      type: 'feedback-submitted';
      feedbackId: string;
      ratings: number[];
      strengths: string;
      improvements: string;
      playerId: string | null;
      roleId: string | null;
    })
  | (Stamp & {
      type: 'debrief-item-marked';
      itemId: string;
      group: string;
      mark: DebriefMarkKind;
      objectiveId: string | null;
    })
  | (Stamp & { type: 'secret-objective-judged'; roleId: string; index: number; met: boolean })
  | (Stamp & { type: 'report-edited'; edit: ReportEdit })
  | (Stamp & { type: 'corrective-actions-imported'; actions: CarriedAction[] })
  | (Stamp & { type: 'exercise-started' })
  | (Stamp & { type: 'phase-advanced'; cause: 'facilitator' | 'timer' | 'all-ready' })
  | (Stamp & { type: 'timer-extended'; ms: number })
  | (Stamp & { type: 'session-paused' })
  | (Stamp & { type: 'session-resumed' })
  | (Stamp & { type: 'exercise-ended' });

export type SessionEventType = SessionEvent['type'];
export type SessionEventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;
