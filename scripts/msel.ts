// `npm run scenario:msel -- export <scenario.yaml> [out.csv]` writes the scenario's MSEL (its injects)
// as CSV for a spreadsheet: to out.csv (with a byte-order mark, so Excel reads it as UTF-8), or to
// standard output.
// `npm run scenario:msel -- import <scenario.yaml> <msel.csv> [--map "Header=field" ...] [--write]`
// reads an MSEL spreadsheet, checks every row against the scenario and prints every problem as
// `file:line:column path: message`; with --write, and only when there is none, it replaces the
// scenario's `injects:` with the imported ones, leaving the rest of the file as it was.
// Exit code 0 on success, 1 on any problem, 2 on bad usage.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import {
  formatScenarioProblem,
  parseScenario,
  type Scenario,
  scenarioSizeProblem,
} from '../shared/scenario/index';
import {
  exportMselCsv,
  formatMselProblem,
  importMselCsv,
  mselSizeProblem,
  replaceInjects,
} from '../shared/scenario/msel/index';

const USAGE = `usage:
  npm run scenario:msel -- export <scenario.yaml> [out.csv]
  npm run scenario:msel -- import <scenario.yaml> <msel.csv> [--map "Header=field" ...] [--write]`;

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(2);
}

function fail(lines: string[]): never {
  for (const line of lines) console.log(line);
  process.exit(1);
}

interface FileProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

const formatProblem = (problem: FileProblem) =>
  `${problem.file}:${problem.line}:${problem.column} ${problem.path}: ${problem.message}`;

/**
 * A file's text; on failure, prints why it could not be read and exits 1. The size is checked
 * before reading, so a huge file is never loaded.
 */
function readText(
  file: string,
  sizeProblem: (file: string, bytes: number) => FileProblem | undefined,
): string {
  let problem: FileProblem | undefined;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    problem = sizeProblem(file, stat.size);
    if (problem === undefined) return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    problem = { file, line: 1, column: 1, path: '(root)', message: `cannot read the file: ${reason}` };
  }
  fail([formatProblem(problem)]);
}

const scenarioSize = (file: string, bytes: number) => scenarioSizeProblem(file, bytes);
const mselSize = (file: string, bytes: number) => mselSizeProblem(file, bytes);

/**
 * The scenario the MSEL is checked against. A file whose only problems are in its injects is still
 * usable: those injects are the ones an import replaces.
 */
function loadScenario(file: string, text: string, forImport: boolean): Scenario {
  const parsed = parseScenario(text, file);
  if (parsed.ok) return parsed.scenario;
  if (forImport) {
    const withoutInjects = parseDocument(text);
    withoutInjects.delete('injects');
    const rest = parseScenario(withoutInjects.toString(), file);
    if (rest.ok) {
      console.error(`note: ${file} has problems in its injects; they are the ones this import replaces`);
      return rest.scenario;
    }
  }
  fail(parsed.problems.map(formatScenarioProblem));
}

/** Written beside the file and renamed over it, so an interrupted write never leaves half a file. */
function atomicWrite(file: string, text: string): void {
  const temporary = `${file}.msel-${process.pid}.tmp`;
  const mode = existsSync(file) ? statSync(file).mode : undefined;
  writeFileSync(temporary, text, mode === undefined ? {} : { mode });
  renameSync(temporary, file);
}

function exportCommand(args: string[]): void {
  const [scenarioFile, outFile, ...extra] = args;
  if (scenarioFile === undefined || extra.length > 0) usage();
  const scenario = loadScenario(scenarioFile, readText(scenarioFile, scenarioSize), false);
  const csv = exportMselCsv(scenario);
  if (outFile === undefined) {
    process.stdout.write(csv);
    return;
  }
  // Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark; the import skips it.
  atomicWrite(outFile, `\uFEFF${csv}`);
  console.error(`wrote ${scenario.injects.length} injects to ${outFile}`);
}

interface ImportArgs {
  scenarioFile: string;
  csvFile: string;
  mapping: Record<string, string>;
  write: boolean;
}

function parseImportArgs(args: string[]): ImportArgs {
  const positional: string[] = [];
  const mapping: Record<string, string> = {};
  let write = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--write') write = true;
    else if (arg === '--map' || arg.startsWith('--map=')) {
      const value = arg === '--map' ? args[++i] : arg.slice('--map='.length);
      // Headers may hold "=", field names never do: split at the last one.
      const at = value?.lastIndexOf('=') ?? -1;
      if (value === undefined || at <= 0) usage(`--map takes "Header=field", got ${value ?? 'nothing'}`);
      mapping[value.slice(0, at).trim()] = value.slice(at + 1).trim();
    } else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [scenarioFile, csvFile, ...extra] = positional;
  if (scenarioFile === undefined || csvFile === undefined || extra.length > 0) usage();
  return { scenarioFile, csvFile, mapping, write };
}

function importCommand(args: string[]): void {
  const { scenarioFile, csvFile, mapping, write } = parseImportArgs(args);
  const scenarioText = readText(scenarioFile, scenarioSize);
  const scenario = loadScenario(scenarioFile, scenarioText, true);
  const csv = readText(csvFile, mselSize);
  const result = importMselCsv(csv, { fileName: csvFile, mapping, scenario });
  if (!result.ok) fail(result.problems.map(formatMselProblem));
  for (const ignored of result.ignoredColumns) {
    console.error(`note: column "${ignored.header}" was not read: ${ignored.reason}`);
  }
  if (!write) {
    console.log(`OK ${csvFile}: ${result.injects.length} injects`);
    console.error(`(nothing written; add --write to replace the injects of ${scenarioFile})`);
    return;
  }
  // Unchanged injects keep their exact text; only the ones the spreadsheet changed are rewritten.
  const updated = replaceInjects(scenarioText, result.injects);
  const check = parseScenario(updated, scenarioFile);
  if (!check.ok) {
    fail([
      `not written: ${scenarioFile} with the imported injects would not be valid:`,
      ...check.problems.map(formatScenarioProblem),
    ]);
  }
  atomicWrite(scenarioFile, updated);
  console.log(`wrote ${result.injects.length} injects to ${scenarioFile}`);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'export') exportCommand(rest);
else if (command === 'import') importCommand(rest);
else usage(command === undefined ? undefined : `unknown command "${command}"`);
