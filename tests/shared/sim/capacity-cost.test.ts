import { describe, expect, it } from 'vitest';
import { createInitialState, type Effect, type SimState, simSetupSchema } from '../../../shared/sim';
import { addedCapacityUsdPerMonth } from '../../../shared/sim/capacity-cost';
import { listCosts } from '../../../shared/sim/costs';
import type { TierDay } from '../../../shared/sim/tiers';

const start = () => createInitialState(simSetupSchema.parse({}), 1);

/** The monthly list bill of a state with a fixed fleet running all day and nobody served (no egress). */
function bill(state: SimState): number {
  const tiers = { appServerHours: state.app.servers * 24, servedUserHours: 0 } as TierDay;
  const costs = listCosts(state, 0, tiers);
  return Object.values(costs).reduce((a, b) => a + b, 0);
}

/** Applies the capacity effects to a copy, as the simulation does. */
function withCapacity(state: SimState, effects: Effect[]): SimState {
  const next = structuredClone(state);
  for (const effect of effects) {
    if (effect.type !== 'capacity') continue;
    if (effect.target === 'cache-nodes') next.cache.nodes += effect.delta;
    if (effect.target === 'cdn-capacity') next.cdn.capacityGbps += effect.delta;
    if (effect.target === 'db-replicas') next.database.readReplicas += effect.delta;
    if (effect.target === 'db-primary-size') next.database.sizeSteps += effect.delta;
    if (effect.target === 'app-servers') next.app.servers += effect.delta;
  }
  return next;
}

describe('the monthly cost of added capacity', () => {
  const cases: Effect[][] = [
    [{ type: 'capacity', target: 'cdn-capacity', delta: 4000 }],
    [{ type: 'capacity', target: 'cache-nodes', delta: 16 }],
    [{ type: 'capacity', target: 'db-replicas', delta: 2 }],
    [{ type: 'capacity', target: 'db-primary-size', delta: 1 }],
    [{ type: 'capacity', target: 'app-servers', delta: 10 }],
  ];
  it.each(cases)('equals what the bill adds for %o', (effect) => {
    const state = start();
    const added = addedCapacityUsdPerMonth(state, [effect]);
    expect(added).toBeGreaterThan(0);
    expect(added).toBeCloseTo(bill(withCapacity(state, [effect])) - bill(state), 2);
  });

  it('prices the CDN at the scenario unit price: 4,000 Gbit/s at $150 is $600K a month', () => {
    expect(
      addedCapacityUsdPerMonth(start(), [{ type: 'capacity', target: 'cdn-capacity', delta: 4000 }]),
    ).toBe(600_000);
  });

  it('is nothing for an action that adds no capacity', () => {
    expect(addedCapacityUsdPerMonth(start(), [{ type: 'morale', delta: 5 }])).toBe(0);
  });
});
