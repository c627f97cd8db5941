// `npm run scenario:balance -- <scenario.yaml> [--seeds N] [--workers N] [--json]`: plays many
// policies through the game's rules (server/game/balance), on worker threads, one per core unless
// --workers says otherwise (--workers 1: on the main thread; the report is the same), and prints, per policy, the win rate (every objective met and no
// failure end state) and the end-state distribution; flags any policy other than the reference plan
// that wins 10% or more. Exit code 0 after a report, 1 when the file is invalid, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { balanceReportParallel } from '../server/game/balance/parallel';
import type { BalanceReport } from '../server/game/balance/report';
import { formatScenarioProblem, parseScenario } from '../shared/scenario/index';

const USAGE = 'usage: npm run scenario:balance -- <scenario.yaml> [--seeds N] [--workers N] [--json]';

interface Args {
  file: string;
  seeds: number;
  workers: number | undefined;
  json: boolean;
}

function parseArgs(args: string[]): Args | string {
  let file: string | undefined;
  let seeds = 200;
  let workers: number | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--seeds' || arg.startsWith('--seeds=')) {
      const value = Number(arg === '--seeds' ? args[++i] : arg.slice('--seeds='.length));
      if (!Number.isInteger(value) || value < 1)
        return '--seeds takes a whole number of seeds, e.g. --seeds 200';
      seeds = value;
    } else if (arg === '--workers' || arg.startsWith('--workers=')) {
      const value = Number(arg === '--workers' ? args[++i] : arg.slice('--workers='.length));
      if (!Number.isInteger(value) || value < 1)
        return '--workers takes a whole number of threads, e.g. --workers 2 (1: no worker threads)';
      workers = value;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `one scenario file at a time (got ${file} and ${arg})`;
  }
  return file === undefined ? 'which scenario file?' : { file, seeds, workers, json };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function formatReport(report: BalanceReport): string {
  const lines = [
    `# Balance of ${report.scenarioId}: ${report.seeds} seeds, ${report.games} games in ${(report.elapsedMs / 1000).toFixed(1)} s`,
    '',
    '| policy | win | end states | most failed objectives | flag |',
    '| --- | ---: | --- | --- | --- |',
  ];
  for (const row of report.rows) {
    const ends = Object.entries(row.endStates)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${pct(v)}`)
      .join(', ');
    const fails = Object.entries(row.objectiveFailures)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, v]) => `${k} ${pct(v)}`)
      .join(', ');
    lines.push(
      `| ${row.policy} | ${pct(row.winRate)} | ${ends} | ${fails} | ${row.flagged ? 'WINS TOO OFTEN' : ''} |`,
    );
  }
  return lines.join('\n');
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
  console.error(`${args}\n${USAGE}`);
  process.exit(2);
}
const parsed = parseScenario(readFileSync(args.file, 'utf8'), args.file);
if (!parsed.ok) {
  for (const problem of parsed.problems) console.error(formatScenarioProblem(problem));
  process.exit(1);
}
const report = await balanceReportParallel(
  parsed.scenario,
  args.seeds,
  args.workers === undefined ? {} : { workers: args.workers },
);
console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
