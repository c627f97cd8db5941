import type { Condition, ScenarioMetricCondition } from './condition-schema';

/**
 * A condition in words ("Ransom paid and not Backups restored"), for the facilitator's timeline,
 * the MSEL and the after-action report. `metric` names a metric test as the page knows it: its
 * label and formatted threshold, or the bare ids where no catalog is at hand.
 */
export interface ConditionWords {
  metric?: (test: ScenarioMetricCondition) => string;
  action?: (actionId: string) => string;
  inject?: (injectId: string) => string;
}

const bareMetric = (t: ScenarioMetricCondition) =>
  `${t.metric} ${t.comparison} ${t.threshold}${t.windowDays === undefined ? '' : ` (${t.windowDays}-day mean)`}`;

export function conditionText(condition: Condition, words: ConditionWords = {}): string {
  const action = words.action ?? ((id: string) => id);
  const inject = words.inject ?? ((id: string) => id);
  const part = (c: Condition) => {
    const text = conditionText(c, words);
    return 'all' in c || 'any' in c ? `(${text})` : text;
  };
  if ('all' in condition) return condition.all.map(part).join(' and ');
  if ('any' in condition) return condition.any.map(part).join(' or ');
  if ('not' in condition) return `not ${part(condition.not)}`;
  if ('metric' in condition) return (words.metric ?? bareMetric)(condition);
  if ('action' in condition) return `${action(condition.action)} ${condition.status}`;
  if ('vote' in condition) return `the vote on ${action(condition.vote)} ${condition.result}`;
  if ('inject' in condition) return `${inject(condition.inject)} delivered`;
  return `${condition.elapsed} ${condition.unit ?? 'time units'} elapsed`;
}
