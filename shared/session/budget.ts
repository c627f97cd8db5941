import { metricValue, type SimState } from '../sim';

/**
 * The money a decision may draw on: cash in the bank plus what is left of the board's emergency
 * budget (an action's capex is paid from the emergency budget first, then cash: shared/sim/effects.ts
 * `spend`). Opex is not checked here: it shows up in burn and runway, which is the CFO's argument.
 */
export function availableFundsUsd(sim: SimState): number {
  return Math.max(0, metricValue(sim, 'cash-usd')) + Math.max(0, metricValue(sim, 'emergency-budget-usd'));
}

export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  if (abs >= 1e9) return `$${(usd / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `$${(usd / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `$${(usd / 1e3).toFixed(0)}K`;
  return `$${usd.toFixed(0)}`;
}
