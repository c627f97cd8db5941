import type { SessionEvent } from '../session/events';
import { type ForkRun, type ForkSpec, runFork } from '../session/fork';
import type { LogEntry } from '../session/log';
import type { SessionState } from '../session/state';
import { METRICS, type MetricName } from '../sim/metrics';
import { outcomeText } from './cohort-overview';
import { compareFork, type ForkFuture } from './fork-comparison';

/**
 * The after-action report's "What if: the forks" section (issue 17): each fork the facilitator
 * kept, recomputed from the log (forks are pure and deterministic, shared/session/fork.ts), as
 * plain text. The report page (client, print and PDF) and the Word file (server, from the fork
 * specs the page posts with the download) both build it with this one function, so the two say
 * the same. Facilitator only: a fork is computed from the whole log.
 */

export interface ReportForkFuture {
  outcome: string;
  score: string;
  /** "2 of 3 met", and each objective with its result. */
  objectivesMet: string;
  objectives: { title: string; result: string }[];
  /** What the forked round applied in this future, by action title. */
  applied: string;
}

export interface ReportFork {
  name: string;
  round: number;
  /** The changed decision, in words. */
  change: string;
  /** Set when the fork cannot be computed (the log no longer fits it); the rest is then empty. */
  error?: string;
  original?: ReportForkFuture;
  fork?: ReportForkFuture;
  /** What differed first ("Day 4 (round 1): Availability 99.1 as played, 99.8 in the fork"), or that nothing did. */
  firstDifference?: string;
  /** Original commands the fork could not take any more. */
  refused?: number;
}

export const MAX_REPORT_FORKS = 20;

export function forkReport(
  log: readonly (SessionEvent | LogEntry)[],
  specs: readonly ForkSpec[],
): ReportFork[] {
  return specs.slice(0, MAX_REPORT_FORKS).map((spec) => {
    const result = runFork(log, spec);
    if (!result.ok)
      return { name: spec.name, round: spec.round, change: plainChange(spec), error: result.message };
    const comparison = compareFork(result.run);
    const first = comparison.firstDifference;
    const state = result.run.original;
    return {
      name: spec.name,
      round: spec.round,
      change: describeChange(spec, result.run),
      original: futureText(comparison.original, state),
      fork: futureText(comparison.fork, state),
      firstDifference: first
        ? `Day ${first.day} (round ${first.round})${first.metrics.length > 0 ? ': ' : ''}${first.metrics
            .slice(0, 3)
            .map(
              (m) =>
                `${METRICS[m.metric].label} ${value(m.metric, m.original)} as played, ${value(m.metric, m.fork)} in the fork`,
            )
            .join('; ')}`
        : 'Nothing: both futures are the same.',
      refused: comparison.refused.length,
    };
  });
}

function plainChange(spec: ForkSpec): string {
  const alt = spec.alternative;
  if (alt.kind === 'add') return `Round ${spec.round}: also do ${alt.actionId}`;
  return `Round ${spec.round}: ${alt.kind === 'drop' ? 'do not apply' : 'apply'} ${alt.proposalId}`;
}

function describeChange(spec: ForkSpec, run: ForkRun): string {
  const scenario = run.original.scenario;
  const title = (actionId: string) => scenario.actions.find((a) => a.id === actionId)?.title ?? actionId;
  const alt = spec.alternative;
  if (alt.kind === 'add') {
    const params = Object.entries(alt.params)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return `Round ${spec.round}: also do “${title(alt.actionId)}”${params ? ` (${params})` : ''}`;
  }
  const proposal = run.original.proposals.find((p) => p.id === alt.proposalId);
  const what = proposal ? title(proposal.actionId) : alt.proposalId;
  return `Round ${spec.round}: ${alt.kind === 'drop' ? 'do not apply' : 'apply'} “${what}”`;
}

function futureText(future: ForkFuture, state: SessionState): ReportForkFuture {
  const objectives = state.scenario.objectives.map((o) => {
    const met = future.objectives.find((r) => r.objectiveId === o.id)?.met ?? null;
    return { title: o.title, result: met === null ? 'not judged' : met ? 'met' : 'missed' };
  });
  return {
    outcome: outcomeText({ outcome: future.outcome }) ?? 'not finished',
    score: future.score === null ? '—' : String(Math.round(future.score)),
    objectivesMet: `${objectives.filter((o) => o.result === 'met').length} of ${objectives.length} met`,
    objectives,
    applied: future.applied.map((a) => a.title).join(', ') || 'nothing',
  };
}

/** A metric value in the report's text, with its unit (ratios as percentages, money in dollars). */
function value(metric: MetricName, x: number): string {
  if (!Number.isFinite(x)) return '—';
  const unit = METRICS[metric].unit;
  if (unit === 'ratio') return `${Number((x * 100).toPrecision(4))} %`;
  if (unit === 'ratio/day') return `${Number((x * 100).toPrecision(3))} %/day`;
  if (unit.startsWith('USD')) return `$${number(x)}${unit.slice(3)}`;
  return `${number(x)} ${unit}`;
}

function number(x: number): string {
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(3)));
}
