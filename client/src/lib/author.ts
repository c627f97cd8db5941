import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { ScenarioProblem } from '../../../shared/scenario/problem';
import type { YamlPath } from '../../../shared/scenario/yaml-edit';
import { scenarioEffectSchema } from '../../../shared/sim/effects';

/**
 * Helpers of the author page (routes/author.tsx). The rules are the scenario code's own
 * (shared/scenario: parseScenario, replaceInjects, setYamlValue); these only adapt them to forms.
 */

/** A raw inject as the file holds it (maybe invalid while the author types). */
export type RawInject = Record<string, unknown> & { id?: unknown; number?: unknown; title?: unknown };

/** The problems at `path` or inside it (e.g. `injects.3` has `injects.3.from`). */
export function problemsAt(
  problems: readonly ScenarioProblem[],
  path: YamlPath,
  exact = false,
): ScenarioProblem[] {
  const key = path.join('.');
  return problems.filter((p) => p.path === key || (!exact && p.path.startsWith(`${key}.`)));
}

/** The file's injects as written, whatever their state: the MSEL editor works on these. */
export function rawInjects(text: string): RawInject[] {
  try {
    const injects: unknown = parseDocument(text).toJS()?.injects;
    return Array.isArray(injects) ? (injects.filter((i) => i && typeof i === 'object') as RawInject[]) : [];
  } catch {
    return [];
  }
}

/** A fresh inject for the timeline: the author still has to say who sends it (the form shows that problem). */
export function newInject(existing: readonly RawInject[], trigger: Record<string, unknown>): RawInject {
  const numbers = existing.map((i) => (typeof i.number === 'number' ? i.number : 0));
  const number = Math.max(0, ...numbers) + 1;
  const ids = new Set(existing.map((i) => i.id));
  let n = number;
  while (ids.has(`inject-${n}`)) n++;
  return {
    id: `inject-${n}`,
    number,
    title: 'New inject',
    trigger,
    audience: 'all',
    channel: 'email',
    from: '',
    subject: 'New inject',
    body: 'What happens.\n',
  };
}

/** How an inject is placed on the timeline. */
export function whenOf(inject: RawInject): { lane: string; order: number; label: string } {
  const trigger = (inject.trigger ?? {}) as Record<string, unknown>;
  switch (trigger.type) {
    case 'scheduled':
      return {
        lane: `Round ${String(trigger.round)}`,
        order: Number(trigger.round) * 10,
        label: `round ${String(trigger.round)}, ${String(trigger.phase)}`,
      };
    case 'day':
      return { lane: 'By simulated day', order: 1000, label: `day ${String(trigger.day)}` };
    case 'condition': {
      const c = (trigger.condition ?? {}) as Record<string, unknown>;
      return {
        lane: 'When a condition holds',
        order: 2000,
        label: `when ${String(c.metric)} ${String(c.comparison)} ${String(c.threshold)}`,
      };
    }
    default:
      return { lane: 'By hand (manual)', order: 3000, label: 'fired by hand' };
  }
}

export function audienceText(audience: unknown): string {
  return Array.isArray(audience) ? audience.join(', ') : 'all';
}

/** One field of an effect type, as the author page's effect card edits it. */
export interface EffectField {
  key: string;
  /** The allowed values of an enumerated field; undefined for a number (or a parameter reference) or a switch. */
  options?: readonly string[];
  boolean?: true;
  /** A free id, e.g. the metric a `metric` effect moves (one of the scenario's `metrics:`). */
  text?: true;
  optional: boolean;
}

/**
 * Every effect type of the scenario format with its fields, read from the schema itself
 * (shared/sim/effects.ts), so a new effect type appears on the author page without a change here.
 * Fields that are not a number, a choice or a switch (a funding round's conditions) are left to the
 * YAML view.
 */
export const EFFECT_TYPES: ReadonlyMap<string, readonly EffectField[]> = new Map(
  scenarioEffectSchema.options.map((option) => {
    const shape = option.shape as Record<string, z.ZodType>;
    const type = String((shape.type as z.ZodLiteral<string>).value);
    const fields: EffectField[] = [];
    for (const [key, field] of Object.entries(shape)) {
      if (key === 'type') continue;
      const optional = field instanceof z.ZodOptional;
      const inner = optional ? (field as z.ZodOptional<z.ZodType>).unwrap() : field;
      if (inner instanceof z.ZodEnum) fields.push({ key, options: inner.options as string[], optional });
      else if (inner instanceof z.ZodBoolean) fields.push({ key, boolean: true, optional });
      else if (inner instanceof z.ZodString) fields.push({ key, text: true, optional });
      else if (inner instanceof z.ZodUnion || inner instanceof z.ZodNumber) fields.push({ key, optional });
    }
    return [type, fields] as const;
  }),
);

/** A new effect of `type` with every required field set: the first choice, or 0. */
export function effectTemplate(type: string): Record<string, unknown> {
  const item: Record<string, unknown> = { type };
  for (const field of EFFECT_TYPES.get(type) ?? []) {
    if (!field.optional)
      item[field.key] = field.options
        ? field.options[0]
        : field.boolean
          ? false
          : field.text
            ? 'new-metric'
            : 0;
  }
  return item;
}

/** An id that is not taken yet: `base`, else `base-2`, `base-3`… */
export function freshId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A new list item with a fresh id and the fields it must have to validate. */
export function newItem(
  base: string,
  taken: readonly string[],
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return { id: freshId(`new-${base}`, taken), ...fields };
}

export const newRole = (taken: readonly string[]) =>
  newItem('role', taken, {
    name: 'New role',
    publicBrief: 'What everyone knows about this role.',
    privateBrief: 'What only this role knows.',
    authority: { propose: [], approve: [], veto: [], vote: true },
  });

/**
 * What a new item starts from, read from the scenario being edited: its first own metric and
 * category when it declares them (issue 16), else the infrastructure model's, so a new action,
 * objective or end state validates in either kind of exercise.
 */
export interface TemplateModel {
  metric: string;
  category: string;
  effect: Record<string, unknown>;
}

const INFRASTRUCTURE_TEMPLATE: TemplateModel = {
  metric: 'user-trust',
  category: 'communication',
  effect: effectTemplate('morale'),
};

export function templateModel(scenario: unknown): TemplateModel {
  const field = (key: string): unknown =>
    scenario !== null && typeof scenario === 'object'
      ? (scenario as Record<string, unknown>)[key]
      : undefined;
  const firstId = (key: string): string | undefined => {
    const list = field(key);
    const first = Array.isArray(list) ? (list[0] as { id?: unknown } | undefined) : undefined;
    return typeof first?.id === 'string' ? first.id : undefined;
  };
  const metric = firstId('metrics');
  return {
    metric: metric ?? INFRASTRUCTURE_TEMPLATE.metric,
    category: firstId('categories') ?? INFRASTRUCTURE_TEMPLATE.category,
    effect: metric ? { type: 'metric', metric, op: 'add', value: 1 } : INFRASTRUCTURE_TEMPLATE.effect,
  };
}

export const newAction = (taken: readonly string[], model: TemplateModel = INFRASTRUCTURE_TEMPLATE) =>
  newItem('action', taken, {
    title: 'New action',
    description: 'What the table decides to do.',
    category: model.category,
    ...(model.effect.type === 'metric' ? {} : { cost: { capexUsd: 0, opexUsdPerMonth: 0 } }),
    effects: [model.effect],
  });

export const newObjective = (
  taken: readonly string[],
  byDay: number,
  model: TemplateModel = INFRASTRUCTURE_TEMPLATE,
) =>
  newItem('objective', taken, {
    title: 'New objective',
    test: { metric: model.metric, comparison: '>=', threshold: 50 },
    byDay,
  });

/** A new end state's condition on the scenario's first metric. */
export const newEndCondition = (model: TemplateModel = INFRASTRUCTURE_TEMPLATE) => ({
  metric: model.metric,
  comparison: '<',
  threshold: 20,
});
