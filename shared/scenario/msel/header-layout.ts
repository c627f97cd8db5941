import { closest, didYouMean } from '../suggest';
import {
  columnLetter,
  HEADER_OF,
  MSEL_COLUMNS,
  MSEL_FIELDS,
  type MselField,
  type MselMappingTarget,
} from './columns';
import type { MselProblemCode, ProblemSink } from './problems';
import type { CsvRow } from './read-csv';

export interface IgnoredColumn {
  column: number;
  header: string;
  /** Why it was not read: an unknown name, or mapped away. */
  reason: string;
  /** The field its name is close to, when it looks like a misspelling of one. */
  likelyField?: MselField;
}

/** Header matching ignores case, spaces and punctuation ("Inject No." = "inject no"), but keeps "#". */
function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}#]+/gu, '');
}

const FIELD_BY_NAME: ReadonlyMap<string, MselField> = new Map(
  MSEL_COLUMNS.flatMap((column) =>
    [column.field, column.header, ...column.aliases].map(
      (name) => [normalizeName(name), column.field] as const,
    ),
  ),
);

/** A mapping may also name the trigger's parts by their path in the scenario file. */
const TRIGGER_PATHS: Record<string, MselField> = {
  trigger: 'time',
  'trigger.type': 'triggerType',
  'trigger.round': 'round',
  'trigger.phase': 'phase',
  'trigger.day': 'day',
  'trigger.condition': 'condition',
  'trigger.condition.metric': 'conditionMetric',
  'trigger.condition.comparison': 'conditionComparison',
  'trigger.condition.threshold': 'conditionThreshold',
  'trigger.condition.windowDays': 'conditionWindowDays',
};

function mappingTarget(name: string): MselMappingTarget | undefined {
  const key = normalizeName(name);
  if (key === 'ignore' || key === 'skip') return 'ignore';
  return FIELD_BY_NAME.get(key) ?? TRIGGER_PATHS[name.trim()];
}

interface Layout {
  /** Field -> 1-based column. */
  columnOf: Partial<Record<MselField, number>>;
  ignored: IgnoredColumn[];
}

const TRIGGER_FIELDS = [
  'time',
  'triggerType',
  'round',
  'phase',
  'day',
  'conditionMetric',
  'condition',
] as const satisfies readonly MselField[];
const REQUIRED_FIELDS = ['number', 'title', 'channel', 'from', 'subject', 'body'] as const;

export function layoutOf(
  header: CsvRow,
  mapping: Record<string, string>,
  report: ProblemSink,
): Layout | undefined {
  const headers = header.cells.map((cell) => cell.trim());
  let count = 0;
  const headerProblem = (column: number, code: MselProblemCode, message: string) => {
    count++;
    report({ line: header.line, column, path: '(header)', code, message });
  };
  const label = (column: number) => `${columnLetter(column)} "${headers[column - 1] ?? ''}"`;

  const explicit = new Map<number, MselMappingTarget>();
  for (const [name, target] of Object.entries(mapping)) {
    const index = headers.findIndex((h) => normalizeName(h) === normalizeName(name));
    const field = mappingTarget(target);
    if (index === -1) {
      const near = closest(name, headers.filter(Boolean));
      const hint =
        near === undefined
          ? `; its columns are: ${headers.filter(Boolean).join(', ')}`
          : ` (did you mean "${near}"?)`;
      headerProblem(1, 'mapping', `the mapping names a column "${name}" that the file does not have${hint}`);
    } else if (field === undefined) {
      const hint = didYouMean(target, MSEL_FIELDS) || `; fields: ${MSEL_FIELDS.join(', ')}, ignore`;
      headerProblem(
        index + 1,
        'mapping',
        `the mapping sends column "${name}" to "${target}", which is not a field${hint}`,
      );
    } else explicit.set(index + 1, field);
  }

  const columnOf: Partial<Record<MselField, number>> = {};
  const ignored: IgnoredColumn[] = [];
  const mappedFields = new Set([...explicit.values()]);
  for (const [column, field] of explicit) {
    if (field === 'ignore') {
      ignored.push({ column, header: headers[column - 1] ?? '', reason: 'mapped to ignore' });
      continue;
    }
    const earlier = columnOf[field];
    if (earlier !== undefined) {
      headerProblem(
        column,
        'mapping',
        `the mapping sends both columns ${label(earlier)} and ${label(column)} to ${field}; a field is read from one column`,
      );
    } else columnOf[field] = column;
  }
  headers.forEach((name, i) => {
    const column = i + 1;
    if (explicit.has(column)) return;
    const field = name === '' ? undefined : FIELD_BY_NAME.get(normalizeName(name));
    if (field === undefined) {
      const near = name === '' ? undefined : closest(normalizeName(name), FIELD_BY_NAME.keys());
      const likelyField = near === undefined ? undefined : FIELD_BY_NAME.get(near);
      if (likelyField === undefined) ignored.push({ column, header: name, reason: 'not an MSEL column' });
      else {
        const reason = `not an MSEL column (did you mean "${HEADER_OF[likelyField]}"?)`;
        ignored.push({ column, header: name, reason, likelyField });
      }
      return;
    }
    if (mappedFields.has(field)) {
      ignored.push({ column, header: name, reason: `the mapping reads ${field} from another column` });
      return;
    }
    const earlier = columnOf[field];
    if (earlier !== undefined) {
      headerProblem(
        column,
        'header',
        `columns ${label(earlier)} and ${label(column)} both hold ${field}; rename one, or map it with "${name}=ignore"`,
      );
    } else columnOf[field] = column;
  });

  const missing = (field: MselField, what: string) => {
    const near = ignored.find((c) => c.likelyField === field);
    const hint = near ? `, or map the column ${label(near.column)} with "${near.header}=${field}"` : '';
    headerProblem(1, 'header', `no column holds ${what}; name one "${HEADER_OF[field]}"${hint}`);
  };
  for (const field of REQUIRED_FIELDS) {
    if (columnOf[field] === undefined) missing(field, `the inject's ${field === 'body' ? 'message' : field}`);
  }
  if (TRIGGER_FIELDS.every((field) => columnOf[field] === undefined)) {
    missing('time', 'when injects fire, e.g. "Round 2 · deliberation" or "Day 14"');
  }
  return count === 0 ? { columnOf, ignored } : undefined;
}
