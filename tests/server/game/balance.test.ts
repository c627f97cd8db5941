import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { playGame } from '../../../server/game/balance/play';
import { approverRejects, doNothing, planPolicy } from '../../../server/game/balance/policies';
import { REFERENCE_PLANS } from '../../../server/game/balance/reference-plans';
import { parseScenario } from '../../../shared/scenario';

/**
 * The reference plans are good plans and the game is not won by idling (issue 12): played through
 * the game's rules with injects, each scenario's reference plan wins most seeds, doing nothing and
 * the plan with the CFO rejecting every approval win none. The balance report measures the same at
 * 200 seeds (docs/simulation.md); this keeps a regression from slipping through between reports.
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

for (const file of ['scenarios/socialwave-hypergrowth.yaml', 'scenarios/socialwave-first-30-days.yaml']) {
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const scenario = parsed.scenario;
  const plan = REFERENCE_PLANS[scenario.id] ?? {};
  const winRate = (policy: Parameters<typeof playGame>[2]) =>
    SEEDS.filter((seed) => playGame(scenario, seed, policy).win).length / SEEDS.length;

  describe(scenario.id, () => {
    it('the reference plan wins at least 70% of 20 seeds, and nothing it proposes is refused', () => {
      expect(winRate(planPolicy('reference plan', plan))).toBeGreaterThanOrEqual(0.7);
      expect(playGame(scenario, 1, planPolicy('reference plan', plan)).refused).toBe(0);
    });

    it('doing nothing wins no seed and fails every objective', () => {
      for (const seed of SEEDS.slice(0, 5)) {
        const result = playGame(scenario, seed, doNothing);
        expect(result.win).toBe(false);
        expect(result.objectivesMet).toEqual([]);
      }
    });

    it('the reference plan with the CFO rejecting every approval wins no seed', () => {
      expect(winRate(approverRejects(plan, 'cfo'))).toBe(0);
    });
  });
}
