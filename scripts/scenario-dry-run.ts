// `npm run scenario:dry-run -- <scenario.yaml> [--seeds 1,2,3]`: rehearses a scenario before the
// live run (research/facilitation.md: "scenario lint plus headless dry run"). Computer players play
// every required role once per seed on a simulated clock; the report lists what no run reached.
// Exit code 0 after a report, 1 when the file is invalid or unreadable, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { type DryRunReport, dryRun, formatNumber } from '../server/game/dry-run';
import { formatScenarioProblem, parseScenario } from '../shared/scenario/index';
import { timeLabel } from '../shared/scenario/scenario-time';
import type { TimeUnit } from '../shared/sim/scenario-metrics-schema';

const USAGE = 'usage: npm run scenario:dry-run -- <scenario.yaml> [--seeds 1,2,3]';
const DEFAULT_SEEDS = [1, 2, 3];

function parseArgs(args: string[]): { file: string; seeds: number[] } | string {
  let file: string | undefined;
  let seeds = DEFAULT_SEEDS;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--seeds' || arg.startsWith('--seeds=')) {
      const value = arg === '--seeds' ? args[++i] : arg.slice('--seeds='.length);
      const parsed = (value ?? '').split(',').map((s) => Number(s.trim()));
      if (parsed.length === 0 || parsed.some((n) => !Number.isInteger(n) || n < 0))
        return `--seeds takes whole numbers separated by commas, e.g. --seeds 1,2,3 (got "${value ?? ''}")`;
      seeds = parsed;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `one scenario file at a time (got ${file} and ${arg})`;
  }
  return file === undefined ? 'which scenario file?' : { file, seeds };
}

function section(title: string, lines: string[], empty: string): string {
  return [`## ${title}`, ...(lines.length > 0 ? lines : [`  ${empty}`]), ''].join('\n');
}

function formatReport(report: DryRunReport, unit: TimeUnit | undefined): string {
  const runs = report.runs.map((run) => {
    const outcome = !run.reachedDebrief
      ? `STALLED in ${run.phase}`
      : run.outcome?.kind === 'end-state'
        ? `end state "${run.outcome.title}"`
        : (run.outcome?.kind ?? 'none');
    const score = run.score === null ? 'no score' : `score ${formatNumber(run.score)}`;
    return `  seed ${run.seed}: ${outcome}, ${timeLabel(unit, run.finalDay)} after ${run.roundsPlayed} rounds, ${score}, ${run.applied}/${run.proposals} proposals applied`;
  });
  const roles = report.roles.map((role) => {
    const flag = !role.played
      ? ' [optional: not played in a dry run]'
      : role.flag === 'no-decisions'
        ? ' [NO DECISIONS]'
        : role.flag === 'overloaded'
          ? ' [OVERLOADED]'
          : '';
    return `  ${role.roleId}: ${formatNumber(role.decisionsPerRound)} decisions/round (${role.proposals} proposals, ${role.approvals} approvals, ${role.votes} votes, ${role.vetoes} vetoes)${flag}`;
  });
  return [
    `# Dry run of ${report.scenarioId}: ${report.title}`,
    `seeds ${report.seeds.join(', ')}`,
    '',
    section('Runs', runs, 'none'),
    section(
      'Injects never delivered',
      report.injectsNeverDelivered.map(
        (i) => `  #${i.number} ${i.injectId} (${i.trigger}): ${i.title} - ${i.reason}`,
      ),
      'every inject was delivered in at least one run',
    ),
    section(
      'Objectives never met',
      report.objectivesNeverMet.map((o) => `  ${o.objectiveId}: ${o.title} - ${o.reason}`),
      'every objective was met in at least one run',
    ),
    section(
      'Objectives nothing exercises',
      report.objectivesNotExercised.map((o) => `  ${o.objectiveId}: ${o.title} - ${o.reason}`),
      'every objective is named by an inject or moved by an action',
    ),
    ...(report.objectivesRated.length > 0
      ? [
          section(
            'Objectives judged by evaluators (rated, not tested: a dry run has no evaluators)',
            report.objectivesRated.map(
              (o) => `  ${o.objectiveId}: ${o.title}${o.exercised ? '' : ' - no inject names it'}`,
            ),
            'none',
          ),
        ]
      : []),
    section(
      'Actions never proposed',
      report.actionsNeverProposed.map((a) => `  ${a.actionId}: ${a.title}`),
      'every action was proposed in at least one run',
    ),
    section(
      'Actions proposed but never applied',
      report.actionsNeverApplied.map((a) => `  ${a.actionId}: ${a.title} (${a.proposals} proposals)`),
      'none',
    ),
    section('Decisions per role (proposals + approvals + votes + vetoes)', roles, 'no roles'),
    section(
      `Metric ranges reached (values each ${report.stepUnit}, all runs)`,
      report.metricRanges.map((r) => `  ${r.metric}: ${formatNumber(r.min)} to ${formatNumber(r.max)}`),
      'no metrics',
    ),
  ].join('\n');
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
  console.error(`${args}\n${USAGE}`);
  process.exit(2);
}
let source: string;
try {
  source = readFileSync(args.file, 'utf8');
} catch (error) {
  console.error(`${args.file}: cannot read the file: ${(error as NodeJS.ErrnoException).code ?? error}`);
  process.exit(1);
}
const parsed = parseScenario(source, args.file);
if (!parsed.ok) {
  for (const problem of parsed.problems) console.log(formatScenarioProblem(problem));
  process.exit(1);
}
console.log(formatReport(await dryRun(parsed.scenario, { seeds: args.seeds }), parsed.scenario.rounds.unit));
process.exit(0);
