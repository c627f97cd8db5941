import Papa from 'papaparse';
import type { ProblemSink } from './problems';

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  cells: string[];
}

/**
 * Rows with the line each starts on. Line breaks are made LF first (spreadsheets write CRLF, and
 * old Macs CR), so that line numbers count the way editors count and Markdown in cells stays LF.
 */
export function readCsv(text: string, report: ProblemSink): CsvRow[] {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: CsvRow[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(normalized, {
    delimiter: delimiterOf(normalized),
    newline: '\n',
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      for (const error of result.errors) {
        report({
          line,
          column: Math.max(1, result.data.length),
          path: '(row)',
          code: 'csv-syntax',
          message: csvErrorMessage(error),
        });
      }
      if (result.data.some((cell) => cell.trim() !== '')) rows.push({ line, cells: result.data });
      line += countLineBreaks(normalized, start, end);
      start = end;
    },
  });
  return rows;
}

/**
 * The separator the header row uses most: "," as exported, ";" from Excel where the decimal separator
 * is a comma, tab from tools that export tab-separated text. Decided from the header alone, as
 * guessing from the data misreads rows whose text is full of ";" or ",".
 */
function delimiterOf(text: string): string {
  const header = /^\s*([^\n]*)/.exec(text)?.[1] ?? '';
  const outsideQuotes = header.replace(/"[^"]*"/g, '');
  const count = (delimiter: string) => outsideQuotes.split(delimiter).length - 1;
  return [',', ';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best));
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function csvErrorMessage(error: Papa.ParseError): string {
  switch (error.code) {
    case 'MissingQuotes':
      return 'a quoted cell is never closed: a " opens it and no " ends it, so the rest of the file was read into this cell';
    case 'InvalidQuotes':
      return 'a quoted cell has text after its closing quote; inside a quoted cell, write a quote as two quotes ("")';
    default:
      return `invalid CSV: ${error.message}`;
  }
}
