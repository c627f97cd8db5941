import type { Action, ActionCategory, Scenario } from '../../shared/scenario/schema';
import type { SessionState } from '../../shared/session/state';
import { metricValue } from '../../shared/sim';
import type { Effect } from '../../shared/sim/effects';
import type { MetricName } from '../../shared/sim/metrics';

/**
 * How a computer player reads the situation: the areas that need help (from the sim metrics every
 * role sees), which of them a role worries about (from the categories it may propose), and which
 * needs an action's effects answer. Kept apart from the move logic in computer-player.ts.
 */

export type Need =
  | 'database'
  | 'app'
  | 'cdn'
  | 'availability'
  | 'cost'
  | 'runway'
  | 'morale'
  | 'hours'
  | 'trust'
  | 'investors'
  | 'security'
  | 'compliance'
  | 'operations'
  | 'revenue';

export type NeedWeights = Partial<Record<Need, number>>;

const clamp = (x: number) => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
const bounded = (x: number) => Math.min(1, Math.max(-1, x));

/** Days ahead a role looks when a tier's load is growing: about one round-trip of a project. */
const LOOKAHEAD_DAYS = 30;

/** A metric's value projected `LOOKAHEAD_DAYS` ahead from its trend over the last week, never below today. */
function projected(state: SessionState, name: MetricName): number {
  const history = state.sim.history;
  const now = metricValue(state.sim, name);
  const past = history[Math.max(0, history.length - 8)]?.metrics[name];
  const days = Math.min(7, history.length - 1);
  if (past === undefined || days <= 0) return now;
  return Math.max(now, now + ((now - past) / days) * LOOKAHEAD_DAYS);
}

/** Strain of a tier at utilization `u`: none below 70%, full at 100% and above (queueing knee). */
const tierStrain = (u: number) => clamp((u - 0.7) * 3);

/** How badly each area needs help now, 0..1, from the metrics. */
export function needs(state: SessionState): Record<Need, number> {
  const m = (name: MetricName) => metricValue(state.sim, name);
  const model = state.sim.model;
  // A tier growing into its ceiling is a need now: the fixes (pooler, sharding) take weeks to land.
  const tier = (name: MetricName) => Math.max(tierStrain(m(name)), 0.6 * tierStrain(projected(state, name)));
  const compliance = Math.min(
    m('compliance-gdpr'),
    m('compliance-ccpa'),
    m('compliance-content-moderation'),
    m('compliance-payments'),
  );
  return {
    database: tier('db-utilization'),
    app: tier('app-utilization'),
    cdn: tier('cdn-utilization'),
    // The week's availability, so one bad day keeps the reliability work on the table.
    availability: clamp((0.999 - metricValue(state.sim, 'availability', 7)) * 100),
    cost: clamp((m('monthly-infra-cost-usd') / model.targetInfraCostUsdPerMonth - 1) * 2),
    runway: clamp((6 - m('runway-months')) / 6),
    morale: clamp((60 - m('morale')) / 40),
    hours: clamp((m('weekly-hours') - 50) / 30),
    trust: clamp((60 - m('user-trust')) / 60),
    investors: clamp((60 - m('investor-confidence')) / 60),
    security: clamp((60 - m('security-posture')) / 60),
    compliance: clamp((60 - compliance) / 60),
    operations: clamp((m('incidents-per-shift') - 1) / 4),
    revenue: clamp((model.targetArpuUsd - m('arpu-usd')) / model.targetArpuUsd),
  };
}

/** The needs each action category's owner answers for: a role worries about what it may propose. */
const WORRIES_BY_CATEGORY: Record<ActionCategory, Need[]> = {
  infrastructure: ['database', 'app', 'cdn', 'availability', 'cost'],
  architecture: ['database', 'app', 'availability'],
  operations: ['operations', 'availability'],
  security: ['security'],
  compliance: ['compliance', 'trust'],
  product: ['revenue', 'trust'],
  communication: ['trust', 'investors'],
  people: ['morale', 'hours'],
  finance: ['cost', 'runway'],
  funding: ['runway', 'investors'],
};

/** Everyone cares a little about every need: the objectives are shared. */
const SHARED_WORRY = 0.3;

/** How much a role cares about each need: fully for its own categories, a little for the rest. */
export function worries(scenario: Pick<Scenario, 'roles'>, roleId: string): Record<Need, number> {
  const role = scenario.roles.find((r) => r.id === roleId);
  const weights = Object.fromEntries(
    (Object.keys(needsTemplate) as Need[]).map((n) => [n, SHARED_WORRY]),
  ) as Record<Need, number>;
  for (const category of role?.authority.propose ?? []) {
    for (const need of WORRIES_BY_CATEGORY[category] ?? []) weights[need] = 1;
  }
  return weights;
}

const needsTemplate: Record<Need, true> = {
  database: true,
  app: true,
  cdn: true,
  availability: true,
  cost: true,
  runway: true,
  morale: true,
  hours: true,
  trust: true,
  investors: true,
  security: true,
  compliance: true,
  operations: true,
  revenue: true,
};

/** Which needs an effect answers, with weights; negative weights are harm. */
export function answers(state: SessionState, effect: Effect): NeedWeights {
  switch (effect.type) {
    case 'capacity': {
      const tier: Need =
        effect.target === 'app-servers' ? 'app' : effect.target === 'cdn-capacity' ? 'cdn' : 'database';
      // Cache nodes only relieve the database through the hit ratio (its own effect).
      if (effect.target === 'cache-nodes')
        return effect.delta >= 0 ? { database: 0.5, cost: -0.3 } : { cost: 0.5 };
      // Capacity is billed by the unit (shared/sim/costs.ts), so adding it raises the bill and
      // removing it saves money while hurting the tier it is taken from.
      return effect.delta >= 0
        ? { [tier]: 1, availability: 0.4, cost: -0.3 }
        : { cost: 1, [tier]: -2, availability: -0.5 };
    }
    case 'start-project':
      switch (effect.project) {
        case 'connection-pooler':
          // The cheap first step: connection latency 50 ms -> 5 ms on OpenAI's Postgres fleet (the
          // scenario's own description of the action).
          return { database: 1.5, availability: 0.5 };
        case 'sharding':
          // The only fix that buys years rather than weeks (the Head of Infrastructure's brief).
          return { database: 1.2, availability: 0.3 };
        case 'monolith-extraction':
          return { app: 1, availability: 0.3 };
        case 'multi-cdn':
          return { cdn: 1, availability: 0.4, cost: 0.3 };
        case 'observability-platform':
        case 'change-management':
          return { operations: 1, availability: 0.6 };
      }
      return {};
    case 'cache-hit-ratio':
      return { database: 0.8 };
    case 'autoscaling':
      return { app: 0.8, cost: 0.5 };
    case 'commit-spend':
    case 'move-storage':
      return { cost: 1 };
    case 'hire':
      return { operations: 0.5, morale: 0.5, hours: 0.3 };
    case 'on-call-rotation':
      return { operations: 1, morale: 0.3, availability: 0.3 };
    case 'weekly-hours':
      // A cap at or above today's hours changes nothing.
      return effect.hours < metricValue(state.sim, 'weekly-hours') ? { hours: 1, morale: 0.5 } : {};
    case 'morale':
      return { morale: bounded(effect.delta / 10) };
    case 'raise-level':
      return effect.level === 'security' ? { security: 1 } : { operations: 0.8, availability: 0.3 };
    case 'compliance':
      return { compliance: 1 };
    case 'feature-freeze':
      return { availability: 0.3, revenue: -0.2 };
    case 'feature-launch':
      return { revenue: 0.5, availability: -0.2 };
    case 'communication':
      // Points of trust or confidence, +-10 counting as a full answer (or a full harm) to the need.
      return { trust: bounded(effect.userTrust / 10), investors: bounded(effect.investorConfidence / 10) };
    case 'arpu':
      return { revenue: 1 };
    case 'funding':
      return { runway: 1 };
    case 'outage':
      return { availability: -0.3 };
    default:
      return {};
  }
}

/** What the effects are worth to a role: each answered need weighted by its urgency and the role's worry. */
export function worthTo(
  state: SessionState,
  effects: readonly Effect[],
  need: Record<Need, number>,
  worry: Record<Need, number>,
): { value: number; reason: Need | undefined } {
  const gains = new Map<Need, number>();
  for (const effect of effects) {
    for (const [n, weight] of Object.entries(answers(state, effect)) as [Need, number][]) {
      gains.set(n, (gains.get(n) ?? 0) + weight * need[n] * worry[n]);
    }
  }
  const value = [...gains.values()].reduce((a, b) => a + b, 0);
  const reason = [...gains.entries()].sort((a, b) => b[1] - a[1])[0];
  return { value, reason: reason && reason[1] > 0 ? reason[0] : undefined };
}

/**
 * Times an action has been tried this exercise: applied, or turned down by the table (asking again
 * for what was just refused, unchanged, rarely persuades anyone).
 */
export function timesTried(state: SessionState, action: Action): number {
  return state.proposals.filter(
    (p) =>
      p.actionId === action.id && (p.resolution?.applied || p.status === 'rejected' || p.status === 'vetoed'),
  ).length;
}

/**
 * A tiny tie-break in [0, scale), derived from the session seed, the round and the role (FNV-1a
 * then one mulberry32 step), so near-equal choices differ from seed to seed yet replay identically.
 */
export function tieBreak(state: SessionState, roleId: string, actionId: string, scale: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${state.seed}:${state.round}:${roleId}:${actionId}`) {
    h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  }
  let t = (h + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * scale;
}
