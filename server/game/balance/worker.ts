// A balance-report worker thread (parallel.ts): rebuilds the report's policies from the scenario it
// is handed (balancePolicies is deterministic, so index i is the same policy here as on the main
// thread), then plays each task it is sent, one policy over a run of seeds, and posts the results
// back. Games share nothing, so which thread plays which seed does not change any result.
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../../../shared/scenario/schema';
import { balancePolicies, playSeeds } from './report';

export interface BalanceTask {
  policy: number;
  from: number;
  to: number;
}

export interface BalanceTaskDone {
  task: BalanceTask;
  results: ReturnType<typeof playSeeds>;
}

const port = parentPort;
if (!port) throw new Error('server/game/balance/worker.ts runs as a worker thread (see parallel.ts)');
const scenario = (workerData as { scenario: Scenario }).scenario;
const policies = balancePolicies(scenario);

port.on('message', (task: BalanceTask | null) => {
  if (task === null) {
    port.close();
    return;
  }
  const entry = policies[task.policy];
  if (!entry) throw new Error(`no policy ${task.policy} (the report has ${policies.length})`);
  const done: BalanceTaskDone = { task, results: playSeeds(scenario, entry.policy, task.from, task.to) };
  port.postMessage(done);
});
