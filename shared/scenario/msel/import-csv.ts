import type { z } from 'zod';
import { METRIC_NAMES } from '../../sim/metrics';
import { conditionAtoms } from '../condition-schema';
import { partsOfScenario, type ScenarioParts } from '../parts';
import { formatScenarioPath } from '../problem';
import { type Inject, injectSchema, type Scenario } from '../schema';
import { parseFields } from '../schema-issues';
import { checkScenarioParts } from '../semantics';
import { columnLetter, MSEL_COLUMNS } from './columns';
import { type IgnoredColumn, layoutOf } from './header-layout';
import { MSEL_MAX_BYTES, type MselProblem, mselSizeProblem, type ProblemSink } from './problems';
import { type CsvRow, readCsv } from './read-csv';
import { type RowReading, readRow } from './read-row';

export type InjectInput = z.input<typeof injectSchema>;

export interface ImportMselOptions {
  fileName: string;
  /** Column header -> field (or a header or alias of one, or "ignore"); overrides the matching by name. */
  mapping?: Record<string, string>;
  /** When given, "To" may name roles by name, and rounds, days, roles and objectives are checked against it. */
  scenario?: Scenario;
  maxBytes?: number;
}

export type ImportMselResult =
  | { ok: true; injects: InjectInput[]; ignoredColumns: IgnoredColumn[] }
  | { ok: false; problems: MselProblem[] };

function slug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Ids made from titles, unique among the file's own ids and each other ("outage", "outage-2"). */
function assignIds(readings: RowReading[]): void {
  const taken = new Set(
    readings.filter((r) => !r.idFromTitle && typeof r.raw.id === 'string').map((r) => r.raw.id as string),
  );
  readings.forEach((reading, index) => {
    if (!reading.idFromTitle) return;
    const title = typeof reading.raw.title === 'string' ? reading.raw.title : '';
    const base = slug(title) || `inject-${index + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    reading.raw.id = id;
  });
}

/** The column an inject field came from: the longest recorded prefix of its path, else column A. */
function locate(reading: RowReading, path: readonly (string | number)[]): number {
  for (let length = path.length; length > 0; length--) {
    const column = reading.origin.get(path.slice(0, length).join('.'));
    if (column !== undefined) return column;
  }
  return 1;
}

function isReported(reading: RowReading, path: readonly (string | number)[]): boolean {
  for (let length = path.length; length > 0; length--) {
    if (reading.reported.has(path.slice(0, length).join('.'))) return true;
  }
  return false;
}

/** Every metric, action and channel the injects name: in their conditions, their metric effects and channels. */
function namedByInjects(injects: { value: Inject }[]): {
  metrics: string[];
  actions: string[];
  channels: string[];
} {
  const atoms = injects.flatMap(({ value }) =>
    value.trigger.type === 'condition' ? conditionAtoms(value.trigger.condition) : [],
  );
  const moved = injects.flatMap(({ value }) =>
    value.effects.flatMap((e) => (e.type === 'metric' ? [e.metric] : [])),
  );
  return {
    metrics: [...atoms.flatMap((a) => ('metric' in a ? [a.metric] : [])), ...moved],
    actions: atoms.flatMap((a) => ('action' in a ? [a.action] : 'vote' in a ? [a.vote] : [])),
    channels: injects.map(({ value }) => value.channel),
  };
}

/**
 * The scenario's own cross-reference checks, run on the imported injects in place of the scenario's.
 * Without a scenario there is nothing to check roles, objectives, metrics, actions, channels and
 * rounds against, so every id the injects name counts as declared; numbers and ids must still be
 * unique among the rows.
 */
function partsFor(
  injects: { index: number; value: Inject }[],
  declaredIds: { index: number; value: string }[],
  scenario: Scenario | undefined,
): ScenarioParts {
  const section = { path: ['injects'], entries: injects, declared: declaredIds, complete: true };
  if (scenario !== undefined) return { ...partsOfScenario(scenario), injects: section };
  const named = (ids: string[]) => {
    const unique = [...new Set(ids)];
    return {
      path: [],
      entries: [],
      declared: unique.map((value, index) => ({ index, value })),
      complete: false,
    };
  };
  const empty = { path: [], entries: [], declared: [], complete: true };
  const names = namedByInjects(injects);
  return {
    roles: named(injects.flatMap((i) => (i.value.audience === 'all' ? [] : i.value.audience))),
    objectives: named(injects.flatMap((i) => i.value.objectives)),
    actions: named(names.actions) as ScenarioParts['actions'],
    injects: section,
    checkpoints: empty,
    endStates: empty,
    rubric: empty,
    metrics: named(
      names.metrics.filter((m) => !(METRIC_NAMES as readonly string[]).includes(m)),
    ) as ScenarioParts['metrics'],
    modules: empty,
    infrastructure: true,
    categories: [],
    channels: [...new Set(names.channels)],
    tiles: undefined,
    injectChannels: [],
    actionCategories: [],
    rounds: undefined,
    decisionDefaults: undefined,
  };
}

/** Semantic messages name entries as `injects.N`; in a spreadsheet, the row's line says it. */
function withLines(message: string, rows: CsvRow[]): string {
  return message
    .replace(/\(injects\.(\d+)\)/g, (text, n: string) => {
      const row = rows[Number(n)];
      return row === undefined ? text : `(line ${row.line})`;
    })
    .replace(/injects\.(\d+)/g, (text, n: string) => {
      const row = rows[Number(n)];
      return row === undefined ? text : `the row on line ${row.line}`;
    });
}

/** The inject as a scenario file would write it: defaults left out, fields in the schema's order. */
function tidy(inject: Inject): InjectInput {
  return {
    id: inject.id,
    number: inject.number,
    title: inject.title,
    trigger: inject.trigger,
    ...(inject.audience === 'all' ? {} : { audience: inject.audience }),
    channel: inject.channel,
    from: inject.from,
    subject: inject.subject,
    body: inject.body,
    ...(inject.expectedActions.length > 0 ? { expectedActions: inject.expectedActions } : {}),
    ...(inject.discussionQuestions.length > 0 ? { discussionQuestions: inject.discussionQuestions } : {}),
    ...(inject.objectives.length > 0 ? { objectives: inject.objectives } : {}),
    ...(inject.effects.length > 0 ? { effects: inject.effects } : {}),
    ...(inject.facilitatorNotes === '' ? {} : { facilitatorNotes: inject.facilitatorNotes }),
    ...(inject.contingency ? { contingency: true } : {}),
  };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function importMselCsv(csvText: string, options: ImportMselOptions): ImportMselResult {
  const { fileName, mapping = {}, scenario } = options;
  const problems: MselProblem[] = [];
  const report: ProblemSink = (problem) => problems.push({ file: fileName, ...problem });
  const done = (): ImportMselResult => ({
    ok: false,
    problems: problems
      .map((problem, order) => ({ problem, order }))
      .sort(
        (a, b) => a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.order - b.order,
      )
      .map(({ problem }) => problem),
  });

  const maxBytes = options.maxBytes ?? MSEL_MAX_BYTES;
  const tooLarge = mselSizeProblem(
    fileName,
    csvText.length > maxBytes ? csvText.length : utf8Length(csvText),
    maxBytes,
  );
  if (tooLarge) return { ok: false, problems: [tooLarge] };

  const rows = readCsv(csvText, report);
  if (problems.length > 0) return done(); // past a broken quote, the cells are not the author's
  const [header, ...data] = rows;
  if (header === undefined) {
    report({
      line: 1,
      column: 1,
      path: '(header)',
      code: 'header',
      message: `the file is empty; its first row names the columns: ${MSEL_COLUMNS.map((c) => c.header).join(', ')}`,
    });
    return done();
  }
  const layout = layoutOf(header, mapping, report);
  if (layout === undefined) return done();

  const width = header.cells.length;
  const readings = data.map((row) => {
    row.cells.forEach((text, i) => {
      if (i >= width && text.trim() !== '') {
        report({
          line: row.line,
          column: i + 1,
          path: '(row)',
          code: 'cell',
          message: `this cell is outside the header's ${width} columns; add a header for it or move it`,
        });
      }
    });
    return readRow({ columnOf: layout.columnOf, scenario, row, report });
  });
  assignIds(readings);

  const valid: { index: number; value: Inject }[] = [];
  readings.forEach((reading, index) => {
    const row = data[index]!;
    const parsed = parseFields(injectSchema, reading.raw);
    if (parsed.success) {
      // A row whose unreadable cells were left out still takes part in the cross-checks.
      valid.push({ index, value: parsed.data });
      return;
    }
    for (const issue of parsed.issues) {
      if (isReported(reading, issue.path)) continue;
      const column = locate(reading, issue.path);
      report({
        line: row.line,
        column,
        path: formatScenarioPath(issue.path),
        code: 'schema',
        message: `${issue.message} (column ${columnLetter(column)})`,
      });
    }
  });

  const declared = readings.flatMap((reading, index) =>
    typeof reading.raw.id === 'string' ? [{ index, value: reading.raw.id }] : [],
  );
  const channels = readings.flatMap((reading, index) =>
    typeof reading.raw.channel === 'string' ? [{ index, value: reading.raw.channel }] : [],
  );
  for (const problem of checkScenarioParts({
    ...partsFor(valid, declared, scenario),
    injectChannels: channels,
  })) {
    const [section, index, ...path] = problem.path;
    if (section !== 'injects' || typeof index !== 'number') continue;
    const reading = readings[index]!;
    if (isReported(reading, path)) continue;
    const column = locate(reading, path);
    report({
      line: data[index]!.line,
      column,
      path: formatScenarioPath(path),
      code: 'semantic',
      message: `${withLines(problem.message, data)} (column ${columnLetter(column)})`,
    });
  }

  if (problems.length > 0) return done();
  return { ok: true, injects: valid.map(({ value }) => tidy(value)), ignoredColumns: layout.ignored };
}
