import type { Action, DecisionRule, Inject, Role, Scenario } from '../scenario/schema';
import type {
  Credential,
  Delivery,
  InjectTimelineEntry,
  JoinRequest,
  Message,
  Observation,
  PendingEffects,
  Player,
  SeatingRules,
  SessionState,
} from '../session/state';
import type { MetricName } from '../sim/metrics';
import type { DayOutcome, SimEvent, SimState } from '../sim/state';
import type { AfterActionView } from './after-action-view';
import type { KnowledgeMap } from './knowledge';
import type { Viewer } from './viewer';

/**
 * What one viewer receives: the session state projected to what that viewer is entitled to know
 * (DESIGN.md invariant 4). The types are derived from the session's own types so a renamed field
 * cannot drift; `kind` tells the client which view it holds.
 *
 * Never in any view but the facilitator's: private briefs and secret objectives of other roles,
 * facilitator notes, injects not yet sent (the timeline), pending effects, evaluator observations
 * (evaluators excepted), messages not addressed to the viewer, the seed and credentials. Never in
 * any view: the simulation's PRNG state and its model calibration.
 */

/** A role as everyone may see it. */
export type PublicRole = Pick<Role, 'id' | 'name' | 'publicBrief' | 'authority' | 'players' | 'required'>;

/** A player's own role, with what only that role knows. */
export type PrivateRole = Pick<Role, 'id' | 'name' | 'privateBrief' | 'secretObjectives'>;

/** What anyone may read about a scenario, even before joining: what it is, for whom, and how long it takes. */
export type ScenarioHeadline = Pick<
  Scenario,
  'id' | 'title' | 'version' | 'summary' | 'durationMinutes' | 'audience' | 'learningObjectives'
>;

/**
 * The scenario as the table sees it: the action catalog, rules, objectives, rubric and the
 * simulation's starting position (so a client can preview "what would this do", DESIGN.md
 * invariant 3), but no injects and no private briefs.
 */
export interface PublicScenario
  extends ScenarioHeadline,
    Pick<Scenario, 'rounds' | 'checkpoints' | 'objectives' | 'endStates' | 'scoring' | 'simulation'>,
    // The scenario's own model (issue 16): present only when the scenario declares it.
    Partial<Pick<Scenario, 'model' | 'metrics' | 'categories' | 'channels' | 'dashboard' | 'modules'>> {
  roles: PublicRole[];
  actions: Action[];
  decisionDefaults: DecisionRule;
}

/** A delivered inject as its audience reads it (no effects, no facilitator notes). */
export type InjectCard = Pick<
  Inject,
  'id' | 'number' | 'title' | 'channel' | 'from' | 'subject' | 'body' | 'discussionQuestions'
> &
  Pick<Delivery, 'audience' | 'round' | 'day' | 'phase' | 'at' | 'live'>;

/** What evaluators also see of a delivered inject: the expected player actions and the objectives it exercises. */
export type EvaluatorInjectCard = InjectCard & Pick<Inject, 'expectedActions' | 'objectives'>;

/** The facilitator's timeline (MSEL): every inject, sent or not, with everything about it. */
export type TimelineInject = InjectTimelineEntry & { inject: Inject };

/** Simulated metrics by day, column-wise (compact for charts): `metrics[m][i]` is metric m on `days[i]`. */
export interface MetricSeries {
  days: number[];
  /** Every metric the simulation records (the infrastructure's and the scenario's own, see modelMetricIds). */
  metrics: Record<MetricName, number[]> & Record<string, number[]>;
}

/** The simulation as the company knows it: outcomes, the running estate and the work in flight; no PRNG, no model. */
export interface PublicSim {
  day: number;
  series: MetricSeries;
  /** The latest simulated day in full (utilization, downtime and churn by cause, cost by category, money). */
  today: DayOutcome | null;
  /** Notable simulated happenings, for the debrief's timeline. */
  events: (SimEvent & { day: number })[];
  estate: Pick<SimState, 'database' | 'cache' | 'app' | 'cdn' | 'storage' | 'people' | 'landed'> & {
    projects: SimState['pending']['projects'];
    hires: SimState['pending']['hires'];
    deadlines: SimState['pending']['deadlines'];
    commitments: SimState['pending']['commitments'];
  };
}

/**
 * What every viewer of a session sees after each change. The scenario never changes during a
 * session, so it is not repeated in every view: it is sent once per connection (`scenario` event,
 * `projectScenario`), which keeps each change's payload to what moved.
 */
export interface BaseView
  extends Pick<
    SessionState,
    | 'sessionId'
    | 'joinCode'
    | 'phase'
    | 'round'
    | 'paused'
    | 'phaseStartedAt'
    | 'timer'
    | 'players'
    | 'ready'
    | 'proposals'
    | 'rounds'
    | 'objectives'
    | 'checkpoints'
    | 'endState'
    | 'outcome'
    | 'score'
  > {
  /** Required roles no person holds, played by the computer. */
  computerRoles: string[];
  /** Injects delivered to this viewer, in delivery order. */
  injects: InjectCard[];
  /** Messages addressed to this viewer (broadcasts, and a player's own messages to the facilitator). */
  messages: Message[];
  sim: PublicSim;
  /** Who knew what, when (./knowledge.ts): the facilitator's always, everyone's once the exercise is over, otherwise null. */
  knowledge: KnowledgeMap | null;
  /** Deliverables, hot wash, feedback and revealed secret objectives (./after-action-view.ts); absent until there are any or the debrief opens. */
  afterAction?: AfterActionView;
}

export interface FacilitatorView extends BaseView {
  kind: 'facilitator';
  seed: number;
  timeline: TimelineInject[];
  observations: Observation[];
  pendingEffects: PendingEffects[];
  /**
   * Credentials with their token hashes (what `revoke-token` names; a hash cannot be used to sign
   * in), bounded (issue 19): every active screen, evaluator and facilitator credential (the newest
   * 100) and the newest 20 others (players, observers, revoked). All of them:
   * `GET /api/sessions/:id/credentials`.
   */
  credentials: Credential[];
  /** How many credentials of each kind were issued, active and revoked. */
  credentialCounts: Partial<Record<Credential['kind'], { active: number; revoked: number }>>;
  /** How many messages the session holds; `messages` is the newest 100 (all: `GET /api/sessions/:id/messages`). */
  messageCount: number;
  /** Lobby lock, join approval and computer-reserved roles (shared/session/seating.ts). */
  seating: SeatingRules;
  /** Joins waiting for the facilitator to admit or refuse them. */
  joinRequests: Pick<JoinRequest, 'id' | 'name' | 'roleId' | 'at'>[];
}

export interface PlayerView extends BaseView {
  kind: 'player';
  me: Player;
  role: PrivateRole;
}

export interface EvaluatorView extends Omit<BaseView, 'injects'> {
  kind: 'evaluator';
  evaluatorId: string;
  injects: EvaluatorInjectCard[];
  observations: Observation[];
}

export interface ObserverView extends BaseView {
  kind: 'observer';
}

export interface ScreenView extends BaseView {
  kind: 'screen';
}

export type View = FacilitatorView | PlayerView | EvaluatorView | ObserverView | ScreenView;

export type ViewOf<K extends Viewer['kind']> = Extract<View, { kind: K }>;

/** The scenario as a viewer may read it: the whole file for the facilitator, the public part for everyone else. */
export type ViewerScenario =
  | { kind: 'full'; scenario: Scenario }
  | { kind: 'public'; scenario: PublicScenario };
