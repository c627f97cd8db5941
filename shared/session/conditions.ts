import { type Condition, isMetricCondition } from '../scenario/condition-schema';
import { compare, metricValue } from '../sim';
import { MINUTES_PER_UNIT } from '../sim/scenario-metrics-schema';
import { tallyVotes } from './decision-rules';
import type { Proposal, SessionState } from './state';

/**
 * Whether a scenario condition holds on the session (issue 16): metrics on the simulation, the
 * rest on the record of decisions and deliveries, all of it in the log's state, so a replay gets
 * the same answers at the same points. Decisions count once resolved: a proposal is `applied`
 * when the round's resolution carried it out, `rejected` when it closed without passing (or was
 * approved but could not be paid for), `vetoed` when a veto stopped it.
 */
export function holds(state: SessionState, condition: Condition): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(state, c));
  if ('any' in condition) return condition.any.some((c) => holds(state, c));
  if ('not' in condition) return !holds(state, condition.not);
  if (isMetricCondition(condition))
    return compare(
      metricValue(state.sim, condition.metric, condition.windowDays),
      condition.comparison,
      condition.threshold,
    );
  if ('action' in condition)
    return state.proposals.some(
      (p) => p.actionId === condition.action && decisionOutcome(p) === condition.status,
    );
  if ('vote' in condition)
    return state.proposals.some(
      (p) => p.actionId === condition.vote && voteResult(state, p) === condition.result,
    );
  if ('inject' in condition) return state.deliveries.some((d) => d.injectId === condition.inject);
  const unit = state.scenario.rounds.unit ?? 'days';
  return (
    state.sim.day * MINUTES_PER_UNIT[unit] >= condition.elapsed * MINUTES_PER_UNIT[condition.unit ?? unit]
  );
}

/** How a proposal's decision came out, once it has. */
function decisionOutcome(proposal: Proposal): 'applied' | 'rejected' | 'vetoed' | null {
  if (proposal.status === 'vetoed') return 'vetoed';
  if (proposal.resolution === null) return null;
  if (proposal.resolution.applied) return 'applied';
  return proposal.status === 'withdrawn' ? null : 'rejected';
}

/** A resolved proposal's vote result; null when its action takes no vote or it is not resolved. */
function voteResult(state: SessionState, proposal: Proposal): 'passed' | 'failed' | null {
  if (proposal.resolution === null) return null;
  const action = state.scenario.actions.find((a) => a.id === proposal.actionId);
  const rule = action?.decision ?? state.scenario.decisionDefaults;
  if (!rule.vote) return null;
  return tallyVotes(proposal, rule.vote.majority).passes ? 'passed' : 'failed';
}

/** The value an objective's result records: its metric's, when its test is one metric test; else 1 met / 0 not. */
export function conditionValue(state: SessionState, condition: Condition, met: boolean): number {
  return isMetricCondition(condition)
    ? metricValue(state.sim, condition.metric, condition.windowDays)
    : met
      ? 1
      : 0;
}
