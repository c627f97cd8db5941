/**
 * The MSEL (a scenario's `injects:`) as a spreadsheet. Facilitators keep their Master Scenario Events
 * List in spreadsheets, and the exercise tools they use import and export it as CSV with a column
 * mapping (HSEEP MSEL templates, Conducttr's inject import; research/facilitation.md, "MSEL columns"
 * and "What users ask for" item 3). The export writes one row per inject under the columns of
 * MSEL_COLUMNS; the import reads those columns, the usual spreadsheet names for them, or any column
 * the caller maps, and checks every row with the scenario schema, reporting each problem at the
 * CSV line of its row and the column of its cell, all of them at once.
 *
 * Isomorphic: papaparse and yaml run in the browser and in Node alike; reading files is the caller's.
 */
export {
  columnLetter,
  MSEL_COLUMNS,
  MSEL_FIELDS,
  type MselColumn,
  type MselField,
  type MselMappingTarget,
} from './columns';
export { exportMselCsv } from './export-csv';
export type { IgnoredColumn } from './header-layout';
export { type ImportMselOptions, type ImportMselResult, type InjectInput, importMselCsv } from './import-csv';
export { formatInjectTime, parseInjectTime } from './inject-time';
export {
  formatMselProblem,
  MSEL_MAX_BYTES,
  type MselProblem,
  type MselProblemCode,
  mselSizeProblem,
} from './problems';
export { replaceInjects, sameInject } from './replace-injects';
