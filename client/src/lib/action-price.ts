import { resolveAction } from '../../../shared/scenario/resolve-action';
import type { Action } from '../../../shared/scenario/schema';
import { createInitialState } from '../../../shared/sim';
import { addedCapacityUsdPerMonth } from '../../../shared/sim/capacity-cost';
import type { PublicScenario, PublicSim } from '../../../shared/views/view';
import { formatActionCost } from './format';
import { estimateState, simSetupOf } from './projection';

/** Any seed: unit prices do not depend on chance. */
const PRICE_SEED = 1;

/**
 * An action's price at these parameters, in money per month, with the monthly cost of the
 * capacity it adds priced from the scenario's unit prices at today's estate (or the starting
 * position when no situation is at hand, as in the debrief's log). Without the scenario's
 * simulation block it prices the action alone.
 */
export function actionPrice(
  scenario: PublicScenario,
  action: Action | undefined,
  params: Record<string, number>,
  cost: { capexUsd: number; opexUsdPerMonth: number },
  sim?: PublicSim,
): string {
  const setup = simSetupOf(scenario);
  const resolved = action ? resolveAction(action, params) : undefined;
  if (!setup || !resolved?.ok) return formatActionCost(cost);
  const state = sim ? estimateState(setup, sim) : createInitialState(setup, PRICE_SEED);
  return formatActionCost(cost, addedCapacityUsdPerMonth(state, resolved.effects));
}
