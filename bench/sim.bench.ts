// Simulation core throughput: full 90-day runs of the flagship starting position on one core.
// Issue 3 requires a 90-day run to cost under 0.5 ms (2,000+ runs/s). The machine may be shared, so
// the figure is the best of several batches (the least disturbed), with the median alongside.

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { playGame } from '../server/game/balance/play';
import { planPolicy } from '../server/game/balance/policies';
import { SOCIALWAVE_HYPERGROWTH } from '../server/game/balance/reference-plans';
import { parseScenario } from '../shared/scenario/index';
import { createInitialState, type DayInputs, simSetupSchema, run as simulate } from '../shared/sim';
import { balanced, doNothing, inputsFor, spendTheWayOut } from '../tests/shared/sim/plans';
import type { BenchResult } from './run';

const DAYS = 90;
const WARMUP_RUNS = 500;
const BATCHES = 7;
const RUNS_PER_BATCH = 1_000;

function measure(inputs: (day: number) => DayInputs): { bestMs: number; medianMs: number } {
  const start = createInitialState(simSetupSchema.parse({}), 1);
  let sink = 0;
  for (let i = 0; i < WARMUP_RUNS; i++) sink += simulate(start, DAYS, inputs).day;
  const batches: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const t0 = performance.now();
    for (let i = 0; i < RUNS_PER_BATCH; i++) sink += simulate(start, DAYS, inputs).day;
    batches.push((performance.now() - t0) / RUNS_PER_BATCH);
  }
  if (sink !== DAYS * (WARMUP_RUNS + BATCHES * RUNS_PER_BATCH)) throw new Error('runs did not complete');
  batches.sort((a, b) => a - b);
  return { bestMs: batches[0] ?? Number.NaN, medianMs: batches[Math.floor(BATCHES / 2)] ?? Number.NaN };
}

/** The reference plan as a whole game through the rules (decide, machine, injects, resolution). */
function measureReferenceGames(): number {
  const file = 'scenarios/socialwave-hypergrowth.yaml';
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const policy = planPolicy('reference plan', SOCIALWAVE_HYPERGROWTH);
  for (let i = 0; i < 50; i++) playGame(parsed.scenario, i + 1, policy);
  const batches: number[] = [];
  for (let b = 0; b < 5; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) playGame(parsed.scenario, i + 1, policy);
    batches.push((performance.now() - t0) / 100);
  }
  return Math.min(...batches);
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const gameMs = measureReferenceGames();
  results.push({
    name: '90-day games per second (reference plan through the rules, with injects)',
    value: Math.round(1000 / gameMs),
    unit: 'games/s',
    note: `best of 5 batches of 100; ${gameMs.toFixed(2)} ms per game; load ${loadavg()[0]?.toFixed(2)}`,
  });
  for (const plan of [balanced, doNothing, spendTheWayOut]) {
    const { bestMs, medianMs } = measure(inputsFor(plan));
    results.push(
      {
        name: `90-day runs per second (${plan.name})`,
        value: Math.round(1000 / bestMs),
        unit: 'runs/s',
        note: `best of ${BATCHES} batches of ${RUNS_PER_BATCH}; median ${Math.round(1000 / medianMs)} runs/s`,
      },
      {
        name: `time per simulated day (${plan.name})`,
        value: Number(((bestMs * 1000) / DAYS).toFixed(2)),
        unit: 'µs/day',
        note: `${bestMs.toFixed(3)} ms per 90-day run`,
      },
    );
  }
  return results;
}
