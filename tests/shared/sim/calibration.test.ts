import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  type MetricName,
  metricValue,
  run,
  type SimState,
  simSetupSchema,
} from '../../../shared/sim';
import { balanced, doNothing, inputsFor, type Plan, spendTheWayOut } from './plans';

/**
 * Calibration on the SocialWave case's starting position (issue 3, "Done when"). The model draws
 * incidents at random, so each expectation is checked on several fixed seeds.
 */
const SEEDS = [1, 2, 3, 4, 5];
const setup = simSetupSchema.parse({});

function play(plan: Plan, seed: number, days: number): SimState {
  return run(createInitialState(setup, seed), days, inputsFor(plan));
}

/** The metric as it stood on `day` (mean over `windowDays` days ending there). */
function on(state: SimState, day: number, metric: MetricName, windowDays?: number): number {
  return metricValue({ ...state, history: state.history.slice(0, day + 1) }, metric, windowDays);
}

describe('the starting position matches the case', () => {
  const start = createInitialState(setup, 1);
  it('records day 0 with the case figures', () => {
    expect(on(start, 0, 'registered-users')).toBe(100_000_000);
    expect(on(start, 0, 'peak-concurrent-users')).toBe(2_000_000);
    expect(on(start, 0, 'monthly-infra-cost-usd')).toBeCloseTo(50_000_000, -3);
    expect(on(start, 0, 'emergency-budget-usd')).toBe(100_000_000);
    expect(on(start, 0, 'runway-months')).toBeCloseTo(8, 6);
    expect(on(start, 0, 'arpu-usd')).toBe(0.5);
    expect(on(start, 0, 'engineers')).toBe(25);
    expect(on(start, 0, 'weekly-hours')).toBe(80);
  });
  it('starts overloaded: the database, app fleet and CDN past saturation at the busy hour', () => {
    expect(on(start, 0, 'db-utilization')).toBeGreaterThan(1);
    expect(on(start, 0, 'app-utilization')).toBeGreaterThan(1);
    expect(on(start, 0, 'cdn-utilization')).toBeGreaterThan(1);
    expect(on(start, 0, 'availability')).toBeLessThan(0.999);
    expect(on(start, 0, 'p95-latency-ms')).toBeGreaterThan(2_000);
  });
});

describe.each(SEEDS)('seed %i', (seed) => {
  it('doing nothing for 30 days: availability below 99.9%, p95 above 2 s, burn near $50M/month', () => {
    const state = play(doNothing, seed, 30);
    expect(on(state, 30, 'availability', 30)).toBeLessThan(0.999);
    expect(on(state, 30, 'p95-latency-ms')).toBeGreaterThan(2_000);
    const burn = on(state, 30, 'monthly-infra-cost-usd', 30);
    expect(burn).toBeGreaterThan(42_500_000);
    expect(burn).toBeLessThan(57_500_000);
  });

  // Spending buys availability only while the users' load stays under the wall: the biggest primary
  // and more of everything lift the first month above doing nothing (which sheds users instead), but
  // without partitioning the writes the primary saturates again, and the bill never comes near $30M.
  it('spending the way out: availability improves at first, the database wall returns, cost stays above $30M, runway shrinks', () => {
    const spent = play(spendTheWayOut, seed, 90);
    const idle = play(doNothing, seed, 90);
    expect(on(spent, 30, 'availability', 30)).toBeGreaterThan(on(idle, 30, 'availability', 30));
    expect(on(spent, 30, 'registered-users')).toBeGreaterThan(on(idle, 30, 'registered-users'));
    expect(Math.max(...spent.history.slice(31).map((d) => d.metrics['db-utilization']))).toBeGreaterThan(1);
    for (const day of spent.history)
      expect(day.metrics['monthly-infra-cost-usd']).toBeGreaterThan(30_000_000);
    expect(on(spent, 90, 'runway-months')).toBeLessThan(on(spent, 0, 'runway-months'));
    expect(on(spent, 90, 'runway-months')).toBeLessThan(on(idle, 90, 'runway-months'));
  });

  // Cost follows what is provisioned and the users served (issue 12). Without injects (no competitor
  // launches, no outages) the balanced plan keeps growing virally, so the $30M target, set for today's
  // 100M users, is checked per user: $0.30 a user-month against $0.50 today. In the game, with the
  // scenario's injects, the reference plan meets $30M outright (tests/server/game/balance.test.ts).
  it('the balanced plan: 99.9% by about day 30, p95 < 2 s by day 60, unit cost at the $30M target by day 90, runway extended', () => {
    const state = play(balanced, seed, 90);
    expect(on(state, 30, 'availability', 7)).toBeGreaterThanOrEqual(0.999);
    expect(on(state, 60, 'p95-latency-ms')).toBeLessThan(2_000);
    const perUser = on(state, 90, 'monthly-infra-cost-usd') / on(state, 90, 'registered-users');
    expect(perUser).toBeLessThanOrEqual(30_000_000 / 100_000_000);
    expect(on(state, 90, 'registered-users')).toBeGreaterThan(on(state, 0, 'registered-users'));
    expect(on(state, 90, 'runway-months')).toBeGreaterThan(on(state, 0, 'runway-months'));
    expect(state.landed).toEqual(
      expect.arrayContaining(['connection-pooler', 'multi-cdn', 'sharding', 'monolith-extraction']),
    );
  });
});
