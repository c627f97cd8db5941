import { describe, expect, it } from 'vitest';
import {
  ACTION_CATEGORIES,
  type Action,
  actionSchema,
  resolveAction,
  SPEND_CATEGORY_BY_ACTION_CATEGORY,
} from '../../../shared/scenario';
import { effectSchema } from '../../../shared/sim/effects';

/** Actions are written as an author would, then parsed, so defaults are the schema's. */
const addReplicas: Action = actionSchema.parse({
  id: 'add-replicas',
  title: 'Add read replicas',
  description: 'More read capacity.',
  category: 'infrastructure',
  parameters: [{ id: 'replicas', label: 'Replicas', min: 1, max: 10, default: 2 }],
  cost: { capexUsd: 250_000, opexUsdPerMonth: { param: 'replicas', times: 20_000 } },
  effects: [{ type: 'capacity', target: 'db-replicas', delta: { param: 'replicas' } }],
});

const commit: Action = actionSchema.parse({
  id: 'commit-spend',
  title: 'Commit to a year of compute',
  description: 'A savings plan.',
  category: 'finance',
  parameters: [{ id: 'discount', label: 'Discount', min: 0.1, max: 0.45, default: 0.2, step: 0.05 }],
  effects: [{ type: 'commit-spend', category: 'compute', discount: { param: 'discount' }, months: 12 }],
});

describe('resolveAction', () => {
  it('fills defaults, replaces parameter references and adds the spend', () => {
    expect(resolveAction(addReplicas, {})).toEqual({
      ok: true,
      parameters: { replicas: 2 },
      effects: [
        { type: 'capacity', target: 'db-replicas', delta: 2 },
        { type: 'spend', category: 'compute', capexUsd: 250_000, opexUsdPerMonth: 40_000 },
      ],
      capexUsd: 250_000,
      opexUsdPerMonth: 40_000,
      spendUsd: 290_000,
    });
  });

  it('uses the values given, multiplied by `times`', () => {
    const resolved = resolveAction(addReplicas, { replicas: 7 });
    expect(resolved.ok && resolved.effects[0]).toEqual({ type: 'capacity', target: 'db-replicas', delta: 7 });
    expect(resolved.ok && [resolved.opexUsdPerMonth, resolved.spendUsd]).toEqual([140_000, 390_000]);
  });

  it('produces effects the simulation core accepts as plain numbers', () => {
    const resolved = resolveAction(addReplicas, { replicas: 3 });
    if (!resolved.ok) throw new Error(resolved.message);
    for (const effect of resolved.effects) expect(effectSchema.parse(effect)).toEqual(effect);
  });

  it.each([
    [{ replica: 3 }, 'action "add-replicas" has no parameter "replica"; it takes replicas'],
    [{ replicas: 0 }, 'Replicas (replicas) must be between 1 and 10, got 0'],
    [{ replicas: 11 }, 'Replicas (replicas) must be between 1 and 10, got 11'],
    [{ replicas: 2.5 }, 'Replicas (replicas) must be 1 plus a whole number of steps of 1, got 2.5'],
    [{ replicas: Number.NaN }, 'Replicas (replicas) must be a number'],
    [{ replicas: Number.POSITIVE_INFINITY }, 'Replicas (replicas) must be a number'],
  ])('refuses %o', (params, message) => {
    expect(resolveAction(addReplicas, params)).toEqual({ ok: false, code: 'invalid-parameters', message });
  });

  it('accepts values on a fractional step grid and refuses those between', () => {
    const onGrid = resolveAction(commit, { discount: 0.3 });
    expect(onGrid.ok && onGrid.effects).toEqual([
      { type: 'commit-spend', category: 'compute', discount: 0.3, months: 12 },
    ]);
    const between = resolveAction(commit, { discount: 0.33 });
    expect(between.ok).toBe(false);
  });

  it('adds no spend effect for an action that costs nothing', () => {
    const resolved = resolveAction(commit, {});
    expect(resolved.ok && resolved.effects.map((e) => e.type)).toEqual(['commit-spend']);
    expect(resolved.ok && resolved.spendUsd).toBe(0);
  });

  it("uses the action's own cost category when it names one", () => {
    const onDatabase = { ...addReplicas, cost: { ...addReplicas.cost, category: 'database' as const } };
    const resolved = resolveAction(onDatabase, {});
    expect(resolved.ok && resolved.effects.at(-1)).toMatchObject({ type: 'spend', category: 'database' });
  });

  it('maps every action category to a cost line', () => {
    expect(Object.keys(SPEND_CATEGORY_BY_ACTION_CATEGORY).sort()).toEqual([...ACTION_CATEGORIES].sort());
    expect(SPEND_CATEGORY_BY_ACTION_CATEGORY).toMatchObject({
      infrastructure: 'compute',
      architecture: 'compute',
      people: 'people',
      compliance: 'managed-services',
    });
  });

  it('refuses a cost that resolves to a negative amount', () => {
    const refund = {
      ...addReplicas,
      cost: { capexUsd: 0, opexUsdPerMonth: { param: 'replicas', times: -1 } },
    };
    expect(resolveAction(refund, {})).toEqual({
      ok: false,
      code: 'invalid-parameters',
      message: 'action "add-replicas" would cost a negative amount',
    });
  });
});
