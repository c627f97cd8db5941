// The balance report (issue 12): every policy of server/game/balance/report.ts over 200 seeds of the
// flagship, played through the game's rules on worker threads, one per core (server/game/balance/
// parallel.ts), then on one thread for comparison. The issue asks for under 60 s.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { balanceReportParallel } from '../server/game/balance/parallel';
import { balanceReport } from '../server/game/balance/report';
import { parseScenario } from '../shared/scenario/index';
import type { BenchResult } from './run';

export async function run(): Promise<BenchResult[]> {
  const file = 'scenarios/socialwave-hypergrowth.yaml';
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  const workers = availableParallelism();
  const loadBefore = load();
  const cpu0 = process.cpuUsage();
  const report = await balanceReportParallel(parsed.scenario, 200, { workers });
  const loadAfter = load();
  const single = balanceReport(parsed.scenario, 200);
  const cpu = process.cpuUsage(cpu0);
  return [
    {
      name: `balance report, flagship, 200 seeds, ${workers} worker threads`,
      value: Number((report.elapsedMs / 1000).toFixed(1)),
      unit: 's',
      note: `${report.games} games, ${report.rows.length} policies; load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after`,
    },
    {
      name: 'balance report, flagship, 200 seeds, one thread',
      value: Number((single.elapsedMs / 1000).toFixed(1)),
      unit: 's',
      note: `same report; process CPU (all threads) of both runs ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average ${load()} after`,
    },
  ];
}
