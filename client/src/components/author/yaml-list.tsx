// biome-ignore-all lint/suspicious/noArrayIndexKey: an item's identity here is its position in the file (its YAML path)
import { type ReactNode, useId } from 'react';
import type { ScenarioProblem } from '../../../../shared/scenario/problem';
import type { YamlPath } from '../../../../shared/scenario/yaml-edit';
import { problemsAt } from '../../lib/author';
import { FieldProblems, useAuthorForm } from './yaml-field';

type Item = Record<string, unknown>;

/**
 * A list of the scenario (roles, actions, objectives, end states, rubric dimensions, effects) as
 * cards: each card is rendered by `children` at its YAML path and can be removed; "Add" appends
 * `template()` to the file. Edits go through the YAML document, so the rest of the file stays as
 * written (shared/scenario/yaml-edit.ts).
 */
export function YamlList({
  path,
  items,
  noun,
  legend,
  template,
  onAppend,
  onRemove,
  children,
  nested = false,
}: {
  path: YamlPath;
  items: readonly Item[];
  /** What one item is called, for the buttons: "role", "effect". */
  noun: string;
  legend: (item: Item, index: number) => string;
  template: () => Item;
  onAppend: (path: YamlPath, item: Item) => void;
  onRemove: (path: YamlPath) => void;
  children: (item: Item, path: YamlPath, index: number) => ReactNode;
  /** A list inside a card (an action's effects): smaller cards. */
  nested?: boolean;
}) {
  return (
    <div className={nested ? 'author-list nested' : 'author-list'}>
      {items.map((item, i) => {
        const at = [...path, i];
        return (
          <fieldset key={`${String(item.id ?? item.type ?? '')}-${i}`} className="author-card">
            <legend>{legend(item, i)}</legend>
            {children(item, at, i)}
            <button
              type="button"
              className="secondary small"
              onClick={() => onRemove(at)}
              aria-label={`Remove ${noun} ${legend(item, i)}`}
            >
              Remove {noun}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={() => onAppend(path, template())}>
        Add {/^[aeiou]/.test(noun) ? 'an' : 'a'} {noun}
      </button>
    </div>
  );
}

/**
 * A set of choices stored as a YAML list of strings (a role's authority by category, an action's
 * prerequisites, a rubric dimension's objectives): one checkbox per option.
 */
export function YamlChecks({
  label,
  path,
  value,
  options,
  ...own
}: {
  label: string;
  path: YamlPath;
  value: unknown;
  options: readonly { value: string; label: string }[];
  problems?: readonly ScenarioProblem[];
  onChange?: (path: YamlPath, value: unknown) => void;
}) {
  const id = useId();
  const { problems, onChange } = useAuthorForm(own);
  const chosen = Array.isArray(value) ? value.map(String) : [];
  const mine = problemsAt(problems, path);
  return (
    <fieldset
      className="field checks"
      aria-invalid={mine.length > 0 || undefined}
      aria-describedby={mine.length > 0 ? `${id}-problems` : undefined}
    >
      <legend>{label}</legend>
      {options.length === 0 && <p className="muted">Nothing to choose from yet.</p>}
      {options.map((option) => (
        <label key={option.value} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(option.value)}
            onChange={(e) => {
              const next = e.target.checked
                ? options.map((o) => o.value).filter((v) => v === option.value || chosen.includes(v))
                : chosen.filter((v) => v !== option.value);
              onChange(path, next);
            }}
          />{' '}
          {option.label}
        </label>
      ))}
      <FieldProblems id={`${id}-problems`} problems={mine} />
    </fieldset>
  );
}
