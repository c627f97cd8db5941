import type { MselField } from './columns';

/** Every problem in an MSEL file, located like a scenario problem: the CSV line of the row and the cell's column. */
export interface MselProblem {
  file: string;
  /** 1-based line of the CSV text where the row starts (rows may span lines inside quoted cells). */
  line: number;
  /** 1-based index of the cell in its row: 1 is column A. */
  column: number;
  /** The inject field, e.g. `trigger.phase`; `(header)` for the header row, `(row)` for a row as a whole. */
  path: string;
  message: string;
  code: MselProblemCode;
}

export type MselProblemCode =
  | 'too-large' // the text is over MSEL_MAX_BYTES and was not read
  | 'csv-syntax' // the text is not well-formed CSV
  | 'header' // the header row lacks a needed column, or two columns give the same field
  | 'mapping' // the mapping names a column the file lacks, or a field that does not exist
  | 'cell' // a cell cannot be read as what its column holds (a time, yes/no, JSON, a role)
  | 'schema' // the inject the row describes fails the scenario schema
  | 'semantic'; // the injects do not fit together or with the scenario (numbers, ids, roles, rounds)

export function formatMselProblem(problem: MselProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.path}: ${problem.message}`;
}

/** An MSEL as large as the largest scenario file: its injects end up in one (SCENARIO_MAX_BYTES). */
export const MSEL_MAX_BYTES = 1024 * 1024;

/** The problem for a file over the size limit, or undefined; callers that read files check before reading. */
export function mselSizeProblem(
  fileName: string,
  bytes: number,
  maxBytes = MSEL_MAX_BYTES,
): MselProblem | undefined {
  if (bytes <= maxBytes) return undefined;
  return {
    file: fileName,
    line: 1,
    column: 1,
    path: '(root)',
    code: 'too-large',
    message: `the file is ${bytes} bytes; an MSEL is limited to ${maxBytes} bytes, so it was not read`,
  };
}

export type ProblemSink = (problem: Omit<MselProblem, 'file'>) => void;

/**
 * Reports a cell that cannot be read. With `suppress` (the default) the schema's issues under `path`
 * are not reported: they would only repeat it.
 */
export type CellProblem = (field: MselField, path: string, message: string, suppress?: boolean) => void;
