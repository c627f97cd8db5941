import { type CostCategory, type Effect, effectSchema, type NumberOrParam } from '../sim/effects';
import type { Action } from './schema';
import { onStep } from './step-grid';

/**
 * The cost line an action's price lands on when the action does not name one (`cost.category`).
 * Technical work is priced as compute; work bought from vendors, auditors, agencies or advisers as
 * managed services; hiring and product work as people.
 */
export const SPEND_CATEGORY_BY_ACTION_CATEGORY: Record<string, CostCategory> = {
  infrastructure: 'compute',
  architecture: 'compute',
  operations: 'managed-services',
  security: 'managed-services',
  compliance: 'managed-services',
  communication: 'managed-services',
  finance: 'managed-services',
  funding: 'managed-services',
  product: 'people',
  people: 'people',
};

export type ResolvedAction = {
  ok: true;
  /** The action's effects with every parameter reference replaced, plus its `spend` when it costs anything. */
  effects: Effect[];
  /** The parameter values used: the ones given, and defaults for the rest. */
  parameters: Record<string, number>;
  capexUsd: number;
  opexUsdPerMonth: number;
  /**
   * What the proposal costs for the purpose of approval thresholds (`whenSpendAboveUsd`): the
   * one-off capex plus one month of the recurring opex, i.e. the money committed before the next
   * monthly review could stop it.
   */
  spendUsd: number;
};

export type ActionResolution = ResolvedAction | { ok: false; code: 'invalid-parameters'; message: string };

function invalid(message: string): ActionResolution {
  return { ok: false, code: 'invalid-parameters', message };
}

/**
 * Turns a proposal (an action from the catalog with the values a player chose) into the plain
 * effects the simulation applies. Missing parameters take their defaults; an unknown parameter or a
 * value outside [min, max] or off the step grid is refused, so a proposal can never carry a value
 * the scenario author did not allow.
 */
export function resolveAction(action: Action, params: Record<string, number>): ActionResolution {
  // The same proposal is resolved when it is made and again when it is paid for, and a balance
  // report resolves the same few thousands of times: keep each answer, frozen, per action.
  let known = resolutions.get(action);
  if (!known) {
    known = new Map();
    resolutions.set(action, known);
  }
  const key = JSON.stringify(params);
  const cached = known.get(key);
  if (cached) return cached;
  const resolution = deepFreeze(resolveUncached(action, params));
  known.set(key, resolution);
  return resolution;
}

const resolutions = new WeakMap<Action, Map<string, ActionResolution>>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function resolveUncached(action: Action, params: Record<string, number>): ActionResolution {
  const declared = new Set(action.parameters.map((p) => p.id));
  const unknown = Object.keys(params).filter((id) => !declared.has(id));
  if (unknown.length > 0) {
    const allowed = declared.size > 0 ? `; it takes ${[...declared].join(', ')}` : '; it takes no parameters';
    return invalid(
      `action "${action.id}" has no parameter ${unknown.map((id) => `"${id}"`).join(', ')}${allowed}`,
    );
  }

  const values: Record<string, number> = {};
  for (const parameter of action.parameters) {
    const value = Object.hasOwn(params, parameter.id) ? params[parameter.id] : parameter.default;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return invalid(`${parameter.label} (${parameter.id}) must be a number`);
    }
    if (value < parameter.min || value > parameter.max) {
      return invalid(
        `${parameter.label} (${parameter.id}) must be between ${parameter.min} and ${parameter.max}, got ${value}`,
      );
    }
    if (!onStep(value, parameter.min, parameter.step)) {
      return invalid(
        `${parameter.label} (${parameter.id}) must be ${parameter.min} plus a whole number of steps of ${parameter.step}, got ${value}`,
      );
    }
    values[parameter.id] = value;
  }

  const resolve = (value: NumberOrParam): number | string => {
    if (typeof value === 'number') return value;
    const chosen = values[value.param];
    if (chosen === undefined) return `action "${action.id}" refers to an unknown parameter "${value.param}"`;
    return chosen * (value.times ?? 1);
  };

  const effects: Effect[] = [];
  for (const effect of action.effects) {
    const plain: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(effect)) {
      if (value !== null && typeof value === 'object' && 'param' in value) {
        const resolved = resolve(value as NumberOrParam);
        if (typeof resolved === 'string') return invalid(resolved);
        plain[key] = resolved;
      } else plain[key] = value;
    }
    const parsed = effectSchema.safeParse(plain);
    if (!parsed.success) return invalid(`action "${action.id}" has a malformed ${effect.type} effect`);
    effects.push(parsed.data);
  }

  const capexUsd = resolve(action.cost.capexUsd);
  const opexUsdPerMonth = resolve(action.cost.opexUsdPerMonth);
  if (typeof capexUsd === 'string') return invalid(capexUsd);
  if (typeof opexUsdPerMonth === 'string') return invalid(opexUsdPerMonth);
  if (capexUsd < 0 || opexUsdPerMonth < 0)
    return invalid(`action "${action.id}" would cost a negative amount`);
  if (capexUsd > 0 || opexUsdPerMonth > 0) {
    const category =
      action.cost.category ?? SPEND_CATEGORY_BY_ACTION_CATEGORY[action.category] ?? 'managed-services';
    effects.push({ type: 'spend', category, capexUsd, opexUsdPerMonth });
  }
  return {
    ok: true,
    effects,
    parameters: values,
    capexUsd,
    opexUsdPerMonth,
    spendUsd: capexUsd + opexUsdPerMonth,
  };
}
