import { createInitialState } from '../sim';
import { AFTER_ACTION_EVENT_TYPES, type AfterActionEvent, evolveAfterAction } from './after-action';
import type { SessionCreated, SessionEvent, SessionEventOf } from './events';
import { betweenDays, deliverInject, timelineEntry } from './injects';
import { computeScore } from './scoring';
import { seatingOf } from './seating';
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
    sim: createInitialState(scenario.simulation, created.seed, {
      infrastructure: scenario.model?.infrastructure ?? true,
      unit: scenario.rounds.unit ?? 'days',
      metrics: scenario.metrics ?? [],
    }),
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
  'join-requested',
  'join-refused',
  'seating-changed',
  'role-reserved',
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
  'inject-added',
  'inject-edited',
  'message-sent',
  'observation-recorded',
  ...AFTER_ACTION_EVENT_TYPES,
] as const satisfies readonly DataEventType[];

export function evolve(state: SessionState, event: DataEvent): SessionState {
  switch (event.type) {
    case 'join-requested':
      return {
        ...state,
        joinRequests: [
          ...(state.joinRequests ?? []),
          {
            id: event.requestId,
            name: event.name,
            roleId: event.roleId,
            tokenHash: event.tokenHash,
            at: event.at,
            status: 'pending',
          },
        ],
      };

    case 'join-refused':
      return settleRequest(state, event.requestId, 'refused');

    case 'seating-changed':
      return {
        ...state,
        seating: { ...seatingOf(state), locked: event.locked, approval: event.approval },
      };

    case 'role-reserved': {
      const seating = seatingOf(state);
      const others = seating.reserved.filter((r) => r !== event.roleId);
      return {
        ...state,
        seating: { ...seating, reserved: event.reserved ? [...others, event.roleId] : others },
      };
    }

    case 'player-joined':
      return {
        ...(event.requestId === undefined ? state : settleRequest(state, event.requestId, 'admitted')),
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

    case 'inject-added':
      // The session's copy of the scenario gains the inject, so delivery, projections and the
      // debrief treat it as any other; the timeline entry remembers it was added live.
      return {
        ...state,
        scenario: { ...state.scenario, injects: [...state.scenario.injects, event.inject] },
        injects: [
          ...state.injects,
          {
            injectId: event.inject.id,
            number: event.inject.number,
            status: 'ready',
            trigger: event.inject.trigger,
            rescheduled: false,
            queued: false,
            sentAt: null,
            skippedAt: null,
            live: true,
          },
        ],
      };

    case 'inject-edited': {
      const entry = timelineEntry(state, event.inject.id);
      if (!entry?.live || entry.status !== 'ready') return state;
      return {
        ...state,
        scenario: {
          ...state.scenario,
          injects: state.scenario.injects.map((i) => (i.id === event.inject.id ? event.inject : i)),
        },
      };
    }

    case 'message-sent':
      return {
        ...state,
        messages: [
          ...state.messages,
          {
            id: event.messageId,
            from: event.from,
            to: event.to,
            ...(event.toPlayerId !== undefined ? { toPlayerId: event.toPlayerId } : {}),
            body: event.body,
            round: state.round,
            phase: state.phase,
            at: event.at,
          },
        ],
      };

    case 'deliverable-submitted':
    case 'hot-wash-answered':
    case 'feedback-submitted':
    case 'debrief-item-marked':
    case 'report-edited':
    case 'corrective-actions-imported':
      return evolveAfterAction(state, event);
    case 'deliverable-rated':
    case 'secret-objective-judged': {
      // Both feed the score: once it is fixed (the debrief), it follows them.
      const judged = evolveAfterAction(state, event as AfterActionEvent);
      return judged.score === null ? judged : { ...judged, score: computeScore(judged) };
    }
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

function settleRequest(state: SessionState, requestId: string, status: 'admitted' | 'refused'): SessionState {
  return {
    ...state,
    joinRequests: (state.joinRequests ?? []).map((r) =>
      r.id === requestId && r.status === 'pending' ? { ...r, status } : r,
    ),
  };
}

function updateProposal(
  state: SessionState,
  proposalId: string,
  update: (p: Proposal) => Proposal,
): SessionState {
  return { ...state, proposals: state.proposals.map((p) => (p.id === proposalId ? update(p) : p)) };
}
