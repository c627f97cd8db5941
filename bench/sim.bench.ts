// Simulation core throughput: full 90-day runs of the flagship starting position on one core.
// Issue 3 requires a 90-day run to cost under 0.5 ms (2,000+ runs/s). The machine may be shared, so
// the figure is the best of several batches (the least disturbed), with the median alongside.
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

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
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
