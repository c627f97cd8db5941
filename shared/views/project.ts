import type { Inject, Scenario } from '../scenario/schema';
import { computerRoles } from '../session/authority';
import { audienceIncludes } from '../session/injects';
import type { Delivery, Message, Player, SessionState } from '../session/state';
import { METRIC_NAMES, type MetricName } from '../sim/metrics';
import type { SimState } from '../sim/state';
import { publicScenario } from './public';
import type {
  BaseView,
  EvaluatorInjectCard,
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
        ...baseView(state, state.deliveries, state.messages),
        kind: 'facilitator',
        seed: state.seed,
        timeline: state.injects.map((entry) => ({
          ...entry,
          inject: injectById(state.scenario, entry.injectId),
        })),
        observations: state.observations,
        pendingEffects: state.pendingEffects,
        credentials: state.credentials,
      };
    case 'player': {
      const me = state.players.find((p) => p.id === viewer.playerId);
      if (!me) throw new Error(`no player ${viewer.playerId} in session ${state.sessionId}`);
      const role = state.scenario.roles.find((r) => r.id === me.roleId);
      if (!role) throw new Error(`player ${me.id} holds unknown role ${me.roleId}`);
      const deliveries = state.deliveries.filter((d) => audienceIncludes(d.audience, me.roleId));
      const messages = state.messages.filter((m) => messageReaches(m, me));
      return {
        ...baseView(state, deliveries, messages),
        kind: 'player',
        me,
        role: {
          id: role.id,
          name: role.name,
          privateBrief: role.privateBrief,
          secretObjectives: role.secretObjectives,
        },
      };
    }
    case 'evaluator': {
      // Evaluators follow the whole exercise (HSEEP evaluation guides list every inject's expected actions).
      const base = baseView(
        state,
        state.deliveries,
        state.messages.filter((m) => m.to === 'all'),
      );
      return {
        ...base,
        kind: 'evaluator',
        evaluatorId: viewer.evaluatorId,
        injects: state.deliveries.map((d) => evaluatorCard(state.scenario, d)),
        observations: state.observations,
      };
    }
    case 'observer':
    case 'screen': {
      // The room's view: only what was said to everyone.
      const deliveries = state.deliveries.filter((d) => d.audience === 'all');
      const messages = state.messages.filter((m) => m.to === 'all');
      return { ...baseView(state, deliveries, messages), kind: viewer.kind };
    }
  }
}

function baseView(state: SessionState, deliveries: Delivery[], messages: Message[]): BaseView {
  const visibleInjects = new Set(deliveries.map((d) => d.injectId));
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
    sim: publicSim(state.sim),
    // A round's record names the injects it fired; a viewer only learns of those delivered to it.
    rounds: state.rounds.map((r) => ({ ...r, injects: r.injects.filter((id) => visibleInjects.has(id)) })),
    objectives: state.objectives,
    checkpoints: state.checkpoints,
    endState: state.endState,
    outcome: state.outcome,
    score: state.score,
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

/** Broadcasts to everyone or to the player's role, and the player's own messages to the facilitator. */
function messageReaches(message: Message, player: Player): boolean {
  if (message.from.kind === 'player' && message.from.playerId === player.id) return true;
  if (message.to === 'facilitator') return false;
  return message.to === 'all' || message.to.includes(player.roleId);
}

export function metricSeries(sim: SimState): MetricSeries {
  const metrics = Object.fromEntries(METRIC_NAMES.map((name) => [name, [] as number[]])) as Record<
    MetricName,
    number[]
  >;
  const days: number[] = [];
  for (const day of sim.history) {
    days.push(day.day);
    for (const name of METRIC_NAMES) metrics[name].push(day.metrics[name]);
  }
  return { days, metrics };
}

/** The simulation as the company knows it (see PublicSim): no PRNG state, no model calibration. */
export function publicSim(sim: SimState): PublicSim {
  return {
    day: sim.day,
    series: metricSeries(sim),
    today: sim.history[sim.history.length - 1] ?? null,
    events: sim.history.flatMap((day) => day.events.map((event) => ({ ...event, day: day.day }))),
    estate: {
      database: sim.database,
      cache: sim.cache,
      app: sim.app,
      cdn: sim.cdn,
      storage: sim.storage,
      people: sim.people,
      landed: sim.landed,
      projects: sim.pending.projects,
      hires: sim.pending.hires,
      deadlines: sim.pending.deadlines,
      commitments: sim.pending.commitments,
    },
  };
}
