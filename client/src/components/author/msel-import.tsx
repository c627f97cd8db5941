// biome-ignore-all lint/suspicious/noArrayIndexKey: the forms and rows are bound to an item's position in the file (its YAML path, its CSV line), which is its identity here
import Papa from 'papaparse';
import { useId, useMemo, useState } from 'react';
import {
  formatMselProblem,
  type InjectInput,
  importMselCsv,
  MSEL_COLUMNS,
  MSEL_FIELDS,
  type MselProblem,
} from '../../../../shared/scenario/msel/index';
import type { Scenario } from '../../../../shared/scenario/schema';

const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The field a header is read as when nobody maps it: the export's header or one of its usual names. */
function guess(header: string): string {
  const key = normalize(header);
  const column = MSEL_COLUMNS.find(
    (c) =>
      normalize(c.header) === key ||
      normalize(c.field) === key ||
      c.aliases.some((a) => normalize(a) === key),
  );
  return column?.field ?? 'ignore';
}

const FIELD_LABELS = new Map(MSEL_COLUMNS.map((c) => [c.field as string, c.header]));

/**
 * Importing an MSEL spreadsheet: the file's headers on the left, the inject field each is read as on
 * the right (guessed from the usual MSEL names, changeable), and a preview of every row with the
 * problems of each cell, from the same import code as `npm run scenario:msel -- import`.
 */
export function MselImport({
  scenario,
  onImport,
}: {
  scenario: Scenario | undefined;
  onImport: (injects: InjectInput[], mode: 'add' | 'replace') => void;
}) {
  const fileId = useId();
  const [csv, setCsv] = useState<{ name: string; text: string }>();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<'add' | 'replace'>('add');

  const rows = useMemo(() => {
    if (!csv) return [];
    const parsed = Papa.parse<string[]>(csv.text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
    return parsed.data;
  }, [csv]);
  const headers = rows[0] ?? [];
  const result = useMemo(
    () =>
      csv
        ? importMselCsv(csv.text, { fileName: csv.name, mapping, ...(scenario ? { scenario } : {}) })
        : undefined,
    [csv, mapping, scenario],
  );
  const problems: MselProblem[] = result && !result.ok ? result.problems : [];
  const cellProblems = (line: number, column: number) =>
    problems.filter((p) => p.line === line && p.column === column);

  async function choose(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    const header = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: 1 }).data[0] ?? [];
    setMapping(Object.fromEntries(header.filter((h) => h.trim() !== '').map((h) => [h, guess(h)])));
    setCsv({ name: file.name, text });
  }

  return (
    <section className="msel-import" aria-labelledby="msel-import-heading">
      <h2 id="msel-import-heading">Import an MSEL spreadsheet (CSV)</h2>
      <div className="field">
        <label htmlFor={fileId}>CSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {csv && (
        <>
          <h3>1. Map the columns</h3>
          <table className="mapping-table">
            <thead>
              <tr>
                <th scope="col">Column in {csv.name}</th>
                <th scope="col">Read as</th>
              </tr>
            </thead>
            <tbody>
              {headers
                .filter((h) => h.trim() !== '')
                .map((header) => (
                  <tr key={header}>
                    <th scope="row">{header}</th>
                    <td>
                      <select
                        aria-label={`Read column ${header} as`}
                        value={mapping[header] ?? 'ignore'}
                        onChange={(e) => setMapping({ ...mapping, [header]: e.target.value })}
                      >
                        <option value="ignore">(not read)</option>
                        {MSEL_FIELDS.map((field) => (
                          <option key={field} value={field}>
                            {FIELD_LABELS.get(field) ?? field}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>

          <h3>2. Preview</h3>
          <p role="status">
            {result?.ok
              ? `${result.injects.length} injects read, no problems.`
              : `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix in the spreadsheet or the mapping.`}
          </p>
          <div className="table-scroll">
            <table className="msel-preview">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  {headers.map((h, i) => (
                    <th scope="col" key={`${h}-${i}`}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(1).map((row, r) => {
                  const line = r + 2;
                  if (row.every((cell) => cell.trim() === '')) return null;
                  return (
                    <tr key={line}>
                      <th scope="row">{line}</th>
                      {headers.map((h, c) => {
                        const mine = cellProblems(line, c + 1);
                        return (
                          <td key={`${h}-${c}`} className={mine.length > 0 ? 'cell-problem' : undefined}>
                            {row[c]}
                            {mine.map((p) => (
                              <span className="cell-problem-text" key={p.message}>
                                {p.message}
                              </span>
                            ))}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {problems.length > 0 && (
            <ul className="problem-list">
              {problems.map((p) => (
                <li key={formatMselProblem(p)}>{formatMselProblem(p)}</li>
              ))}
            </ul>
          )}
          <fieldset className="import-mode">
            <legend>3. Import</legend>
            <label>
              <input type="radio" name="msel-mode" checked={mode === 'add'} onChange={() => setMode('add')} />{' '}
              Add these injects to the MSEL
            </label>
            <label>
              <input
                type="radio"
                name="msel-mode"
                checked={mode === 'replace'}
                onChange={() => setMode('replace')}
              />{' '}
              Replace the MSEL with them
            </label>
            <button
              type="button"
              disabled={!result?.ok}
              onClick={() => {
                if (result?.ok) onImport(result.injects, mode);
                setCsv(undefined);
              }}
            >
              Import {result?.ok ? `${result.injects.length} injects` : ''}
            </button>
          </fieldset>
        </>
      )}
    </section>
  );
}
