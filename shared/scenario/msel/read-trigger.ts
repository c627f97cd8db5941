import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { TimeUnit } from '../../sim/scenario-metrics-schema';
import {
  actionConditionSchema,
  type Condition,
  elapsedConditionSchema,
  injectConditionSchema,
  scenarioMetricConditionSchema,
  voteConditionSchema,
} from '../condition-schema';
import { formatScenarioPath } from '../problem';
import { SAFE_YAML_OPTIONS } from '../safe-yaml';
import { type InjectTrigger, injectSchema } from '../schema';
import { parseFields } from '../schema-issues';
import { COMPARISON_ALIASES, numberCell, type Reading } from './cell-text';
import { HEADER_OF, type MselField } from './columns';
import { formatInjectTime, parseInjectTime, timeExamples } from './inject-time';
import type { CellProblem } from './problems';

interface TriggerCells {
  cell: (field: MselField) => string | undefined;
  cellProblem: CellProblem;
  columnOf: Partial<Record<MselField, number>>;
  /** The scenario's rounds.unit, when the scenario is known: "Hour 14" or "Day 14". */
  unit: TimeUnit | undefined;
  /** Marks a field whose problem was reported already, so the schema does not repeat it. */
  suppress: (path: string) => void;
}

/**
 * The trigger comes from the structured columns (Trigger type, Round, Phase, Day, Condition ...) or
 * from the human Time column. The export writes both; when both are filled they must agree, so an
 * edit to one that forgot the other is caught rather than silently winning or losing. A condition
 * that combines tests is read from the Condition cell alone; the Time cell then only has to say the
 * same thing in the export's words (or be cleared).
 */
export function readTrigger(
  raw: Record<string, unknown>,
  origin: Map<string, number>,
  { cell, cellProblem, columnOf, unit, suppress }: TriggerCells,
): void {
  const structured = structuredTrigger(cell, cellProblem);
  const timeText = cell('time');
  const parsedTime = timeText === undefined ? undefined : parseInjectTime(timeText, unit);
  // Words the Time cell cannot read on their own are fine when they are what the export writes for
  // the Condition cell's condition.
  const wholeCondition = cell('condition') !== undefined;
  const columnsTrigger =
    wholeCondition && structured !== undefined && structured !== 'reported'
      ? injectSchemaTrigger(structured)
      : undefined;
  const sameWords =
    timeText !== undefined &&
    columnsTrigger !== undefined &&
    words(timeText) === words(formatInjectTime(columnsTrigger, unit));
  const time = sameWords ? undefined : parsedTime;
  if (time !== undefined && !time.ok) {
    if (wholeCondition) {
      // An unreadable Condition is reported on its own cell; a readable one is what the Time must say.
      if (columnsTrigger !== undefined)
        cellProblem(
          'time',
          'trigger',
          `the Time "${timeText!.trim()}" and the Condition ("${formatInjectTime(columnsTrigger, unit)}") disagree; correct one, or clear the Time`,
          false,
        );
    }
    // With trigger columns to read, an unreadable Time must not hide their own problems.
    else cellProblem('time', 'trigger', time.message, structured === undefined);
  }

  if (structured === 'reported') {
    suppress('trigger');
    return;
  }
  if (structured !== undefined) {
    raw.trigger = structured;
    const at = (path: string, field: MselField) => {
      const column = columnOf[field];
      if (column !== undefined) origin.set(path, column);
    };
    const whole =
      columnOf.triggerType ?? columnOf.time ?? columnOf.round ?? columnOf.day ?? columnOf.conditionMetric;
    if (whole !== undefined) origin.set('trigger', whole);
    at('trigger.type', 'triggerType');
    at('trigger.round', 'round');
    at('trigger.phase', 'phase');
    at('trigger.day', 'day');
    at('trigger.condition', 'conditionMetric');
    at('trigger.condition.metric', 'conditionMetric');
    at('trigger.condition.comparison', 'conditionComparison');
    at('trigger.condition.threshold', 'conditionThreshold');
    at('trigger.condition.windowDays', 'conditionWindowDays');
    if (cell('condition') !== undefined) at('trigger.condition', 'condition');
    if (time?.ok && JSON.stringify(time.trigger) !== JSON.stringify(structured)) {
      const timeTrigger = injectSchemaTrigger(time.trigger);
      const columnsTrigger = injectSchemaTrigger(structured);
      // Disagreement is reported only between two readable triggers; otherwise the schema speaks.
      if (
        timeTrigger !== undefined &&
        columnsTrigger !== undefined &&
        canonical(timeTrigger, unit) !== canonical(columnsTrigger, unit)
      ) {
        const columns = cell('condition') !== undefined ? 'the Condition' : 'the trigger columns';
        cellProblem(
          'time',
          'trigger',
          `the Time "${timeText!.trim()}" and ${columns} ("${formatInjectTime(columnsTrigger, unit)}") disagree; correct one, or clear the Time`,
          false,
        );
      }
    }
    return;
  }
  if (parsedTime === undefined) {
    const field = (['time', 'triggerType', 'round', 'day', 'conditionMetric', 'condition'] as const).find(
      (f) => columnOf[f] !== undefined,
    );
    cellProblem(
      field ?? 'time',
      'trigger',
      `the row does not say when the inject fires; ${timeExamples(unit)}`,
    );
    return;
  }
  if (!parsedTime.ok) return;
  raw.trigger = parsedTime.trigger;
  if (columnOf.time !== undefined) origin.set('trigger', columnOf.time);
}

function injectSchemaTrigger(trigger: unknown): InjectTrigger | undefined {
  const parsed = injectSchema.shape.trigger.safeParse(trigger);
  return parsed.success ? parsed.data : undefined;
}

/** Text compared without case and runs of spaces: "When  action X applied" says what "when action x applied" says. */
function words(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A trigger written one way: keys sorted, elapsed time in the scenario's unit when it gives none. */
function canonical(trigger: InjectTrigger, unit: TimeUnit | undefined): string {
  const withUnit = (condition: Condition): Condition => {
    if ('all' in condition) return { all: condition.all.map(withUnit) };
    if ('any' in condition) return { any: condition.any.map(withUnit) };
    if ('not' in condition) return { not: withUnit(condition.not) };
    if ('elapsed' in condition) return { ...condition, unit: condition.unit ?? unit ?? 'days' };
    return condition;
  };
  const value =
    trigger.type === 'condition' ? { ...trigger, condition: withUnit(trigger.condition) } : trigger;
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * The Condition cell holds the whole condition as compact JSON, as exported; YAML's flow style
 * (`{ all: [{ elapsed: 72, unit: hours }, { not: { action: pay-ransom } }] }`) is read too, so a
 * condition copied from a scenario file works. Read with the scenario files' restrictions: core
 * schema only, no aliases. The schema checks what it says afterwards.
 */
export function readCondition(text: string): Reading<unknown> {
  const doc = parseDocument(text, SAFE_YAML_OPTIONS);
  const error = [...doc.errors, ...doc.warnings][0];
  if (error !== undefined) {
    return { ok: false, message: `is not a condition in JSON: ${error.message.split('\n')[0]}` };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch {
    return { ok: false, message: 'aliases (*name) are not allowed in the Condition cell' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return {
      ok: false,
      message: `is not a condition: write one test or all / any / not of tests, e.g. {"action":"pay-ransom","status":"applied"}`,
    };
  return { ok: true, value };
}

const TRIGGER_TYPES = ['scheduled', 'day', 'condition', 'manual'] as const;
type TriggerType = (typeof TRIGGER_TYPES)[number];

/** Which cells each trigger type reads; a filled cell of another type is a contradiction. */
const CELLS_OF_TYPE: Record<TriggerType, readonly MselField[]> = {
  scheduled: ['round', 'phase'],
  day: ['day'],
  condition: [
    'conditionMetric',
    'conditionComparison',
    'conditionThreshold',
    'conditionWindowDays',
    'condition',
  ],
  manual: [],
};

function structuredTrigger(
  cell: (field: MselField) => string | undefined,
  cellProblem: CellProblem,
): Record<string, unknown> | 'reported' | undefined {
  const written = cell('triggerType')?.trim().toLowerCase();
  const filled = (type: TriggerType) => CELLS_OF_TYPE[type].filter((f) => cell(f) !== undefined);
  let type: string | undefined = written;
  if (type === undefined) {
    const candidates = TRIGGER_TYPES.filter((t) => filled(t).length > 0);
    if (candidates.length === 0) return undefined;
    if (candidates.length > 1) {
      const fields = candidates.flatMap(filled).map((f) => HEADER_OF[f]);
      cellProblem(
        filled(candidates[1]!)[0]!,
        'trigger',
        `${fields.join(', ')} are all filled, so the row gives more than one time; fill a Trigger type or clear the cells that do not apply`,
      );
      return 'reported';
    }
    type = candidates[0]!;
  }
  if (!(TRIGGER_TYPES as readonly string[]).includes(type)) return { type };
  const known = type as TriggerType;
  let contradicted = false;
  for (const other of TRIGGER_TYPES) {
    if (other === known) continue;
    for (const field of filled(other)) {
      contradicted = true;
      cellProblem(
        field,
        'trigger',
        `the trigger type is ${known}, which has no ${HEADER_OF[field]}; clear the cell or change the trigger type`,
      );
    }
  }
  if (contradicted) return 'reported';
  const stripped = (field: MselField, prefix: RegExp) => {
    const text = cell(field);
    return text === undefined ? undefined : numberCell(text.trim().replace(prefix, ''));
  };
  switch (known) {
    case 'scheduled':
      return withDefined({
        type: known,
        round: stripped('round', /^(round|r)\s*/i),
        phase: cell('phase')?.trim().toLowerCase(),
      });
    case 'day':
      return withDefined({ type: known, day: stripped('day', /^(day|d|hour|hr|h|minute|min|m)\s*/i) });
    case 'condition': {
      const whole = cell('condition');
      if (whole !== undefined) {
        const metricCells = CELLS_OF_TYPE.condition.filter((f) => f !== 'condition' && cell(f) !== undefined);
        if (metricCells.length > 0) {
          cellProblem(
            metricCells[0]!,
            'trigger.condition',
            `the Condition and ${metricCells.map((f) => HEADER_OF[f]).join(', ')} are all filled; write the condition in one place: the Condition alone, or the condition metric cells for one metric test`,
          );
          return 'reported';
        }
        const read = readCondition(whole);
        if (!read.ok) {
          cellProblem('condition', 'trigger.condition', read.message);
          return 'reported';
        }
        const issue = conditionIssue(read.value, []);
        if (issue !== undefined) {
          const path = formatScenarioPath(['trigger', 'condition', ...issue.path]);
          cellProblem('condition', path, issue.message);
          return 'reported';
        }
        return { type: known, condition: read.value };
      }
      const comparison = cell('conditionComparison')?.trim();
      return {
        type: known,
        condition: withDefined({
          metric: cell('conditionMetric')?.trim().toLowerCase(),
          comparison: comparison === undefined ? undefined : (COMPARISON_ALIASES[comparison] ?? comparison),
          threshold: stripped('conditionThreshold', /^$/),
          windowDays: stripped('conditionWindowDays', /^$/),
        }),
      };
    }
    case 'manual':
      return { type: known };
  }
}

const ATOM_SCHEMAS = [
  ['metric', scenarioMetricConditionSchema],
  ['action', actionConditionSchema],
  ['vote', voteConditionSchema],
  ['inject', injectConditionSchema],
  ['elapsed', elapsedConditionSchema],
] as const;

/**
 * The first problem of a condition, at its place in it: the schema's own union can only say that a
 * part matches none of the kinds of test, so each part is checked as the kind its first key names.
 */
function conditionIssue(
  value: unknown,
  path: (string | number)[],
): { path: (string | number)[]; message: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return {
      path,
      message: 'must be a test (metric, action, vote, inject, elapsed) or all / any / not of tests',
    };
  const node = value as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    if (!(key in node)) continue;
    const parts = node[key];
    const extra = Object.keys(node).find((k) => k !== key);
    if (extra !== undefined)
      return { path: [...path, extra], message: `unknown field "${extra}" next to ${key}` };
    if (!Array.isArray(parts) || parts.length === 0)
      return { path: [...path, key], message: `${key} takes a list of one or more tests` };
    for (const [i, part] of parts.entries()) {
      const issue = conditionIssue(part, [...path, key, i]);
      if (issue !== undefined) return issue;
    }
    return undefined;
  }
  if ('not' in node) {
    const extra = Object.keys(node).find((k) => k !== 'not');
    if (extra !== undefined)
      return { path: [...path, extra], message: `unknown field "${extra}" next to not` };
    return conditionIssue(node.not, [...path, 'not']);
  }
  const atom = ATOM_SCHEMAS.find(([key]) => key in node);
  if (atom === undefined)
    return {
      path,
      message: 'names no test: write metric, action, vote, inject or elapsed, or all / any / not of tests',
    };
  const parsed = parseFields(atom[1] as z.ZodType<unknown>, node);
  if (parsed.success) return undefined;
  const first = parsed.issues[0]!;
  return { path: [...path, ...first.path], message: first.message };
}

function withDefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
