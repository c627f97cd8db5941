import { parseDocument } from 'yaml';
import { SAFE_YAML_OPTIONS } from '../safe-yaml';
import type { Scenario } from '../schema';
import {
  BOOLEAN_CELLS,
  CHANNEL_ALIASES,
  EVERYONE,
  lines,
  numberCell,
  type Reading,
  unprotectFormula,
} from './cell-text';
import { columnLetter, HEADER_OF, type MselField } from './columns';
import type { CellProblem, ProblemSink } from './problems';
import type { CsvRow } from './read-csv';
import { readReferences } from './read-references';
import { readTrigger } from './read-trigger';

/** Read cells of one row, with where each inject field came from, for locating problems. */
export interface RowReading {
  raw: Record<string, unknown>;
  /** Inject field path (dotted) -> 1-based column; the longest matching prefix locates a problem. */
  origin: Map<string, number>;
  /** Fields whose cell was reported already: schema issues under them would only repeat it. */
  reported: Set<string>;
  /** The id was made from the title: it has to be made unique once all rows are read. */
  idFromTitle: boolean;
}

interface RowContext {
  columnOf: Partial<Record<MselField, number>>;
  scenario: Scenario | undefined;
  row: CsvRow;
  report: ProblemSink;
}

export function readRow({ columnOf, scenario, row, report }: RowContext): RowReading {
  const raw: Record<string, unknown> = {};
  const origin = new Map<string, number>();
  const reported = new Set<string>();
  const cell = (field: MselField): string | undefined => {
    const column = columnOf[field];
    if (column === undefined) return undefined;
    const text = unprotectFormula(row.cells[column - 1] ?? '');
    return text.trim() === '' ? undefined : text;
  };
  const cellProblem: CellProblem = (field, path, message, suppress = true) => {
    if (suppress) reported.add(path);
    report({
      line: row.line,
      column: columnOf[field] ?? 1,
      path,
      code: 'cell',
      message: `${message} (column ${columnLabel(columnOf, field)})`,
    });
  };
  const from = (path: string, field: MselField) => {
    const column = columnOf[field];
    if (column !== undefined) origin.set(path, column);
  };

  for (const field of ['number', 'id', 'title', 'from', 'subject'] as const) {
    from(field, field);
    const text = cell(field);
    if (text !== undefined) raw[field] = field === 'number' ? numberCell(text) : text.trim();
  }
  for (const field of ['body', 'facilitatorNotes'] as const) {
    from(field, field);
    const text = cell(field);
    if (text !== undefined) raw[field] = text;
  }
  for (const field of ['expectedActions', 'discussionQuestions'] as const) {
    from(field, field);
    const text = cell(field);
    if (text !== undefined) raw[field] = lines(text);
  }

  from('channel', 'channel');
  const channel = cell('channel')?.trim();
  if (channel !== undefined) {
    const key = channel.toLowerCase().replace(/\s+/g, ' ');
    raw.channel = CHANNEL_ALIASES[key] ?? key;
  }

  from('audience', 'audience');
  const audience = cell('audience');
  if (audience !== undefined) {
    const read = EVERYONE.has(audience.trim().toLowerCase())
      ? ({ ok: true, value: 'all' } as const)
      : readReferences(audience, 'role', scenario?.roles);
    if (read.ok) raw.audience = read.value;
    else cellProblem('audience', 'audience', read.message);
  }

  from('objectives', 'objectives');
  const objectives = cell('objectives');
  if (objectives !== undefined) {
    const objectiveNames = scenario?.objectives.map(({ id, title }) => ({ id, name: title }));
    const read = readReferences(objectives, 'objective', objectiveNames);
    if (read.ok) raw.objectives = read.value;
    else cellProblem('objectives', 'objectives', read.message);
  }

  from('contingency', 'contingency');
  const contingency = cell('contingency');
  if (contingency !== undefined) {
    const value = BOOLEAN_CELLS[contingency.trim().toLowerCase()];
    if (value === undefined) {
      cellProblem('contingency', 'contingency', `must be yes or no, got "${contingency.trim()}"`);
    } else raw.contingency = value;
  }

  from('effects', 'effects');
  const effects = cell('effects');
  if (effects !== undefined) {
    const read = readEffects(effects);
    if (read.ok) raw.effects = read.value;
    else cellProblem('effects', 'effects', read.message);
  }

  readTrigger(raw, origin, {
    cell,
    cellProblem,
    columnOf,
    unit: scenario === undefined ? undefined : (scenario.rounds.unit ?? 'days'),
    suppress: (path) => reported.add(path),
  });

  const idFromTitle = raw.id === undefined;
  if (idFromTitle) {
    // Spreadsheet MSELs seldom carry ids; one is made from the title (see assignIds).
    from('id', columnOf.id === undefined ? 'title' : 'id');
  }
  return { raw, origin, reported, idFromTitle };
}

function columnLabel(columnOf: Partial<Record<MselField, number>>, field: MselField): string {
  const column = columnOf[field];
  return column === undefined ? `"${HEADER_OF[field]}"` : `${columnLetter(column)}`;
}

/**
 * The effects cell holds the list as compact JSON, as exported. YAML's flow style (JSON's superset,
 * `[{ type: outage, target: app, hours: 2 }]`) is read too, so effects copied from a scenario file
 * work. Read with the same restrictions as scenario files: core schema only, no aliases.
 */
export function readEffects(text: string): Reading<unknown> {
  const doc = parseDocument(text, SAFE_YAML_OPTIONS);
  const error = [...doc.errors, ...doc.warnings][0];
  if (error !== undefined) {
    return { ok: false, message: `is not a JSON list of effects: ${error.message.split('\n')[0]}` };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 0 }) };
  } catch {
    return { ok: false, message: 'aliases (*name) are not allowed in the Effects cell' };
  }
}
