import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COST_CATEGORIES,
  createInitialState,
  type Effect,
  METRIC_NAMES,
  REGIONS,
  run,
  type SimState,
  simSetupSchema,
  step,
} from '../../../shared/sim';
import { CONNECTION_MS, NETWORK_BASE_MS, P95_OVER_MEAN, QUEUE } from '../../../shared/sim/model-constants';
import { scheduleArbitrary } from './arbitraries';

const setup = simSetupSchema.parse({});
const DAYS = 30;
const RUNS = 60;

function simulate(seed: number, schedule: Effect[][]): SimState {
  return run(createInitialState(setup, seed), schedule.length, (day) => ({
    effects: schedule[day - 1] ?? [],
  }));
}

/** Response time never drops below service time: each tier's R = S / (1 - rho^m) >= S. */
const serviceFloorMs =
  QUEUE.app.serviceMs +
  QUEUE.db.callsPerRequest * QUEUE.db.serviceMs +
  QUEUE.cache.lookupsPerRequest * QUEUE.cache.serviceMs +
  QUEUE.cdn.serviceMs +
  CONNECTION_MS.pooled;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const seedArbitrary = fc.integer({ min: 0, max: 2 ** 31 - 1 });

const NON_NEGATIVE_METRICS = [
  'registered-users',
  'daily-active-users',
  'peak-concurrent-users',
  'engineers',
  'storage-tb',
  'monthly-infra-cost-usd',
  'emergency-budget-usd',
  'runway-months',
  'open-vulnerabilities',
  'db-utilization',
  'app-utilization',
  'cdn-utilization',
] as const;

/** Every broken invariant in a run, described; plain checks so that thousands stay fast. */
function violations(state: SimState): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  for (const day of state.history) {
    const m = day.metrics;
    const at = ` on day ${day.day}`;
    for (const name of METRIC_NAMES) check(Number.isFinite(m[name]), `${name} finite${at}`);
    check(m.availability >= 0 && m.availability <= 1, `availability in [0, 1]${at}: ${m.availability}`);
    check(m['error-rate'] >= 0 && m['error-rate'] <= 1, `error rate in [0, 1]${at}: ${m['error-rate']}`);
    check(m['downtime-minutes'] >= 0 && m['downtime-minutes'] <= 1440, `downtime within the day${at}`);
    for (const region of REGIONS) {
      const floor = P95_OVER_MEAN * (NETWORK_BASE_MS[region] + serviceFloorMs) - 1e-9;
      check(
        day.p95ByRegionMs[region] >= floor,
        `p95 in ${region} >= service time${at}: ${day.p95ByRegionMs[region]}`,
      );
    }
    for (const name of NON_NEGATIVE_METRICS) check(m[name] >= 0, `${name} >= 0${at}: ${m[name]}`);
    for (const category of COST_CATEGORIES)
      check(day.costByCategory[category] >= 0, `${category} cost >= 0${at}: ${day.costByCategory[category]}`);
    for (const [cause, minutes] of Object.entries(day.downtimeByCause))
      check(minutes >= 0, `${cause} minutes >= 0${at}`);
    for (const [driver, rate] of Object.entries(day.churnByDriver))
      check(rate >= 0, `${driver} churn >= 0${at}`);
    check(day.appServers >= 0, `app servers >= 0${at}`);
  }
  check(state.app.servers >= 0, 'app servers >= 0');
  check(state.cache.nodes >= 0, 'cache nodes >= 0');
  check(state.database.readReplicas >= 0, 'replicas >= 0');
  check(state.cdn.capacityGbps >= 0, 'CDN capacity >= 0');
  for (const [tier, tb] of Object.entries(state.storage)) check(tb >= 0, `${tier} storage >= 0`);
  return out;
}

describe('simulation invariants (fast-check)', () => {
  it('same seed and same inputs give an identical state', () => {
    fc.assert(
      fc.property(seedArbitrary, scheduleArbitrary(DAYS), (seed, schedule) => {
        expect(simulate(seed, schedule)).toStrictEqual(simulate(seed, schedule));
      }),
      { numRuns: 15, seed: 3 },
    );
  });

  it('different seeds draw different incidents', () => {
    const a = simulate(
      1,
      Array.from({ length: 60 }, () => []),
    );
    const b = simulate(
      2,
      Array.from({ length: 60 }, () => []),
    );
    expect(a.history.map((h) => h.metrics.availability)).not.toEqual(
      b.history.map((h) => h.metrics.availability),
    );
  });

  it('keeps availability and error rate in [0, 1], latency at or above service time, nothing negative', () => {
    fc.assert(
      fc.property(seedArbitrary, scheduleArbitrary(DAYS), (seed, schedule) => {
        const state = simulate(seed, schedule);
        expect(state.history).toHaveLength(DAYS + 1);
        expect(violations(state)).toEqual([]);
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });

  it('keeps the cash identity every day: cash = cash + revenue - opex - capex + funding', () => {
    fc.assert(
      fc.property(seedArbitrary, scheduleArbitrary(DAYS), (seed, schedule) => {
        const { history } = simulate(seed, schedule);
        const broken: string[] = [];
        for (let i = 1; i < history.length; i++) {
          const m = history[i]!.money;
          const expected = m.cashStartUsd + m.revenueUsd - m.opexUsd - m.capexUsd + m.fundingUsd;
          if (m.cashStartUsd !== history[i - 1]!.money.cashEndUsd)
            broken.push(`day ${i} starts where day ${i - 1} ended`);
          if (Math.abs(m.cashEndUsd - expected) > 1e-6 * Math.max(1, Math.abs(expected)))
            broken.push(`day ${i}: ${m.cashEndUsd} != ${expected}`);
          if (history[i]!.metrics['cash-usd'] !== m.cashEndUsd) broken.push(`day ${i}: cash metric`);
          for (const [flow, usd] of Object.entries(m))
            if (flow !== 'cashStartUsd' && flow !== 'cashEndUsd' && !(usd >= 0))
              broken.push(`day ${i}: ${flow} ${usd}`);
        }
        expect(broken).toEqual([]);
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it('step does not modify its input, and run equals repeated steps', () => {
    fc.assert(
      fc.property(seedArbitrary, scheduleArbitrary(10), (seed, schedule) => {
        let stepped = deepFreeze(createInitialState(setup, seed));
        for (const effects of schedule) stepped = deepFreeze(step(stepped, { effects }));
        expect(stepped).toStrictEqual(simulate(seed, schedule));
      }),
      { numRuns: 20, seed: 13 },
    );
  });

  it('survives a JSON snapshot: resuming from serialized state gives the same future', () => {
    fc.assert(
      fc.property(seedArbitrary, scheduleArbitrary(20), (seed, schedule) => {
        const inputs = (day: number) => ({ effects: schedule[day - 1] ?? [] });
        const halfway = run(createInitialState(setup, seed), 10, inputs);
        const restored = JSON.parse(JSON.stringify(halfway)) as SimState;
        expect(restored).toStrictEqual(halfway);
        expect(run(restored, 10, inputs)).toStrictEqual(run(halfway, 10, inputs));
      }),
      { numRuns: 15, seed: 17 },
    );
  });
});
