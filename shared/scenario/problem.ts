/**
 * One problem found in a scenario file, located the way an author needs it: file, line and column
 * (1-based, as editors count), the dotted path of the field (`injects.3.trigger.round`) and a
 * message written for a facilitator rather than a programmer.
 */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path from the top of the file; `(root)` for the file as a whole. */
  path: string;
  message: string;
  /** Stable category, for tools and tests; the message is for people. */
  code: ScenarioProblemCode;
}

export type ScenarioProblemCode =
  | 'unreadable' // the file could not be read (reported by the callers that read files)
  | 'too-large' // the file is over the size limit and was not parsed
  | 'yaml-syntax' // the text is not well-formed YAML
  | 'duplicate-key' // a mapping repeats a key
  | 'custom-tag' // an explicit tag outside YAML's core schema (e.g. !!js/function)
  | 'alias-limit' // too many alias expansions ("billion laughs")
  | 'schema' // a field is missing, unknown, of the wrong type or out of range
  | 'semantic'; // the fields are well-formed but do not fit together (unknown id, weights, timing)

export type ScenarioPath = readonly (string | number)[];

export function formatScenarioPath(path: ScenarioPath): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/** `file:line:column path.to.field: message`, the format compilers use, so editors can jump to it. */
export function formatScenarioProblem(problem: ScenarioProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.path}: ${problem.message}`;
}
