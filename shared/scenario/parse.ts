import { type Document, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import { aliasExpansionNodes } from './alias-expansion';
import { partsOfRawScenario } from './parts';
import {
  formatScenarioPath,
  type ScenarioPath,
  type ScenarioProblem,
  type ScenarioProblemCode,
} from './problem';
import { SAFE_YAML_OPTIONS } from './safe-yaml';
import { type Scenario, scenarioSchema } from './schema';
import { parseFields } from './schema-issues';
import { checkScenarioParts, checkScenarioSemantics } from './semantics';
import { createSourceMap } from './source-map';

/**
 * Loads a scenario from text (YAML, or JSON, which YAML 1.2 reads as well) and reports every
 * problem as `file:line:column path.to.field: message`: YAML syntax, the schema and the semantic
 * checks together, not only the first. Isomorphic: reading the file is the caller's job.
 *
 * Safe on hostile input: the size is checked before parsing; only YAML's core schema is accepted
 * (no custom or language tags such as !!js/function, which some YAML loaders execute); alias
 * expansion is capped, so a "billion laughs" file is refused in milliseconds; duplicate keys are
 * errors rather than silently overwriting each other.
 */

/** 1 MiB: the flagship scenario is well under 100 KB; anything near this size is a mistake or an attack. */
export const SCENARIO_MAX_BYTES = 1024 * 1024;

/**
 * yaml's measure of alias expansion (each alias weighted by the aliases inside what it points at).
 * 100 allows an anchor such as a shared decision rule to be reused across a large action catalog.
 */
export const SCENARIO_MAX_ALIAS_COUNT = 100;

/**
 * Values that aliases may add when expanded (see alias-expansion.ts). A shared decision rule reused
 * by 100 actions adds about a thousand; the limit leaves room for a hundred times that.
 */
export const SCENARIO_MAX_ALIAS_NODES = 100_000;

export interface ParseScenarioOptions {
  maxBytes?: number;
  maxAliasCount?: number;
  maxAliasNodes?: number;
}

export type ParseScenarioResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; problems: ScenarioProblem[] };

/** UTF-8 length without allocating an encoded copy. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function megabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

/**
 * The problem for a file over the size limit, or undefined. Callers that read files (the CLI, the
 * server) can call this with the file's size before reading it.
 */
export function scenarioSizeProblem(
  fileName: string,
  bytes: number,
  maxBytes = SCENARIO_MAX_BYTES,
): ScenarioProblem | undefined {
  if (bytes <= maxBytes) return undefined;
  return {
    file: fileName,
    line: 1,
    column: 1,
    path: formatScenarioPath([]),
    code: 'too-large',
    message: `the file is ${megabytes(bytes)} (${bytes} bytes); scenario files are limited to ${megabytes(maxBytes)}, so it was not read`,
  };
}

const SOFT_YAML_ERRORS = new Set(['DUPLICATE_KEY']);

export function parseScenario(
  text: string,
  fileName: string,
  options: ParseScenarioOptions = {},
): ParseScenarioResult {
  const maxBytes = options.maxBytes ?? SCENARIO_MAX_BYTES;
  // Every UTF-16 unit is at least one UTF-8 byte, so a long string is refused without counting.
  const tooLarge = scenarioSizeProblem(
    fileName,
    text.length > maxBytes ? text.length : utf8Length(text),
    maxBytes,
  );
  if (tooLarge) return { ok: false, problems: [tooLarge] };

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...SAFE_YAML_OPTIONS, lineCounter });
  const sourceMap = createSourceMap(doc, lineCounter, text);
  const problems: ScenarioProblem[] = [];
  const add = (
    code: ScenarioProblemCode,
    position: { line: number; column: number },
    path: ScenarioPath,
    message: string,
  ) => problems.push({ file: fileName, ...position, path: formatScenarioPath(path), message, code });
  const addAtOffset = (code: ScenarioProblemCode, offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    add(code, { line, column: col }, sourceMap.pathAt(offset), message);
  };

  // One syntax error tends to cascade into several on the same line; the first is the one to fix.
  const linesWithSyntaxErrors = new Set<number>();
  const taggedPaths = new Set<string>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    const offset = error.pos[0];
    const { line, col } = lineCounter.linePos(offset);
    const path = error.code === 'MULTIPLE_DOCS' ? [] : sourceMap.pathAt(offset);
    const { code, message } = describeYamlError(error, text, path);
    if (linesWithSyntaxErrors.has(line)) continue;
    if (code === 'yaml-syntax') linesWithSyntaxErrors.add(line);
    if (code === 'custom-tag') taggedPaths.add(formatScenarioPath(path));
    add(code, { line, column: col }, path, message);
  }
  if (doc.errors.some((error) => !SOFT_YAML_ERRORS.has(error.code))) return failed(problems);

  if (doc.contents === null) {
    add(
      'schema',
      { line: 1, column: 1 },
      [],
      'the file is empty; a scenario starts with id, title, version, ...',
    );
    return failed(problems);
  }

  const aliasLimit = options.maxAliasCount ?? SCENARIO_MAX_ALIAS_COUNT;
  const nodeLimit = options.maxAliasNodes ?? SCENARIO_MAX_ALIAS_NODES;
  const refuseAliases = (detail: string) => {
    addAtOffset(
      'alias-limit',
      firstAliasOffset(doc),
      `${detail}; the file was refused, as it multiplies its content the way a "billion laughs" attack does`,
    );
    return failed(problems);
  };
  const expansion = aliasExpansionNodes(doc);
  if (expansion > nodeLimit) {
    return refuseAliases(
      Number.isFinite(expansion)
        ? `aliases (*name) expand to ${expansion} more values (limit ${nodeLimit})`
        : 'an alias (*name) refers to the value that contains it, so it expands without end',
    );
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: aliasLimit });
  } catch (error) {
    if (error instanceof ReferenceError && /Excessive alias count/.test(error.message)) {
      return refuseAliases(`one anchor is used through aliases (*name) more than ${aliasLimit} times`);
    }
    addAtOffset('yaml-syntax', firstAliasOffset(doc), `cannot resolve aliases: ${String(error)}`);
    return failed(problems);
  }

  const parsed = parseFields(scenarioSchema, data);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      // A value with a refused tag was read as text; its type error would only repeat the tag problem.
      if (taggedPaths.has(formatScenarioPath(issue.path))) continue;
      let message = issue.message;
      const source = issue.quoteHint ? sourceMap.plainScalarSource(issue.path) : undefined;
      if (source !== undefined)
        message += ` (YAML reads ${source} as a value, not text: put it in quotes, "${source}")`;
      add('schema', sourceMap.locate(issue.path, issue.at), issue.path, message);
    }
  }
  const semantic = parsed.success
    ? checkScenarioSemantics(parsed.data)
    : checkScenarioParts(partsOfRawScenario(data));
  for (const problem of semantic)
    add('semantic', sourceMap.locate(problem.path), problem.path, problem.message);

  if (parsed.success && problems.length === 0) return { ok: true, scenario: parsed.data };
  return failed(problems);
}

function failed(problems: ScenarioProblem[]): ParseScenarioResult {
  const sorted = problems
    .map((problem, order) => ({ problem, order }))
    .sort(
      (a, b) => a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.order - b.order,
    )
    .map(({ problem }) => problem);
  return { ok: false, problems: sorted };
}

function describeYamlError(
  error: YAMLError,
  text: string,
  path: ScenarioPath,
): { code: ScenarioProblemCode; message: string } {
  const written = text.slice(error.pos[0], error.pos[1]);
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return {
        code: 'duplicate-key',
        message: `duplicate key "${path.at(-1) ?? written}": a key may appear only once in a mapping`,
      };
    case 'TAG_RESOLVE_FAILED':
      return {
        code: 'custom-tag',
        message: `the tag ${written} is not allowed: scenario files use plain YAML values (text, numbers, true/false, lists and mappings) only`,
      };
    case 'TAB_AS_INDENT':
      return { code: 'yaml-syntax', message: 'a tab is used for indentation; YAML indents with spaces only' };
    case 'MULTIPLE_DOCS':
      return {
        code: 'yaml-syntax',
        message: 'a scenario file holds a single YAML document; remove the extra "---"',
      };
    default:
      return { code: 'yaml-syntax', message: `invalid YAML: ${error.message}` };
  }
}

function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}
