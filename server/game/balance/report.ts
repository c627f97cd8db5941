import type { Scenario } from '../../../shared/scenario/schema';
import { computerRoles, findAction, mayPropose } from '../../../shared/session/authority';
import { computerPlan } from './computer-plan';
import { type GameResult, type Move, type Policy, playGame } from './play';
import {
  actionAlone,
  approverRejects,
  doNothing,
  planPolicy,
  type RoundPlan,
  randomPolicy,
  spam,
  spendOnly,
  withoutRole,
} from './policies';
import { REFERENCE_PLANS } from './reference-plans';
import { startGame, stopGame } from './rules';

/** A policy that is not the reference plan and wins at least this often is flagged (issue 12). */
export const FLAG_WIN_RATE = 0.1;

export interface PolicyRow {
  policy: string;
  kind: 'reference' | 'baseline' | 'single' | 'spam' | 'random' | 'ablation';
  games: number;
  winRate: number;
  /** Share of games ending in each failure end state ("none" = played to the end). */
  endStates: Record<string, number>;
  /** Share of games failing each objective. */
  objectiveFailures: Record<string, number>;
  refusedPerGame: number;
  flagged: boolean;
}

export interface BalanceReport {
  scenarioId: string;
  seeds: number;
  games: number;
  elapsedMs: number;
  rows: PolicyRow[];
}

/** Who proposes a move when the plan does not say: the first required (computer) role that may. */
function proposerOf(scenario: Scenario): (m: Move) => string {
  const game = startGame(scenario, 0);
  const seats = computerRoles(game.state);
  stopGame(game);
  return (m) => {
    if (m.by) return m.by;
    const action = findAction(scenario, m.actionId);
    return (action && seats.find((r) => mayPropose(scenario, r, action))) ?? '';
  };
}

export function balancePolicies(scenario: Scenario): { policy: Policy; kind: PolicyRow['kind'] }[] {
  // Without a hand-written plan, the reference is what the computer players do (seed 1).
  const written = REFERENCE_PLANS[scenario.id];
  const plan: RoundPlan = written ?? computerPlan(scenario);
  const list: { policy: Policy; kind: PolicyRow['kind'] }[] = [
    {
      policy: planPolicy(written ? 'reference plan' : 'reference plan (the computer players, seed 1)', plan),
      kind: 'reference',
    },
    { policy: doNothing, kind: 'baseline' },
  ];
  // Buying capacity is the infrastructure model's baseline; a scenario without it has no capacity to buy.
  if (scenario.model?.infrastructure !== false) list.push({ policy: spendOnly(scenario), kind: 'baseline' });
  for (const action of scenario.actions) {
    list.push({ policy: actionAlone(action, 'default'), kind: 'single' });
    if (action.parameters.length > 0) list.push({ policy: actionAlone(action, 'max'), kind: 'single' });
  }
  for (const action of scenario.actions.filter((a) => a.repeatable))
    list.push({ policy: spam(action), kind: 'spam' });
  for (const n of [2, 4, 8])
    list.push({ policy: randomPolicy(`random (up to ${n} a round)`, n), kind: 'random' });
  const by = proposerOf(scenario);
  for (const role of scenario.roles.filter((r) => r.required))
    list.push({ policy: withoutRole(plan, role.id, by), kind: 'ablation' });
  const approvers = new Set(
    scenario.actions.flatMap((a) => (a.decision ?? scenario.decisionDefaults).approvals.map((x) => x.role)),
  );
  for (const approver of approvers) list.push({ policy: approverRejects(plan, approver), kind: 'ablation' });
  // The database wall's ablation, where the scenario has a partitioning action to leave out.
  if (scenario.actions.some((a) => a.id === 'sharding'))
    list.push({
      policy: planPolicy(
        'reference without sharding',
        Object.fromEntries(
          Object.entries(plan).map(([r, moves]) => [r, moves.filter((m) => m.actionId !== 'sharding')]),
        ),
      ),
      kind: 'ablation',
    });
  return list;
}

function summarize(policy: Policy, kind: PolicyRow['kind'], results: GameResult[]): PolicyRow {
  const n = results.length;
  const endStates: Record<string, number> = {};
  const objectiveFailures: Record<string, number> = {};
  for (const r of results) {
    const key = r.endState ?? 'none';
    endStates[key] = (endStates[key] ?? 0) + 1 / n;
    for (const o of r.objectivesFailed) objectiveFailures[o] = (objectiveFailures[o] ?? 0) + 1 / n;
  }
  const winRate = results.filter((r) => r.win).length / n;
  return {
    policy: policy.name,
    kind,
    games: n,
    winRate,
    endStates,
    objectiveFailures,
    refusedPerGame: results.reduce((s, r) => s + r.refused, 0) / n,
    flagged: kind !== 'reference' && winRate >= FLAG_WIN_RATE,
  };
}

/**
 * The report from every policy's games, in the order of `balancePolicies`: `results[i]` holds policy
 * i's games, seed 1 first. The single-threaded and the parallel report both end here, so they agree.
 */
export function assembleReport(
  scenario: Scenario,
  seeds: number,
  results: readonly (readonly GameResult[])[],
  elapsedMs: number,
): BalanceReport {
  const policies = balancePolicies(scenario);
  const rows = policies.map(({ policy, kind }, i) => summarize(policy, kind, [...(results[i] ?? [])]));
  const games = results.reduce((n, r) => n + r.length, 0);
  return { scenarioId: scenario.id, seeds, games, elapsedMs, rows };
}

/** Every policy over seeds 1..`seeds`, one game after another on this thread (see parallel.ts). */
export function balanceReport(scenario: Scenario, seeds: number): BalanceReport {
  const t0 = performance.now();
  const results = balancePolicies(scenario).map(({ policy }) => playSeeds(scenario, policy, 1, seeds));
  return assembleReport(scenario, seeds, results, performance.now() - t0);
}

/** One policy's games for seeds `from`..`to` (inclusive), in seed order. */
export function playSeeds(scenario: Scenario, policy: Policy, from: number, to: number): GameResult[] {
  const results: GameResult[] = [];
  for (let seed = from; seed <= to; seed++) results.push(playGame(scenario, seed, policy));
  return results;
}
