import { createInitialState } from '../sim';
import type { SessionCreated, SessionEvent, SessionEventOf } from './events';
import { betweenDays, deliverInject, timelineEntry } from './injects';
import { computeScore } from './scoring';
import type { Proposal, SessionState } from './state';
import { UNTIMED } from './timer';

/**
 * Applies one logged event's data to the state. Events that move the exercise between phases
 * (exercise-started, phase-advanced, session-paused, session-resumed, exercise-ended,
 * timer-extended) are the session machine's: it picks the next phase and calls shared/session/phases.ts.
 * Pure and total: an event that no longer fits (which `decide` prevents) leaves the state as it was.
 */

export function createSessionState(created: SessionCreated): SessionState {
  const { scenario } = created;
  return {
    sessionId: created.sessionId,
    scenario,
    seed: created.seed,
    joinCode: created.joinCode,
    createdAt: created.at,
    phase: 'lobby',
    round: 0,
    paused: false,
    phaseStartedAt: created.at,
    timer: UNTIMED,
    ready: [],
    players: [],
    credentials: [
      {
        id: 'cred-1',
        kind: 'facilitator',
        subjectId: 'cred-1',
        name: 'Facilitator',
        tokenHash: created.facilitatorTokenHash,
        issuedAt: created.at,
        revoked: false,
      },
    ],
    proposals: [],
    injects: scenario.injects.map((inject) => ({
      injectId: inject.id,
      number: inject.number,
      status: 'ready',
      trigger: inject.trigger,
      rescheduled: false,
      queued: false,
      sentAt: null,
      skippedAt: null,
    })),
    deliveries: [],
    messages: [],
    observations: [],
    pendingEffects: [],
    sim: createInitialState(scenario.simulation, created.seed),
    rounds: [],
    objectives: [],
    checkpoints: [],
    endState: null,
    outcome: null,
    score: null,
  };
}

export type DataEvent = Exclude<
  SessionEvent,
  SessionEventOf<
    | 'session-created'
    | 'exercise-started'
    | 'phase-advanced'
    | 'session-paused'
    | 'session-resumed'
    | 'exercise-ended'
    | 'timer-extended'
  >
>;
export type DataEventType = DataEvent['type'];

export const DATA_EVENT_TYPES = [
  'player-joined',
  'player-ready',
  'role-assigned',
  'player-removed',
  'credential-issued',
  'token-revoked',
  'proposal-submitted',
  'proposal-withdrawn',
  'proposal-reviewed',
  'proposal-vetoed',
  'vote-cast',
  'decision-overridden',
  'inject-fired',
  'inject-skipped',
  'inject-rescheduled',
  'message-sent',
  'observation-recorded',
] as const satisfies readonly DataEventType[];

export function evolve(state: SessionState, event: DataEvent): SessionState {
  switch (event.type) {
    case 'player-joined':
      return {
        ...state,
        players: [
          ...state.players,
          { id: event.playerId, name: event.name, roleId: event.roleId, joinedAt: event.at, removed: false },
        ],
        credentials: [
          ...state.credentials,
          {
            id: event.credentialId,
            kind: 'player',
            subjectId: event.playerId,
            name: event.name,
            tokenHash: event.tokenHash,
            issuedAt: event.at,
            revoked: false,
          },
        ],
      };

    case 'player-ready':
      return state.ready.includes(event.participant)
        ? state
        : { ...state, ready: [...state.ready, event.participant] };

    case 'role-assigned':
      return {
        ...state,
        players: state.players.map((p) => (p.id === event.playerId ? { ...p, roleId: event.roleId } : p)),
        ready: state.ready.filter((key) => key !== event.playerId),
      };

    case 'player-removed':
      return {
        ...state,
        players: state.players.map((p) => (p.id === event.playerId ? { ...p, removed: true } : p)),
        ready: state.ready.filter((key) => key !== event.playerId),
      };

    case 'credential-issued':
      return {
        ...state,
        credentials: [
          ...state.credentials,
          {
            id: event.credentialId,
            kind: event.kind,
            subjectId: event.credentialId,
            name: event.name,
            tokenHash: event.tokenHash,
            issuedAt: event.at,
            revoked: false,
          },
        ],
      };

    case 'token-revoked':
      return {
        ...state,
        credentials: state.credentials.map((c) =>
          c.tokenHash === event.tokenHash ? { ...c, revoked: true } : c,
        ),
      };

    case 'proposal-submitted': {
      const proposal: Proposal = {
        id: event.proposalId,
        round: state.round,
        actionId: event.actionId,
        params: event.params,
        rationale: event.rationale,
        proposer: event.proposer,
        submittedAt: event.at,
        capexUsd: event.capexUsd,
        opexUsdPerMonth: event.opexUsdPerMonth,
        spendUsd: event.spendUsd,
        status: 'open',
        statusReason: '',
        reviews: [],
        vetoes: [],
        votes: [],
        override: null,
        resolution: null,
      };
      return { ...state, proposals: [...state.proposals, proposal] };
    }

    case 'proposal-withdrawn':
      return updateProposal(state, event.proposalId, (p) => ({
        ...p,
        status: 'withdrawn',
        statusReason: 'withdrawn by the proposer',
      }));

    case 'proposal-reviewed':
      return updateProposal(state, event.proposalId, (p) => ({
        ...p,
        reviews: [
          ...p.reviews,
          {
            by: event.by,
            roleId: event.roleId,
            stance: event.stance,
            rationale: event.rationale,
            confidence: event.confidence,
            at: event.at,
          },
        ],
      }));

    case 'proposal-vetoed':
      return updateProposal(state, event.proposalId, (p) => ({
        ...p,
        status: 'vetoed',
        statusReason: `vetoed by ${state.scenario.roles.find((r) => r.id === event.roleId)?.name ?? event.roleId}: ${event.rationale}`,
        vetoes: [
          ...p.vetoes,
          { by: event.by, roleId: event.roleId, rationale: event.rationale, at: event.at },
        ],
      }));

    case 'vote-cast':
      return updateProposal(state, event.proposalId, (p) => ({
        ...p,
        votes: [
          ...p.votes,
          {
            by: event.by,
            roleId: event.roleId,
            vote: event.vote,
            rationale: event.rationale,
            confidence: event.confidence,
            at: event.at,
          },
        ],
      }));

    case 'decision-overridden':
      return updateProposal(state, event.proposalId, (p) => ({
        ...p,
        status: event.decision === 'approve' ? 'approved' : 'rejected',
        statusReason: `facilitator override: ${event.reason}`,
        override: { decision: event.decision, reason: event.reason, at: event.at },
      }));

    case 'inject-fired': {
      if (timelineEntry(state, event.injectId)?.status !== 'ready') return state;
      if (state.paused) {
        // "Fire now" during a pause is delivered at the resume, not later (OpenAEV issue 1395).
        return {
          ...state,
          injects: state.injects.map((e) => (e.injectId === event.injectId ? { ...e, queued: true } : e)),
        };
      }
      return deliverInject(state, event.injectId, 'facilitator', event.at, betweenDays(state));
    }

    case 'inject-skipped':
      return {
        ...state,
        injects: state.injects.map((e) =>
          e.injectId === event.injectId && e.status === 'ready'
            ? { ...e, status: 'skipped', queued: false, skippedAt: event.at }
            : e,
        ),
      };

    case 'inject-rescheduled':
      return {
        ...state,
        injects: state.injects.map((e) =>
          e.injectId === event.injectId && e.status === 'ready'
            ? { ...e, trigger: event.trigger, rescheduled: true }
            : e,
        ),
      };

    case 'message-sent':
      return {
        ...state,
        messages: [
          ...state.messages,
          {
            id: event.messageId,
            from: event.from,
            to: event.to,
            body: event.body,
            round: state.round,
            phase: state.phase,
            at: event.at,
          },
        ],
      };

    case 'observation-recorded': {
      const observed: SessionState = {
        ...state,
        observations: [
          ...state.observations,
          {
            id: event.observationId,
            evaluatorId: event.evaluatorId,
            target: event.target,
            rating: event.rating,
            note: event.note,
            round: state.round,
            at: event.at,
          },
        ],
      };
      // Evaluators may still rate during the debrief; the score follows.
      return observed.score === null ? observed : { ...observed, score: computeScore(observed) };
    }
  }
}

function updateProposal(
  state: SessionState,
  proposalId: string,
  update: (p: Proposal) => Proposal,
): SessionState {
  return { ...state, proposals: state.proposals.map((p) => (p.id === proposalId ? update(p) : p)) };
}
