import { useId } from 'react';
import type { YamlPath } from '../../../../shared/scenario/yaml-edit';
import { EFFECT_TYPES, effectTemplate, problemsAt } from '../../lib/author';
import { FieldProblems, useAuthorForm, YamlField } from './yaml-field';

const TYPES = [...EFFECT_TYPES.keys()];

/** A schema key as words: incidentRiskPerDay → incident risk per day, amountUsd → amount (USD). */
const words = (key: string) =>
  key
    .replace(/Usd(PerMonth)?$/, (_, month) => (month ? ' (USD per month)' : ' (USD)'))
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace('(usd', '(USD');

/**
 * One effect of an action or an inject: its type (changing it starts the effect afresh with that
 * type's fields) and each field the schema gives that type. A value that names one of the action's
 * parameters ({ param: id }) is shown as such and edited in the YAML view.
 */
export function EffectFields({ effect, path }: { effect: Record<string, unknown>; path: YamlPath }) {
  const id = useId();
  const { problems, onChange } = useAuthorForm({});
  const type = String(effect.type ?? '');
  const typeProblems = problemsAt(problems, [...path, 'type'], true);
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Effect type</label>
        <select
          id={id}
          value={type}
          aria-invalid={typeProblems.length > 0 || undefined}
          onChange={(e) => onChange(path, effectTemplate(e.target.value))}
        >
          {!EFFECT_TYPES.has(type) && <option value={type}>{type || '(none)'}</option>}
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <FieldProblems id={`${id}-problems`} problems={typeProblems} />
      </div>
      {(EFFECT_TYPES.get(type) ?? []).map((field) => {
        const value = effect[field.key];
        if (value !== null && typeof value === 'object') {
          const param = (value as { param?: unknown }).param;
          return (
            <p key={field.key} className="muted">
              {field.key}: set by the parameter “{String(param)}” (edit it in the YAML view)
            </p>
          );
        }
        return (
          <YamlField
            key={field.key}
            label={field.optional ? `${words(field.key)} (optional)` : words(field.key)}
            path={[...path, field.key]}
            value={value}
            kind={field.options ? 'select' : field.boolean ? 'boolean' : field.text ? 'text' : 'number'}
            {...(field.options ? { options: field.options } : {})}
          />
        );
      })}
    </>
  );
}
