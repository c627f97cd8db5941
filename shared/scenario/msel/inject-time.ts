import type { TimeUnit } from '../../sim/scenario-metrics-schema';
import type { Condition, ScenarioMetricCondition } from '../condition-schema';
import type { InjectTrigger } from '../schema';
import { COMPARISON_ALIASES, numberCell } from './cell-text';

/**
 * The MSEL's human Time column: "Round 2 · deliberation", "Day 14" ("Hour 14" in a scenario that
 * counts in hours), "When clinical-safety < 62 (8-hour mean)", "When action pay-ransom applied",
 * "Manual". A condition that combines tests is written in words too ("When 72 hours elapsed and
 * not action pay-ransom applied"), for reading; the Condition column carries it exactly.
 */

const SINGULAR: Record<TimeUnit, string> = { minutes: 'minute', hours: 'hour', days: 'day' };
const UNIT_OF_WORD: Record<string, TimeUnit> = {
  d: 'days',
  day: 'days',
  days: 'days',
  h: 'hours',
  hr: 'hours',
  hour: 'hours',
  hours: 'hours',
  m: 'minutes',
  min: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
};

const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);

function metricText(test: ScenarioMetricCondition, unit: TimeUnit): string {
  const window = test.windowDays === undefined ? '' : ` (${test.windowDays}-${SINGULAR[unit]} mean)`;
  return `${test.metric} ${test.comparison} ${test.threshold}${window}`;
}

/** A condition in the Time column's words; every single test reads back with parseInjectTime. */
export function conditionTimeText(condition: Condition, unit: TimeUnit = 'days'): string {
  const part = (c: Condition) => {
    const text = conditionTimeText(c, unit);
    return 'all' in c || 'any' in c ? `(${text})` : text;
  };
  if ('all' in condition) return condition.all.map(part).join(' and ');
  if ('any' in condition) return condition.any.map(part).join(' or ');
  if ('not' in condition) return `not ${part(condition.not)}`;
  if ('metric' in condition) return metricText(condition, unit);
  if ('action' in condition) return `action ${condition.action} ${condition.status}`;
  if ('vote' in condition) return `the vote on ${condition.vote} ${condition.result}`;
  if ('inject' in condition) return `inject ${condition.inject} delivered`;
  const elapsedUnit = condition.unit ?? unit;
  const word = condition.elapsed === 1 ? SINGULAR[elapsedUnit] : elapsedUnit;
  return `${condition.elapsed} ${word} elapsed`;
}

/** Whether a condition is one test the Time column reads back on its own (no all / any / not). */
export function isSingleTest(condition: Condition): boolean {
  return !('all' in condition || 'any' in condition || 'not' in condition);
}

/** "Round 2 · deliberation", "Day 14" / "Hour 14", "When availability < 0.99 (7-day mean)", "Manual". */
export function formatInjectTime(trigger: InjectTrigger, unit: TimeUnit = 'days'): string {
  switch (trigger.type) {
    case 'scheduled':
      return `Round ${trigger.round} · ${trigger.phase}`;
    case 'day':
      return `${capitalized(SINGULAR[unit])} ${trigger.day}`;
    case 'condition':
      return `When ${conditionTimeText(trigger.condition, unit)}`;
    case 'manual':
      return 'Manual';
  }
}

type TimeReading = { ok: true; trigger: Record<string, unknown> } | { ok: false; message: string };

export function timeExamples(unit: TimeUnit = 'days'): string {
  const step = capitalized(SINGULAR[unit]);
  return `write e.g. "Round 2 · deliberation", "R2 deliberation", "${step} 14", "When availability < 0.99 (7-${SINGULAR[unit]} mean)", "When action <id> applied" or "Manual"`;
}
export const TIME_EXAMPLES = timeExamples();

const ID = '([a-z0-9][a-z0-9-]*)';
const ATOMS: { pattern: RegExp; read: (m: RegExpExecArray) => Record<string, unknown> }[] = [
  {
    pattern: new RegExp(`^(?:action\\s+)?${ID}\\s+(applied|rejected|vetoed)$`, 'i'),
    read: (m) => ({ action: m[1]!.toLowerCase(), status: m[2]!.toLowerCase() }),
  },
  {
    pattern: new RegExp(`^(?:the\\s+)?vote\\s+on\\s+(?:action\\s+)?${ID}\\s+(passed|failed)$`, 'i'),
    read: (m) => ({ vote: m[1]!.toLowerCase(), result: m[2]!.toLowerCase() }),
  },
  {
    pattern: new RegExp(`^(?:inject\\s+)?${ID}\\s+(?:delivered|sent)$`, 'i'),
    read: (m) => ({ inject: m[1]!.toLowerCase() }),
  },
];

/**
 * Reads the human Time column back into a trigger; values are checked by the schema afterwards.
 * `unit` is the scenario's (rounds.unit): "Hour 14" is read in a scenario that counts in hours,
 * "Day 14" in one that counts in days; without a unit (no scenario at hand) either is read.
 */
export function parseInjectTime(text: string, unit?: TimeUnit): TimeReading {
  const time = text.trim();
  const examples = timeExamples(unit);
  const wrongUnit = (written: TimeUnit, instead: string) =>
    ({
      ok: false,
      message: `the scenario counts time in ${unit}, not ${written}: write "${instead}"`,
    }) as const;
  const round = /^(?:round|rnd|r)\s*(\d+)\s*(?:[·•.,:;/|–—-]\s*)?(.*)$/i.exec(time);
  if (round) {
    const phase = round[2]!.trim().toLowerCase();
    // An MSEL row with a round but no phase arrives with the round's news: its injects phase.
    return { ok: true, trigger: { type: 'scheduled', round: Number(round[1]), phase: phase || 'injects' } };
  }
  const step = /^(day|d|hour|hr|h|minute|min|m)\s*(\d+)$/i.exec(time);
  if (step) {
    const written = UNIT_OF_WORD[step[1]!.toLowerCase()]!;
    if (unit !== undefined && written !== unit)
      return wrongUnit(written, `${capitalized(SINGULAR[unit])} ${step[2]}`);
    return { ok: true, trigger: { type: 'day', day: Number(step[2]) } };
  }
  if (/^(manual|by hand|on demand)$/i.test(time)) return { ok: true, trigger: { type: 'manual' } };

  const when = time.replace(/^(?:when|if)\s+/i, '').trim();
  const condition =
    /^([\p{L}\p{N}_-]+)\s*(<=|>=|=<|=>|<|>|≤|≥)\s*([^\s(]+)\s*(?:\(\s*(\d+)[\s-]*(days?|hours?|minutes?|steps?)(?:\s+(?:mean|average|avg))?\s*\))?$/iu.exec(
      when,
    );
  if (condition) {
    const comparison = condition[2]!;
    const windowUnit = condition[5] === undefined ? undefined : UNIT_OF_WORD[condition[5].toLowerCase()];
    if (unit !== undefined && windowUnit !== undefined && windowUnit !== unit)
      return wrongUnit(windowUnit, `(${condition[4]}-${SINGULAR[unit]} mean)`);
    const window = condition[4] === undefined ? {} : { windowDays: Number(condition[4]) };
    return {
      ok: true,
      trigger: {
        type: 'condition',
        condition: {
          metric: condition[1]!.toLowerCase(),
          comparison: COMPARISON_ALIASES[comparison] ?? comparison,
          threshold: numberCell(condition[3]!),
          ...window,
        },
      },
    };
  }
  const elapsed =
    /^(\d+(?:\.\d+)?)\s*(days?|hours?|minutes?|d|h|hr|min)\s+(?:have\s+|has\s+)?(?:elapsed|passed)$/i.exec(
      when,
    );
  if (elapsed) {
    const elapsedUnit = UNIT_OF_WORD[elapsed[2]!.toLowerCase()]!;
    return {
      ok: true,
      trigger: { type: 'condition', condition: { elapsed: Number(elapsed[1]), unit: elapsedUnit } },
    };
  }
  for (const atom of ATOMS) {
    const match = atom.pattern.exec(when);
    if (match) return { ok: true, trigger: { type: 'condition', condition: atom.read(match) } };
  }
  if (when !== time && /\b(and|or|not)\b/i.test(when))
    return {
      ok: false,
      message: `cannot read the time "${time}" on its own: a condition that combines tests (and, or, not) goes in the Condition column, e.g. {"all":[{"elapsed":72,"unit":"hours"},{"not":{"action":"pay-ransom","status":"applied"}}]}`,
    };
  return { ok: false, message: `cannot read the time "${time}"; ${examples}` };
}
