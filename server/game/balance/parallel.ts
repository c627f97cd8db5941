import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../../../shared/scenario/schema';
import type { GameResult } from './play';
import { assembleReport, type BalanceReport, balancePolicies, balanceReport } from './report';
import type { BalanceTask, BalanceTaskDone } from './worker';

/**
 * The balance report on every core (issue 12: the flagship at 200 seeds in under a minute): the
 * (policy, seed) games are cut into tasks of `chunk` seeds of one policy, handed to `workers` worker
 * threads (worker.ts) as each one asks for more, and put back in place by policy and seed before
 * the rows are summarized (report.ts `assembleReport`). The report is the same as `balanceReport`'s
 * whatever the number of workers (tests/server/game/balance-parallel.test.ts), bar `elapsedMs`.
 */
export interface ParallelOptions {
  /** Worker threads; default: the cores Node may use. 1 plays on this thread, no worker. */
  workers?: number;
  /** Seeds of one policy per task (default 10): small enough to share the tail between workers. */
  chunk?: number;
}

/** worker.ts, started through worker-entry.mjs, which loads it with tsx (see there why). */
const WORKER = new URL('./worker.ts', import.meta.url);
const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export async function balanceReportParallel(
  scenario: Scenario,
  seeds: number,
  options: ParallelOptions = {},
): Promise<BalanceReport> {
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const chunk = Math.max(1, Math.floor(options.chunk ?? 10));
  if (workers === 1) return balanceReport(scenario, seeds);

  const t0 = performance.now();
  const policies = balancePolicies(scenario);
  const tasks: BalanceTask[] = [];
  for (let policy = 0; policy < policies.length; policy++)
    for (let from = 1; from <= seeds; from += chunk)
      tasks.push({ policy, from, to: Math.min(seeds, from + chunk - 1) });
  const results: GameResult[][] = policies.map(() => new Array<GameResult>(seeds));

  let next = 0;
  let received = 0;
  const pool = Array.from(
    { length: Math.min(workers, tasks.length) },
    () => new Worker(ENTRY, { workerData: { scenario, module: WORKER.href } }),
  );
  const threads = pool.map((worker) => {
    return new Promise<void>((resolve, reject) => {
      const feed = () => worker.postMessage(next < tasks.length ? tasks[next++] : null);
      worker.on('message', ({ task, results: games }: BalanceTaskDone) => {
        const row = results[task.policy];
        if (row) for (const [i, game] of games.entries()) row[task.from - 1 + i] = game;
        received += games.length;
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`balance worker exited with code ${code}`)),
      );
      feed();
    });
  });
  try {
    await Promise.all(threads);
  } catch (error) {
    await Promise.all(pool.map((worker) => worker.terminate()));
    throw error;
  }
  if (received !== policies.length * seeds) throw new Error('balance workers left games unplayed');
  return assembleReport(scenario, seeds, results, performance.now() - t0);
}
