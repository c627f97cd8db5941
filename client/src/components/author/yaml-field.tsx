import { createContext, useContext, useId } from 'react';
import type { ScenarioProblem } from '../../../../shared/scenario/problem';
import type { YamlPath } from '../../../../shared/scenario/yaml-edit';
import { problemsAt } from '../../lib/author';

/** The problems of one field, right under it, tied to it for screen readers. */
export function FieldProblems({ id, problems }: { id: string; problems: readonly ScenarioProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems" id={id}>
      {problems.map((p) => (
        <li key={`${p.line}:${p.column}:${p.message}`}>
          line {p.line}: {p.message}
        </li>
      ))}
    </ul>
  );
}

/** What every field of the author page's forms shares: the validator's problems and the edit. */
export interface AuthorForm {
  problems: readonly ScenarioProblem[];
  onChange: (path: YamlPath, value: unknown) => void;
}
export const AuthorFormContext = createContext<AuthorForm>({ problems: [], onChange: () => {} });

/** The form's problems and edit, unless a field is given its own. */
export function useAuthorForm(own: Partial<AuthorForm>): AuthorForm {
  const shared = useContext(AuthorFormContext);
  return { problems: own.problems ?? shared.problems, onChange: own.onChange ?? shared.onChange };
}

/**
 * One scenario field as a form control: it shows the file's value at `path` and writes through
 * `onChange(path, value)`, which edits the YAML text in place; the validator's problems for that
 * path appear under it.
 */
export function YamlField({
  label,
  path,
  value,
  kind = 'text',
  options,
  ...own
}: {
  label: string;
  path: YamlPath;
  value: unknown;
  problems?: readonly ScenarioProblem[];
  onChange?: (path: YamlPath, value: unknown) => void;
  kind?: 'text' | 'multiline' | 'number' | 'select' | 'boolean';
  options?: readonly string[];
}) {
  const id = useId();
  const { problems, onChange } = useAuthorForm(own);
  const mine = problemsAt(problems, path, kind !== 'multiline');
  const text = value === undefined || value === null ? '' : String(value);
  const common = {
    id,
    'aria-invalid': mine.length > 0 || undefined,
    'aria-describedby': mine.length > 0 ? `${id}-problems` : undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {kind === 'boolean' ? (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(path, e.target.checked)}
        />
      ) : kind === 'multiline' ? (
        <textarea {...common} rows={4} value={text} onChange={(e) => onChange(path, e.target.value)} />
      ) : kind === 'select' ? (
        <select {...common} value={text} onChange={(e) => onChange(path, e.target.value)}>
          {!options?.includes(text) && <option value={text}>{text || '(none)'}</option>}
          {options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={kind === 'number' ? 'number' : 'text'}
          value={text}
          onChange={(e) => {
            const raw = e.target.value;
            onChange(
              path,
              kind === 'number' && raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw,
            );
          }}
        />
      )}
      <FieldProblems id={`${id}-problems`} problems={mine} />
    </div>
  );
}
