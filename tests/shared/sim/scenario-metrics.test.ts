import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInitialState, type Effect, run, simSetupSchema, step } from '../../../shared/sim';
import { type MetricDefinition, metricDefinitionSchema } from '../../../shared/sim/scenario-metrics-schema';

/**
 * The scenario's own metrics in the seeded step (issue 16): bounds hold for any effects, the same
 * inputs give the same outcome, and a change for a duration is undone when it ends.
 */

const setup = simSetupSchema.parse({});

const definition = (input: Partial<MetricDefinition> & { id: string }): MetricDefinition =>
  metricDefinitionSchema.parse({ label: input.id, start: 0, min: 0, max: 100, better: 'higher', ...input });

function stateWith(definitions: MetricDefinition[], seed = 1, infrastructure = false) {
  return createInitialState(setup, seed, { infrastructure, unit: 'hours', metrics: definitions });
}

const ids = ['a', 'b', 'c'] as const;
const per = fc.constantFrom('minutes' as const, 'hours' as const, 'days' as const);
const finite = (max: number) => fc.double({ min: -max, max, noNaN: true, noDefaultInfinity: true });

const dynamicArbitrary = fc.oneof(
  fc.record({ type: fc.constant('drift' as const), amount: finite(1e6), per }),
  fc.record({ type: fc.constant('rate' as const), rate: fc.double({ min: -1, max: 10, noNaN: true }), per }),
  fc.record({
    type: fc.constant('coupling' as const),
    metric: fc.constantFrom(...ids),
    factor: finite(1e3),
    per,
  }),
  fc.record({
    type: fc.constant('table' as const),
    metric: fc.constantFrom(...ids),
    points: fc.constant([
      [0, -5],
      [50, 0],
      [100, 20],
    ] as [number, number][]),
    per,
  }),
);

const definitionsArbitrary = fc
  .tuple(
    ...ids.map((id) =>
      fc
        .record({
          low: finite(1e6),
          span: fc.double({ min: 0, max: 1e6, noNaN: true }),
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          dynamics: fc.array(dynamicArbitrary, { maxLength: 3 }),
          noise: fc.option(fc.double({ min: 0, max: 1e4, noNaN: true }), { nil: undefined }),
        })
        .map(({ low, span, at, dynamics, noise }) =>
          definition({
            id,
            start: low + span * at,
            min: low,
            max: low + span,
            dynamics,
            ...(noise !== undefined ? { noise: { sd: noise, per: 'hours' } } : {}),
          }),
        ),
    ),
  )
  .map((list) => [...list]);

const valueArbitrary = fc.oneof(
  finite(1e9),
  fc
    .tuple(finite(1e6), finite(1e6))
    .map(([x, y]) => ({ between: [Math.min(x, y), Math.max(x, y)] as [number, number] })),
  fc.record({ dice: fc.constantFrom('1d6', '2d6', '3d20', '99d999'), times: finite(1e4) }),
);

const effectArbitrary: fc.Arbitrary<Effect> = fc
  .record({
    type: fc.constant('metric' as const),
    metric: fc.constantFrom(...ids),
    op: fc.constantFrom('add' as const, 'set' as const, 'scale' as const),
    value: valueArbitrary,
    after: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    for: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  })
  .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as Effect);

describe("a scenario's own metrics", () => {
  it('stay within their bounds, and finite, for arbitrary effects and dynamics', () => {
    fc.assert(
      fc.property(
        definitionsArbitrary,
        fc.array(fc.array(effectArbitrary, { maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 1000 }),
        (definitions, schedule, seed) => {
          const end = run(stateWith(definitions, seed), schedule.length, (day) => ({
            effects: schedule[day - 1] ?? [],
          }));
          for (const day of end.history) {
            for (const d of definitions) {
              const value = day.metrics[d.id];
              expect(Number.isFinite(value)).toBe(true);
              expect(value).toBeGreaterThanOrEqual(d.min);
              expect(value).toBeLessThanOrEqual(d.max);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('replay: the same state and effects give the same outcome and generator state', () => {
    fc.assert(
      fc.property(
        definitionsArbitrary,
        fc.array(effectArbitrary, { maxLength: 6 }),
        (definitions, effects) => {
          const a = step(stateWith(definitions, 5), { effects });
          const b = step(stateWith(definitions, 5), { effects });
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('a change for a duration holds that long and is then undone; a lead time delays it', () => {
    const start = stateWith([definition({ id: 'a', start: 10 })]);
    const effect: Effect = { type: 'metric', metric: 'a', op: 'add', value: 5, after: 2, for: 3 };
    const end = run(start, 8, (hour) => ({ effects: hour === 1 ? [effect] : [] }));
    expect(end.history.map((d) => d.metrics.a)).toEqual([10, 10, 10, 15, 15, 15, 10, 10, 10]);
  });

  it('a set for a duration restores the value it replaced; a scale multiplies', () => {
    const start = stateWith([definition({ id: 'a', start: 10 })]);
    const end = run(start, 4, (hour) => ({
      effects:
        hour === 1
          ? [{ type: 'metric', metric: 'a', op: 'set', value: 80, for: 2 }]
          : hour === 4
            ? [{ type: 'metric', metric: 'a', op: 'scale', value: 3 }]
            : [],
    }));
    expect(end.history.map((d) => d.metrics.a)).toEqual([10, 80, 80, 10, 30]);
  });

  it('drift and rate are given per hour or per day and scaled to the step', () => {
    const start = stateWith([
      definition({ id: 'a', start: 0, max: 1000, dynamics: [{ type: 'drift', amount: 24, per: 'days' }] }),
      definition({
        id: 'b',
        start: 50,
        dynamics: [
          {
            type: 'table',
            metric: 'a',
            points: [
              [0, 1],
              [10, 3],
            ],
            per: 'hours',
          },
        ],
      }),
    ]);
    const end = run(start, 5);
    expect(end.history.map((d) => d.metrics.a)).toEqual([0, 1, 2, 3, 4, 5]);
    // b reads a after a moved this hour: 1 + 0.2 x 2 per unit of a, linear between the points.
    expect(end.history[1]?.metrics.b).toBeCloseTo(51.2, 9);
  });

  it('alongside the infrastructure model, the infrastructure day is the one it always was', () => {
    const plain = run(createInitialState(setup, 3), 10);
    const both = run(
      createInitialState(setup, 3, {
        infrastructure: true,
        unit: 'days',
        metrics: [definition({ id: 'a' })],
      }),
      10,
    );
    expect(both.history.map(({ metrics: { a: _a, ...rest } }) => rest)).toEqual(
      plain.history.map((d) => d.metrics),
    );
    expect(both.rng).toBe(plain.rng);
  });
});
