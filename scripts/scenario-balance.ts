// `npm run scenario:balance -- <scenario.yaml> [--seeds N] [--json]`: plays many policies through the
// game's rules (server/game/balance) and prints, per policy, the win rate (every objective met and no
// failure end state) and the end-state distribution; flags any policy other than the reference plan
// that wins 10% or more. Exit code 0 after a report, 1 when the file is invalid, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { type BalanceReport, balanceReport } from '../server/game/balance/report';
import { formatScenarioProblem, parseScenario } from '../shared/scenario/index';

const USAGE = 'usage: npm run scenario:balance -- <scenario.yaml> [--seeds N] [--json]';

function parseArgs(args: string[]): { file: string; seeds: number; json: boolean } | string {
  let file: string | undefined;
  let seeds = 200;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--seeds' || arg.startsWith('--seeds=')) {
      const value = Number(arg === '--seeds' ? args[++i] : arg.slice('--seeds='.length));
      if (!Number.isInteger(value) || value < 1)
        return '--seeds takes a whole number of seeds, e.g. --seeds 200';
      seeds = value;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `one scenario file at a time (got ${file} and ${arg})`;
  }
  return file === undefined ? 'which scenario file?' : { file, seeds, json };
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
const report = balanceReport(parsed.scenario, args.seeds);
console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
