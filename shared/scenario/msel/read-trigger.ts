import { type InjectTrigger, injectSchema } from '../schema';
import { COMPARISON_ALIASES, numberCell } from './cell-text';
import { HEADER_OF, type MselField } from './columns';
import { formatInjectTime, parseInjectTime, TIME_EXAMPLES } from './inject-time';
import type { CellProblem } from './problems';

interface TriggerCells {
  cell: (field: MselField) => string | undefined;
  cellProblem: CellProblem;
  columnOf: Partial<Record<MselField, number>>;
}

/**
 * The trigger comes from the structured columns (Trigger type, Round, Phase, Day, Condition ...) or
 * from the human Time column. The export writes both; when both are filled they must agree, so an
 * edit to one that forgot the other is caught rather than silently winning or losing.
 */
export function readTrigger(
  raw: Record<string, unknown>,
  origin: Map<string, number>,
  { cell, cellProblem, columnOf }: TriggerCells,
): void {
  const structured = structuredTrigger(cell, cellProblem);
  const timeText = cell('time');
  const time = timeText === undefined ? undefined : parseInjectTime(timeText);
  // With trigger columns to read, an unreadable Time must not hide their own problems.
  if (time !== undefined && !time.ok) cellProblem('time', 'trigger', time.message, structured === undefined);

  if (structured === 'reported') return;
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
    if (time?.ok && JSON.stringify(time.trigger) !== JSON.stringify(structured)) {
      const timeTrigger = injectSchemaTrigger(time.trigger);
      const columnsTrigger = injectSchemaTrigger(structured);
      // Disagreement is reported only between two readable triggers; otherwise the schema speaks.
      if (timeTrigger !== undefined && columnsTrigger !== undefined) {
        cellProblem(
          'time',
          'trigger',
          `the Time "${timeText!.trim()}" and the trigger columns ("${formatInjectTime(columnsTrigger)}") disagree; correct one, or clear the Time`,
          false,
        );
      }
    }
    return;
  }
  if (time === undefined) {
    const field = (['time', 'triggerType', 'round', 'day', 'conditionMetric'] as const).find(
      (f) => columnOf[f] !== undefined,
    );
    cellProblem(field ?? 'time', 'trigger', `the row does not say when the inject fires; ${TIME_EXAMPLES}`);
    return;
  }
  if (!time.ok) return;
  raw.trigger = time.trigger;
  if (columnOf.time !== undefined) origin.set('trigger', columnOf.time);
}

function injectSchemaTrigger(trigger: unknown): InjectTrigger | undefined {
  const parsed = injectSchema.shape.trigger.safeParse(trigger);
  return parsed.success ? parsed.data : undefined;
}

const TRIGGER_TYPES = ['scheduled', 'day', 'condition', 'manual'] as const;
type TriggerType = (typeof TRIGGER_TYPES)[number];

/** Which cells each trigger type reads; a filled cell of another type is a contradiction. */
const CELLS_OF_TYPE: Record<TriggerType, readonly MselField[]> = {
  scheduled: ['round', 'phase'],
  day: ['day'],
  condition: ['conditionMetric', 'conditionComparison', 'conditionThreshold', 'conditionWindowDays'],
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
      return withDefined({ type: known, day: stripped('day', /^(day|d)\s*/i) });
    case 'condition': {
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

function withDefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
