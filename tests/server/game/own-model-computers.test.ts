import { describe, expect, test } from 'vitest';
import { apply, decide, type Game, startGame } from '../../../server/game/balance/rules';
import { objectiveWorth } from '../../../server/game/computer-player-objectives';
import { playWithComputers } from '../../../server/game/play-with-computers';
import { resolveAction } from '../../../shared/scenario/resolve-action';
import type { Scenario } from '../../../shared/scenario/schema';
import { FACILITATOR } from '../../../shared/session/actor';
import type { SessionState } from '../../../shared/session/state';
import { CLINIC_FILE, loadScenario, OWN_MODEL_FILES } from './fixtures/own-model';

/**
 * Computer players in a scenario with its own model (issue 16) reason from its objectives, end
 * states and metrics, never from the infrastructure model: over seeds 1, 2 and 3 they play whole
 * games to the debrief and put every action of the scenario on the table at least once.
 */

const SEEDS = [1, 2, 3];

describe.each(OWN_MODEL_FILES)('computer players in whole games of %s', async (file) => {
  const scenario = loadScenario(file);
  const states: SessionState[] = [];
  for (const seed of SEEDS) {
    const game = await playWithComputers(scenario, seed);
    states.push(game.state);
    await game.dispose();
  }

  test('every seed reaches the debrief, and the computers propose from round 1 (they never freeze)', () => {
    for (const state of states) {
      expect(state.phase).toBe('debrief');
      expect(state.proposals.filter((p) => p.round === 1).length).toBeGreaterThan(0);
      expect(state.proposals.some((p) => p.resolution?.applied)).toBe(true);
    }
  });

  test('over seeds 1, 2 and 3 every action of the scenario is proposed at least once', () => {
    const proposed = new Set(states.flatMap((s) => s.proposals.map((p) => p.actionId)));
    expect(scenario.actions.map((a) => a.id).filter((id) => !proposed.has(id))).toEqual([]);
  });

  test("their rationales speak of the scenario's goals, never of money or runway", () => {
    const rationales = states.flatMap((s) => [
      ...s.proposals.map((p) => p.rationale),
      ...s.proposals.flatMap((p) => [...p.reviews, ...p.votes, ...p.vetoes].map((r) => r.rationale)),
    ]);
    expect(rationales.length).toBeGreaterThan(0);
    for (const text of rationales) expect(text).not.toMatch(/runway|\$|over a year|money left/i);
  });
});

describe('the clinic: an objective read from its test', async () => {
  const scenario = loadScenario(CLINIC_FILE);
  const games = await Promise.all(SEEDS.map((seed) => playWithComputers(scenario, seed)));
  const states = games.map((g) => g.state);
  await Promise.all(games.map((g) => g.dispose()));

  test('round 1: the network is isolated first, for the objective on attacker access', () => {
    for (const state of states) {
      const isolate = state.proposals.find((p) => p.actionId === 'isolate-network');
      expect(isolate?.round).toBe(1);
      expect(isolate?.rationale).toContain('Attacker access at or below 20 by hour 6');
    }
  });

  test('"not {action: pay-ransom, status: applied}" keeps the ransom unpaid: raised, then turned down', () => {
    for (const state of states) {
      const ransom = state.proposals.filter((p) => p.actionId === 'pay-ransom');
      expect(ransom.length).toBeGreaterThan(0);
      expect(ransom.some((p) => p.resolution?.applied)).toBe(false);
      expect(state.objectives.find((o) => o.objectiveId === 'no-ransom')?.met).toBe(true);
    }
  });
});

/** Round 1 deliberation of a scenario, through the game's rules. */
function deliberation(scenario: Scenario): SessionState {
  let game: Game = startGame(scenario, 1);
  for (const command of [{ type: 'start' }, { type: 'advance' }, { type: 'advance' }] as const) {
    if (game.state.phase === 'deliberation') break;
    const decision = decide(game, FACILITATOR, command, 1);
    if (!decision.ok) throw new Error(decision.message);
    game = apply(game, decision.events);
  }
  expect(game.state.phase).toBe('deliberation');
  return game.state;
}

test('an action whose effect lands after the objective is taken is worth nothing to that objective', () => {
  const clinic = loadScenario(CLINIC_FILE);
  const withDeadline = (byDay: number): Scenario => ({
    ...clinic,
    objectives: clinic.objectives.map((o) => (o.id === 'records-back' ? { ...o, byDay } : o)),
  });
  const restore = clinic.actions.find((a) => a.id === 'restore-from-backups');
  if (!restore) throw new Error('the clinic has no restore action');
  const resolved = resolveAction(restore, {});
  if (!resolved.ok) throw new Error(resolved.message);
  // Restoring lands on hour 3 (approved this round: effects from hour 1, `after: 2`).
  const worth = (byDay: number) =>
    objectiveWorth(
      deliberation(withDeadline(byDay)),
      'incident-commander',
      restore,
      resolved.effects,
      'default',
    );
  const inTime = worth(8);
  const tooLate = worth(2);
  expect(inTime.reason).toBe('Half the systems back by hour 8');
  expect(inTime.value).toBeGreaterThan(0.9);
  expect(tooLate.reason).not.toBe('Half the systems back by hour 2');
  expect(tooLate.value).toBeLessThan(0.5);
});
