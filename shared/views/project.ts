import type { Inject, Scenario } from '../scenario/schema';
import { computerRoles } from '../session/authority';
import { audienceIncludes } from '../session/injects';
import { pendingJoins, seatingOf } from '../session/seating';
import type { Credential, Delivery, Message, Player, SessionState } from '../session/state';
import { modelMetricIds } from '../sim/metric-value';
import type { SimState } from '../sim/state';
import { afterActionView } from './after-action-view';
import { knowledgeMap } from './knowledge';
import { publicScenario } from './public';
import { tableKnowledge } from './table-knowledge';
import type {
  BaseView,
  EvaluatorInjectCard,
  FacilitatorView,
  InjectCard,
  MetricSeries,
  PublicSim,
  View,
  ViewerScenario,
} from './view';
import type { Viewer } from './viewer';

/**
 * The one function that decides what each viewer may see (DESIGN.md invariant 4). Pure; the
 * gateway calls it after every change for each kind of viewer connected. It builds each view from
 * an allow-list of fields, never by deleting secrets from a copy, so a field added to the state
 * later stays private until someone decides who may see it.
 */
export function project(state: SessionState, viewer: Viewer): View {
  switch (viewer.kind) {
    case 'facilitator':
      return {
        ...baseView(state, state.deliveries, state.messages.slice(-FACILITATOR_MESSAGES), EVERYTHING, true),
        kind: 'facilitator',
        messageCount: state.messages.length,
        seed: state.seed,
        timeline: state.injects.map((entry) => ({
          ...entry,
          inject: injectById(state.scenario, entry.injectId),
        })),
        observations: state.observations,
        pendingEffects: state.pendingEffects,
        ...boundedCredentials(state.credentials),
        seating: seatingOf(state),
        joinRequests: pendingJoins(state).map(({ id, name, roleId, at }) => ({ id, name, roleId, at })),
        ...afterActionView(state, viewer),
      };
    case 'player': {
      const me = state.players.find((p) => p.id === viewer.playerId);
      if (!me) throw new Error(`no player ${viewer.playerId} in session ${state.sessionId}`);
      const role = state.scenario.roles.find((r) => r.id === me.roleId);
      if (!role) throw new Error(`player ${me.id} holds unknown role ${me.roleId}`);
      const deliveries = state.deliveries.filter((d) => audienceIncludes(d.audience, me.roleId));
      const messages = state.messages.filter((m) => messageReaches(m, me));
      return {
        ...baseView(state, deliveries, messages, roleMayKnow(me.roleId)),
        kind: 'player',
        me,
        role: {
          id: role.id,
          name: role.name,
          privateBrief: role.privateBrief,
          secretObjectives: role.secretObjectives,
        },
        ...afterActionView(state, viewer),
      };
    }
    case 'evaluator': {
      // Evaluators follow the whole exercise (HSEEP evaluation guides list every inject's expected actions).
      const base = baseView(
        state,
        state.deliveries,
        state.messages.filter((m) => m.to === 'all'),
        EVERYTHING,
      );
      return {
        ...base,
        kind: 'evaluator',
        evaluatorId: viewer.evaluatorId,
        injects: state.deliveries.map((d) => evaluatorCard(state.scenario, d)),
        observations: state.observations,
        ...afterActionView(state, viewer),
      };
    }
    case 'observer':
    case 'screen': {
      // The room's view: only what was said to everyone.
      const deliveries = state.deliveries.filter((d) => d.audience === 'all');
      const messages = state.messages.filter((m) => m.to === 'all');
      return {
        ...baseView(state, deliveries, messages, ROOM_ONLY),
        kind: viewer.kind,
        ...afterActionView(state, viewer),
      };
    }
  }
}

/**
 * Whether the viewer may know of something derived from an inject (a simulation event, a deadline):
 * `audience` is the inject's roles, absent for what is public to the table.
 */
export type MayKnow = (audience: readonly string[] | undefined) => boolean;

const EVERYTHING: MayKnow = () => true;
const ROOM_ONLY: MayKnow = (audience) => audience === undefined;
/** One MayKnow per role, so the per-simulation memo below can key on it. */
const byRole = new Map<string, MayKnow>();
const roleMayKnow = (roleId: string): MayKnow => {
  let mayKnow = byRole.get(roleId);
  if (!mayKnow) {
    mayKnow = (audience) => audience === undefined || audience.includes(roleId);
    byRole.set(roleId, mayKnow);
  }
  return mayKnow;
};

/**
 * The simulation as each kind of viewer knows it, computed once per simulation state (issue 19):
 * the simulation moves only when a round resolves, so between resolutions every change (a
 * proposal, a vote, a message) reuses it for every viewer of the same knowledge. Pure: the same
 * inputs give the same (shared, never mutated) objects.
 */
const simMemo = new WeakMap<SimState, Map<MayKnow, { sim: PublicSim; hidden: Map<string, number> }>>();
function simFor(sim: SimState, mayKnow: MayKnow): { sim: PublicSim; hidden: Map<string, number> } {
  let byKnowledge = simMemo.get(sim);
  if (!byKnowledge) {
    byKnowledge = new Map();
    simMemo.set(sim, byKnowledge);
  }
  let hit = byKnowledge.get(mayKnow);
  if (!hit) {
    hit = { sim: publicSim(sim, mayKnow), hidden: hiddenEventLines(sim, mayKnow) };
    byKnowledge.set(mayKnow, hit);
  }
  return hit;
}

/**
 * Bounded views (issue 19): the facilitator's view carries the newest messages and credentials
 * only, however many a session piles up; the whole lists are a REST call away
 * (`GET /api/sessions/:id/messages`, `/credentials`, shared/protocol/protocol.md).
 */
export const FACILITATOR_MESSAGES = 100;
/** Active screen, evaluator and facilitator credentials listed at most (the console re-issues and revokes them). */
export const STAFF_CREDENTIALS = 100;
/** The newest other credentials (players, observers, revoked ones) listed besides. */
export const RECENT_CREDENTIALS = 20;

function boundedCredentials(
  all: readonly Credential[],
): Pick<FacilitatorView, 'credentials' | 'credentialCounts'> {
  const staff = (c: Credential) =>
    !c.revoked && (c.kind === 'screen' || c.kind === 'evaluator' || c.kind === 'facilitator');
  const listed = new Set([
    ...all.filter(staff).slice(-STAFF_CREDENTIALS),
    ...all.filter((c) => !staff(c)).slice(-RECENT_CREDENTIALS),
  ]);
  const credentialCounts: FacilitatorView['credentialCounts'] = {};
  for (const c of all) {
    const count = credentialCounts[c.kind] ?? { active: 0, revoked: 0 };
    if (c.revoked) count.revoked++;
    else count.active++;
    credentialCounts[c.kind] = count;
  }
  return { credentials: all.filter((c) => listed.has(c)), credentialCounts };
}

function baseView(
  state: SessionState,
  deliveries: Delivery[],
  messages: Message[],
  mayKnow: MayKnow,
  facilitator = false,
): BaseView {
  const visibleInjects = new Set(deliveries.map((d) => d.injectId));
  const { sim, hidden: hiddenLines } = simFor(state.sim, mayKnow);
  return {
    sessionId: state.sessionId,
    joinCode: state.joinCode,
    phase: state.phase,
    round: state.round,
    paused: state.paused,
    phaseStartedAt: state.phaseStartedAt,
    timer: state.timer,
    players: state.players,
    computerRoles: computerRoles(state),
    ready: state.ready,
    proposals: state.proposals,
    injects: deliveries.map((d) => injectCard(state.scenario, d)),
    messages,
    sim,
    // A round's record names the injects it fired and explains the day's events; a viewer only
    // learns of injects delivered to it, and of the events that follow from them.
    rounds: state.rounds.map((r) => ({
      ...r,
      injects: r.injects.filter((id) => visibleInjects.has(id)),
      explanations: hiddenLines.size === 0 ? r.explanations : withoutLines(r.explanations, hiddenLines),
    })),
    objectives: state.objectives,
    checkpoints: state.checkpoints,
    endState: state.endState,
    outcome: state.outcome,
    score: state.score,
    // Who knew what, when: the facilitator's always; the table's once the exercise is over, and
    // then who received each inject and message, but what only when it went to everyone.
    knowledge: facilitator
      ? knowledgeMap(state)
      : state.phase === 'debrief' || state.phase === 'ended'
        ? tableKnowledge(knowledgeMap(state), state)
        : null,
  };
}

/** The scenario for one viewer: the facilitator's is the whole file; everyone else's has no injects or private briefs. */
export function projectScenario(scenario: Scenario, viewer: Viewer): ViewerScenario {
  return viewer.kind === 'facilitator'
    ? { kind: 'full', scenario }
    : { kind: 'public', scenario: publicScenario(scenario) };
}

function injectById(scenario: Scenario, injectId: string): Inject {
  const inject = scenario.injects.find((i) => i.id === injectId);
  if (!inject) throw new Error(`the timeline names unknown inject ${injectId}`);
  return inject;
}

function injectCard(scenario: Scenario, delivery: Delivery): InjectCard {
  const inject = injectById(scenario, delivery.injectId);
  return {
    id: inject.id,
    number: inject.number,
    title: inject.title,
    channel: inject.channel,
    from: inject.from,
    subject: inject.subject,
    body: inject.body,
    discussionQuestions: inject.discussionQuestions,
    audience: delivery.audience,
    round: delivery.round,
    day: delivery.day,
    phase: delivery.phase,
    at: delivery.at,
    // Written during the exercise: the debrief marks it "added live".
    ...(delivery.live ? { live: true as const } : {}),
  };
}

function evaluatorCard(scenario: Scenario, delivery: Delivery): EvaluatorInjectCard {
  const inject = injectById(scenario, delivery.injectId);
  return {
    ...injectCard(scenario, delivery),
    expectedActions: inject.expectedActions,
    objectives: inject.objectives,
  };
}

/** Broadcasts to everyone or to the player's role, replies to this player, and the player's own messages to the facilitator. */
function messageReaches(message: Message, player: Player): boolean {
  if (message.from.kind === 'player' && message.from.playerId === player.id) return true;
  if (message.to === 'facilitator') return false;
  if (message.toPlayerId !== undefined) return message.toPlayerId === player.id;
  return message.to === 'all' || message.to.includes(player.roleId);
}

export function metricSeries(sim: SimState): MetricSeries {
  const names = modelMetricIds(sim);
  const metrics = Object.fromEntries(names.map((name) => [name, [] as number[]])) as MetricSeries['metrics'];
  const days: number[] = [];
  for (const day of sim.history) {
    days.push(day.day);
    for (const name of names) metrics[name]?.push(day.metrics[name] ?? Number.NaN);
  }
  return { days, metrics };
}

/**
 * The simulation as the company knows it (see PublicSim): no PRNG state, no model calibration, and
 * of the events and pending items that follow from an inject, only those the viewer may know of.
 */
export function publicSim(sim: SimState, mayKnow: MayKnow = EVERYTHING): PublicSim {
  const known = <T extends { audience?: readonly string[] }>(items: readonly T[]) =>
    items.filter((item) => mayKnow(item.audience));
  const today = sim.history[sim.history.length - 1] ?? null;
  return {
    day: sim.day,
    series: metricSeries(sim),
    today: today && { ...today, events: known(today.events), projects: known(today.projects) },
    events: sim.history.flatMap((day) => known(day.events).map((event) => ({ ...event, day: day.day }))),
    estate: {
      database: sim.database,
      cache: sim.cache,
      app: sim.app,
      cdn: sim.cdn,
      storage: sim.storage,
      people: sim.people,
      landed: sim.landed,
      projects: known(sim.pending.projects),
      hires: known(sim.pending.hires),
      deadlines: known(sim.pending.deadlines),
      commitments: known(sim.pending.commitments),
    },
  };
}

/** The round explanations' lines (`Day N: text`, shared/session/round-explanation.ts) of events the viewer may not know of. */
function hiddenEventLines(sim: SimState, mayKnow: MayKnow): Map<string, number> {
  const hidden = new Map<string, number>();
  for (const day of sim.history) {
    for (const event of day.events) {
      if (mayKnow(event.audience)) continue;
      const line = `Day ${day.day}: ${event.text}`;
      hidden.set(line, (hidden.get(line) ?? 0) + 1);
    }
  }
  return hidden;
}

/** Drops each hidden line as many times as a hidden event produced it (a public twin stays). */
function withoutLines(lines: readonly string[], hidden: ReadonlyMap<string, number>): string[] {
  const left = new Map(hidden);
  return lines.filter((line) => {
    const count = left.get(line) ?? 0;
    if (count === 0) return true;
    left.set(line, count - 1);
    return false;
  });
}
