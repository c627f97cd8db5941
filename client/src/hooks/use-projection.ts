import { useMemo } from 'react';
import { resolveAction } from '../../../shared/scenario/resolve-action';
import type { Action } from '../../../shared/scenario/schema';
import { METRICS, type MetricName } from '../../../shared/sim/metrics';
import type { PublicScenario, PublicSim } from '../../../shared/views/view';
import { type Projection, projectImpact, simSetupOf } from '../lib/projection';
import { hasInfrastructure } from '../lib/scenario-model';

export type ProjectionResult = { ok: true; projection: Projection } | { ok: false; reason: string };

/** The projected impact of an action at the chosen parameters, recomputed when they or the situation change. */
export function useProjection(
  scenario: PublicScenario,
  sim: PublicSim,
  action: Action,
  params: Record<string, number>,
  metrics: readonly string[],
  enabled: boolean,
): ProjectionResult | undefined {
  const setup = useMemo(() => simSetupOf(scenario), [scenario]);
  const key = JSON.stringify(params);
  // biome-ignore lint/correctness/useExhaustiveDependencies: params is compared by value through `key`.
  return useMemo(() => {
    // The projection runs the infrastructure model: an exercise without it has nothing to project.
    if (!enabled || !hasInfrastructure(scenario)) return undefined;
    if (!setup)
      return {
        ok: false,
        reason: 'This exercise does not share its starting position, so no projection can be made.',
      };
    const resolved = resolveAction(action, params);
    if (!resolved.ok) return { ok: false, reason: resolved.message };
    return {
      ok: true,
      projection: projectImpact(
        setup,
        sim,
        resolved.effects,
        action.leadTimeDays,
        scenario.rounds.daysPerRound,
        metrics.filter((m): m is MetricName => m in METRICS),
      ),
    };
  }, [enabled, setup, sim, action, key, scenario, metrics]);
}
