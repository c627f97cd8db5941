import { describe, expect, it } from 'vitest';
import { estimateState, projectImpact, simSetupOf } from '../../client/src/lib/projection';
import { createInitialState, type MetricName, run, simSetupSchema } from '../../shared/sim';
import { publicSim } from '../../shared/views/project';
import type { PublicScenario } from '../../shared/views/view';

const setup = simSetupSchema.parse({});
const server = run(createInitialState(setup, 42), 12);
// What a viewer receives of the simulation, built by the same function that builds every view.
const sim = publicSim(server);
const METRICS: MetricName[] = [
  'availability',
  'p95-latency-ms',
  'app-utilization',
  'monthly-infra-cost-usd',
  'cash-usd',
];

describe('the player preview of an action (a projection, computed in the browser)', () => {
  it('rebuilds today from the view: the estimate starts on the same day with the same figures', () => {
    const estimate = estimateState(setup, sim);
    expect(estimate.day).toBe(12);
    expect(estimate.app).toEqual(server.app);
    expect(estimate.money.cashUsd).toBe(server.history.at(-1)?.metrics['cash-usd']);
    expect(estimate.traffic.registeredUsers).toBe(server.traffic.registeredUsers);
  });

  it('an action with no effect projects no change on any metric', () => {
    const projection = projectImpact(setup, sim, [], 0, 10, METRICS);
    expect(projection.fromDay).toBe(12);
    expect(projection.toDay).toBe(22);
    for (const change of projection.changes) expect(change.delta).toBe(0);
  });

  const change = (projection: ReturnType<typeof projectImpact>, m: MetricName) =>
    projection.changes.find((c) => c.metric === m)?.delta ?? Number.NaN;

  it('adding application servers projects a less loaded app tier', () => {
    const projection = projectImpact(
      setup,
      sim,
      [{ type: 'capacity', target: 'app-servers', delta: 200 }],
      1,
      10,
      METRICS,
    );
    expect(change(projection, 'app-utilization')).toBeLessThan(0);
  });

  it('a recurring $1M/month of compute projects a higher infrastructure bill', () => {
    const spend = { type: 'spend', category: 'compute', capexUsd: 0, opexUsdPerMonth: 1_000_000 } as const;
    const projection = projectImpact(setup, sim, [spend], 0, 10, METRICS);
    expect(change(projection, 'monthly-infra-cost-usd')).toBeGreaterThan(500_000);
  });

  it('is unavailable, not invented, when the view does not carry the starting position', () => {
    expect(simSetupOf({} as PublicScenario)).toBeUndefined();
    expect(simSetupOf({ simulation: {} } as unknown as PublicScenario)).toEqual(setup);
  });
});
