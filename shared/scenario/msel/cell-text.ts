/**
 * How values are written as cell text, by the export and read back by the import: formulas kept
 * inert, numbers, lists, yes/no, and the other words spreadsheets use for channels, comparisons and
 * "everyone".
 */

/**
 * Spreadsheets run a cell that starts with = + - or @ as a formula, which a shared scenario could
 * use to make the facilitator's spreadsheet fetch a URL or run a command (OWASP, "CSV Injection").
 * Such cells are written with a leading apostrophe, which spreadsheets read as "this is text"; the
 * import removes one apostrophe from a cell that starts with apostrophes then one of those
 * characters, so every text reads back exactly. Plain numbers ("-5") are left as they are.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
export const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function protectFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

export function unprotectFormula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The form of scenario ids (schema.ts); without a scenario, "To" must hold ids in it. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export const EVERYONE = new Set(['all', 'everyone', 'all players', 'all roles', 'everybody']);

/** Common channel names in MSEL templates (research/facilitation.md: email, phone, press, pager, memo). */
export const CHANNEL_ALIASES: Record<string, string> = {
  press: 'news',
  'press release': 'news',
  media: 'news',
  'e-mail': 'email',
  mail: 'email',
  page: 'pager',
  'pager alert': 'pager',
  alert: 'pager',
  memo: 'board-memo',
  'board memo': 'board-memo',
  'board-memo': 'board-memo',
  call: 'phone',
  'phone call': 'phone',
  telephone: 'phone',
  message: 'chat',
  'chat message': 'chat',
};

export const BOOLEAN_CELLS: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  '1': true,
  x: true,
  no: false,
  n: false,
  false: false,
  '0': false,
};

export const COMPARISON_ALIASES: Record<string, string> = { '≥': '>=', '≤': '<=', '=>': '>=', '=<': '<=' };

/** A number written the way spreadsheets write them ("2000", "-0.5", "2,000,000"); other text as it is. */
export function numberCell(text: string): number | string {
  const cell = text.trim();
  if (PLAIN_NUMBER.test(cell)) return Number(cell);
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cell)) return Number(cell.replaceAll(',', ''));
  return cell;
}

/** One item per line; blank lines are dropped. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Items separated by ";", "," or line breaks: ids and role names. */
export function listItems(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export type Reading<T> = { ok: true; value: T } | { ok: false; message: string };
