import {
  createInitialState,
  type Effect,
  type MetricName,
  run,
  type SimSetup,
  simSetupSchema,
} from '../../../shared/sim';
import type { SimState } from '../../../shared/sim/state';
import type { PublicScenario, PublicSim } from '../../../shared/views/view';

/**
 * "What would this action do?" computed in the browser with the simulation core (DESIGN.md
 * invariant 3): a projection, never an outcome. The client does not hold the server's state (the
 * PRNG and hidden shocks stay there), so it rebuilds an estimate: the scenario's starting position
 * and calibration, overwritten with everything the view says about today (estate, money, users,
 * people, risk). It then runs that estimate forward twice with the same seed, without and with
 * the action, and compares the two over the last simulated days of the horizon. Using one seed for
 * both runs means chance affects both alike, so the difference is the action's.
 */

/** Any fixed seed will do: only the difference between the two runs is shown. */
const PROJECTION_SEED = 20_240_901;

export interface ProjectedChange {
  metric: MetricName;
  without: number;
  with: number;
  delta: number;
}

export interface Projection {
  fromDay: number;
  toDay: number;
  changes: ProjectedChange[];
}

/**
 * The starting position from the public scenario. The client does not re-validate what the server
 * sends, so it is checked here: a server that predates `simulation` in the public scenario sends
 * none, and then no projection is made rather than one from invented figures.
 */
export function simSetupOf(scenario: PublicScenario): SimSetup | undefined {
  const raw: unknown = scenario.simulation;
  if (raw === undefined) return undefined;
  const parsed = simSetupSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function estimateState(setup: SimSetup, sim: PublicSim): SimState {
  const state = createInitialState(setup, PROJECTION_SEED);
  const today = sim.today;
  if (!today) return state;
  const e = sim.estate;
  const m = today.metrics;
  state.day = sim.day;
  state.database = { ...e.database };
  state.cache = { ...e.cache };
  state.app = { ...e.app, autoscaling: { ...e.app.autoscaling } };
  state.cdn = { ...e.cdn };
  state.storage = { ...e.storage };
  state.people = { ...e.people, engineers: { ...e.people.engineers } };
  state.landed = [...e.landed];
  state.pending.projects = e.projects.map((p) => ({ ...p }));
  state.pending.hires = e.hires.map((h) => ({ ...h }));
  state.pending.deadlines = e.deadlines.map((d) => ({ ...d }));
  state.pending.commitments = e.commitments.map((c) => ({ ...c }));
  state.traffic.registeredUsers = m['registered-users'];
  state.money.cashUsd = m['cash-usd'];
  state.money.emergencyBudgetUsd = m['emergency-budget-usd'];
  state.money.arpuUsd = m['arpu-usd'];
  state.risk.userTrust = m['user-trust'];
  state.risk.investorConfidence = m['investor-confidence'];
  state.risk.openVulnerabilities = m['open-vulnerabilities'];
  state.risk.levels.security = m['security-posture'];
  state.risk.compliance = {
    gdpr: m['compliance-gdpr'],
    ccpa: m['compliance-ccpa'],
    payments: m['compliance-payments'],
    'content-moderation': m['compliance-content-moderation'],
  };
  state.history = [today];
  return state;
}

function mean(state: SimState, metric: MetricName, days: number): number {
  const tail = state.history.slice(-days);
  return tail.reduce((sum, day) => sum + day.metrics[metric], 0) / Math.max(1, tail.length);
}

/**
 * Projects `effects` applied after `leadTimeDays` over the lead time plus one round, and reports
 * each metric's mean over the horizon's last round, without and with the action.
 */
export function projectImpact(
  setup: SimSetup,
  sim: PublicSim,
  effects: readonly Effect[],
  leadTimeDays: number,
  daysPerRound: number,
  metrics: readonly MetricName[],
): Projection {
  const start = estimateState(setup, sim);
  const horizon = Math.min(leadTimeDays + daysPerRound, 120);
  const landsOn = start.day + 1 + leadTimeDays;
  const without = run(start, horizon);
  const withAction = run(start, horizon, (day) => ({ effects: day === landsOn ? effects : [] }));
  const window = Math.max(1, Math.min(daysPerRound, horizon));
  return {
    fromDay: start.day,
    toDay: start.day + horizon,
    changes: metrics.map((metric) => {
      const a = mean(without, metric, window);
      const b = mean(withAction, metric, window);
      return { metric, without: a, with: b, delta: b - a };
    }),
  };
}
