// The balance report (issue 12): every policy of server/game/balance/report.ts over 200 seeds of the
// flagship, played through the game's rules on one core. The issue asks for under 60 s.
import { readFileSync } from 'node:fs';
import { balanceReport } from '../server/game/balance/report';
import { parseScenario } from '../shared/scenario/index';
import type { BenchResult } from './run';

export async function run(): Promise<BenchResult[]> {
  const file = 'scenarios/socialwave-hypergrowth.yaml';
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const report = balanceReport(parsed.scenario, 200);
  return [
    {
      name: 'balance report, flagship, 200 seeds',
      value: Number((report.elapsedMs / 1000).toFixed(1)),
      unit: 's',
      note: `${report.games} games, ${report.rows.length} policies; load ${(await import('node:os')).loadavg()[0]?.toFixed(2)}`,
    },
  ];
}
