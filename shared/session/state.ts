import type { InjectTrigger, Scenario } from '../scenario/schema';
import type { SimState } from '../sim';
import type { Effect } from '../sim/effects';
import type { MetricName } from '../sim/metrics';
import type { ParticipantKey } from './actor';
import type { AfterActionRecord } from './after-action-types';
import type { CredentialKind, ObservationTarget } from './commands';
import type { SessionPhase } from './phase-order';

/**
 * The whole state of one exercise, as plain JSON data: no class instances, no `undefined`, no
 * functions, so that the live state, a stored snapshot and a replay of the log are byte-for-byte
 * the same. It is built only by the session machine from logged events (shared/session/evolve.ts,
 * shared/session/phases.ts) and read by everyone else.
 *
 * Need to know: fields marked SECRET must never reach a player, observer or projector; fields
 * marked FACILITATOR are the facilitator's (and, where stated, the evaluators') only. The viewer
 * projections in shared/views strip or filter them. Everything else is public to the session.
 */

export { isRoundPhase, SESSION_PHASES, type SessionPhase } from './phase-order';

/**
 * The current phase's countdown, kept as data (the scheduler in server/game watches `deadline`).
 * Running: `deadline` set. Paused: `deadline` null and `remainingMs` holds what was left. Untimed
 * phase (lobby, briefing, debrief, or a phase whose scenario length is 0): all null.
 */
export interface PhaseTimer {
  /** Epoch ms at which the phase closes by itself. */
  deadline: number | null;
  /** Time left, frozen while the exercise is paused. */
  remainingMs: number | null;
  /** The phase's length including extensions, for a progress bar. */
  durationMs: number | null;
}

export interface Player {
  id: string;
  name: string;
  roleId: string;
  joinedAt: number;
  /** Removed by the facilitator: keeps its history, may not act, its credentials stop working. */
  removed: boolean;
}

/**
 * SECRET. A credential the gateway can authenticate: the session stores only the SHA-256 hash of
 * the token (server/sessions/tokens.ts). A player's credentials point at the player (`subjectId`);
 * an evaluator's credential id is the evaluator's id.
 */
export interface Credential {
  id: string;
  kind: CredentialKind | 'player';
  /** The player id for a player's credential, otherwise the credential's own id. */
  subjectId: string;
  name: string;
  tokenHash: string;
  issuedAt: number;
  revoked: boolean;
}

export type Stance = 'approve' | 'reject';

/** One participant's approval or rejection of a proposal; a later review by the same participant replaces it. */
export interface Review {
  by: ParticipantKey;
  roleId: string;
  stance: Stance;
  rationale: string;
  confidence: number;
  at: number;
}

export interface Veto {
  by: ParticipantKey;
  roleId: string;
  rationale: string;
  at: number;
}

/** A cast vote; a later vote by the same participant replaces it. */
export interface Vote {
  by: ParticipantKey;
  roleId: string;
  vote: 'yes' | 'no';
  rationale: string;
  confidence: number;
  at: number;
}

/**
 * `open` until the round's resolution decides it by the rules, unless it is withdrawn, vetoed or
 * overridden by the facilitator first. `approved` / `rejected` are final.
 */
export type ProposalStatus = 'open' | 'approved' | 'rejected' | 'vetoed' | 'withdrawn';

export interface Proposal {
  id: string;
  round: number;
  actionId: string;
  params: Record<string, number>;
  rationale: string;
  proposer: { by: ParticipantKey; roleId: string };
  submittedAt: number;
  /** The action's price at these parameters (shared/scenario/resolve-action.ts). */
  capexUsd: number;
  opexUsdPerMonth: number;
  /** What spend thresholds ("the CFO approves above $5M") compare against. */
  spendUsd: number;
  status: ProposalStatus;
  /** Why the proposal has its status, in words (e.g. "vote failed 2-2", "vetoed by the Investor"). */
  statusReason: string;
  reviews: Review[];
  vetoes: Veto[];
  votes: Vote[];
  override: { decision: Stance; reason: string; at: number } | null;
  /** Set by the resolution of the proposal's round. */
  resolution: { round: number; day: number; applied: boolean; reason: string } | null;
}

export type InjectCause = 'scheduled' | 'day' | 'condition' | 'facilitator';

/** The facilitator's timeline (MSEL status column). FACILITATOR: reveals injects not yet sent. */
export interface InjectTimelineEntry {
  injectId: string;
  number: number;
  status: 'ready' | 'sent' | 'skipped';
  /** When it is due: the scenario's trigger, or the facilitator's replacement. */
  trigger: InjectTrigger;
  rescheduled: boolean;
  /** Fired by the facilitator while paused: delivered at resume. */
  queued: boolean;
  sentAt: { round: number; day: number; phase: SessionPhase; at: number; cause: InjectCause } | null;
  skippedAt: number | null;
  /** Written during the exercise by the facilitator ("added live"); absent for the scenario's own injects. */
  live?: true;
}

/** One inject handed to its audience. Each inject is delivered at most once. */
export interface Delivery {
  injectId: string;
  audience: 'all' | string[];
  round: number;
  day: number;
  phase: SessionPhase;
  at: number;
  cause: InjectCause;
  /** A live inject ("added live" in the debrief); absent for the scenario's own injects. */
  live?: true;
}

export type MessageSender = { kind: 'player'; playerId: string; roleId: string } | { kind: 'facilitator' };

/** Player to facilitator (the control cell), a facilitator broadcast, or a facilitator reply to one player. */
export interface Message {
  id: string;
  from: MessageSender;
  to: 'facilitator' | 'all' | string[];
  /** A message to one player only (`to` is then empty). */
  toPlayerId?: string;
  body: string;
  round: number;
  phase: SessionPhase;
  at: number;
}

/** SECRET from players, observers and the projector: the facilitator's and evaluators' only. */
export interface Observation {
  id: string;
  evaluatorId: string;
  target: ObservationTarget;
  rating: number;
  note: string;
  round: number;
  at: number;
}

/** SECRET. Effects waiting for a simulated day: inject effects fired between resolutions, and actions' lead times. */
export interface PendingEffects {
  dueDay: number;
  source: { kind: 'inject'; injectId: string } | { kind: 'proposal'; proposalId: string };
  effects: Effect[];
}

export type MetricSnapshot = Partial<Record<MetricName, number>>;

export interface ObjectiveResult {
  objectiveId: string;
  day: number;
  round: number;
  met: boolean;
  value: number;
}

export interface CheckpointResult {
  checkpointId: string;
  day: number;
  round: number;
  objectives: ObjectiveResult[];
}

/** What one resolution did and why: kept for the review phase and the debrief. */
export interface RoundResult {
  round: number;
  fromDay: number;
  toDay: number;
  decisions: { proposalId: string; actionId: string; roleId: string; applied: boolean; reason: string }[];
  injects: string[];
  before: MetricSnapshot;
  after: MetricSnapshot;
  /** Why availability, cost, churn (and the rest) moved, in words, from the simulation's daily explanations. */
  explanations: string[];
  checkpoints: string[];
  endStateId: string | null;
}

export interface EndStateReached {
  endStateId: string;
  title: string;
  day: number;
  round: number;
  value: number;
}

export type Outcome =
  | { kind: 'end-state'; endStateId: string; title: string }
  | { kind: 'completed' }
  | { kind: 'ended-by-facilitator' };

export interface DimensionScore {
  dimensionId: string;
  title: string;
  weight: number;
  /** 0..100, or null when neither an objective result nor an evaluator rating bears on it. */
  score: number | null;
  /** Tested objectives met, plus each rated objective's share (its mean rating mapped to 0..1). */
  objectivesMet: number;
  objectivesTotal: number;
  /** Rated objectives (capabilities, issue 16) among `objectivesTotal`; absent when there are none. */
  ratedObjectives?: number;
  evaluatorRatings: number;
  evaluatorMean: number | null;
  /** Ratings of submitted deliverables among `evaluatorRatings`; absent when there are none. */
  deliverableRatings?: number;
}

/** One role's secret objectives as judged at the debrief (shared/session/after-action.ts). */
export interface SecretObjectiveScore {
  roleId: string;
  met: number;
  judged: number;
  total: number;
}

export interface Score {
  /** 0..100: the weighted mean of the assessed dimensions. */
  total: number;
  dimensions: DimensionScore[];
  /** Absent until the facilitator judges a secret objective. Not part of `total`: roles score apart. */
  secretObjectives?: SecretObjectiveScore[];
}

/** FACILITATOR-set seating rules (shared/session/seating.ts). */
export interface SeatingRules {
  /** No new player may join. */
  locked: boolean;
  /** A join waits as a request until the facilitator admits or refuses it. */
  approval: boolean;
  /** Roles kept for computer players: nobody may join them. */
  reserved: string[];
}

/** A join waiting for (or settled by) the facilitator. SECRET: `tokenHash`. */
export interface JoinRequest {
  id: string;
  name: string;
  roleId: string;
  tokenHash: string;
  at: number;
  status: 'pending' | 'admitted' | 'refused';
}

export interface SessionState {
  sessionId: string;
  /** The full parsed scenario, embedded so that a replay never depends on a file. Project per viewer: it holds private briefs, facilitator notes and future injects. */
  scenario: Scenario;
  /** SECRET: with the log it predicts every random outcome. */
  seed: number;
  joinCode: string;
  createdAt: number;
  phase: SessionPhase;
  /** 1-based; 0 before the first round. */
  round: number;
  paused: boolean;
  phaseStartedAt: number;
  timer: PhaseTimer;
  /** Participants who said they are done with the current phase; cleared at each phase and by `extend`. */
  ready: ParticipantKey[];
  players: Player[];
  /** SECRET */
  credentials: Credential[];
  proposals: Proposal[];
  /** FACILITATOR */
  injects: InjectTimelineEntry[];
  /** Filter per viewer by audience. */
  deliveries: Delivery[];
  /** Filter per viewer: a player sees broadcasts to them, and their own messages to the facilitator. */
  messages: Message[];
  /** SECRET from players (see Observation). */
  observations: Observation[];
  /** SECRET */
  pendingEffects: PendingEffects[];
  /** SECRET-ish: carries the PRNG state. Metrics derived from it are public. */
  sim: SimState;
  rounds: RoundResult[];
  objectives: ObjectiveResult[];
  checkpoints: CheckpointResult[];
  endState: EndStateReached | null;
  outcome: Outcome | null;
  score: Score | null;
  /** Absent until the facilitator changes a seating rule (then FACILITATOR). */
  seating?: SeatingRules;
  /** Absent until a join needed approval. FACILITATOR: carries token hashes. */
  joinRequests?: JoinRequest[];
  /**
   * Absent until the first deliverable, rating, hot-wash answer, feedback, report edit or carried
   * action. Mixed: deliverable ratings' comments are evaluator notes (SECRET from players), hot-wash
   * answers and feedback are the facilitator's (players see their own); see shared/views/project.ts.
   */
  afterAction?: AfterActionRecord;
}
