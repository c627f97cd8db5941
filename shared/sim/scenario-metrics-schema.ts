import { z } from 'zod';

/**
 * Metrics a scenario declares for itself (issue 16): a hospital's patients diverted, records
 * exfiltrated or hours on paper charts are not platform metrics, so a scenario names them, bounds
 * them and, when they move on their own, says how in a few declarative rules (no code, no eval).
 * They run in the same seeded step as the infrastructure model (shared/sim/scenario-metrics.ts)
 * and are read through the same metric interface (metricValue), so injects, objectives, end
 * states, charts, the projector and the debrief treat them like any other metric.
 */

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "patients-diverted"')
  .max(64);

export const TIME_UNITS = ['minutes', 'hours', 'days'] as const;
export const timeUnitSchema = z.enum(TIME_UNITS);
export type TimeUnit = z.infer<typeof timeUnitSchema>;
export const MINUTES_PER_UNIT: Record<TimeUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

/** How a metric's value is written for people: `count` 12,400; `percent` 0.25 as 25%; `usd` $1.2M. */
export const METRIC_FORMATS = ['number', 'count', 'percent', 'usd', 'score', 'duration'] as const;
export const metricFormatSchema = z.enum(METRIC_FORMATS);
export type MetricFormat = z.infer<typeof metricFormatSchema>;

const per = timeUnitSchema
  .default('days')
  .describe('The time the amount is given for: minutes, hours or days');

/**
 * A metric's own movement each step, applied in the order written. Amounts are per `per` and are
 * scaled to the scenario's step (a drift of 24 per day is 1 per hour in an hourly exercise).
 */
export const metricDynamicSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('drift'), amount: z.number().finite(), per })
    .strict()
    .describe('Adds a constant amount, e.g. 40 patients arriving per hour'),
  z
    .object({ type: z.literal('rate'), rate: z.number().finite().min(-1).max(10), per })
    .strict()
    .describe('Grows (or shrinks, when negative) by this share of the value, e.g. 0.1 = 10% per day'),
  z
    .object({
      type: z.literal('coupling'),
      metric: id.describe('The metric this one follows'),
      factor: z.number().finite().describe('Added per `per`: factor x the other metric'),
      min: z.number().finite().optional().describe('The change per `per` is never below this'),
      max: z.number().finite().optional().describe('The change per `per` is never above this'),
      per,
    })
    .strict()
    .describe('Moves with another metric, within bounds: e.g. fines grow with records exposed'),
  z
    .object({
      type: z.literal('table'),
      metric: id.describe('The metric looked up'),
      points: z
        .array(z.tuple([z.number().finite(), z.number().finite()]))
        .min(2)
        .max(50)
        .describe(
          '[value of the other metric, change per `per`] pairs, ascending; read linearly between them',
        ),
      per,
    })
    .strict()
    .describe('A lookup table: the change per `per` read from another metric (linear between points)'),
]);
export type MetricDynamic = z.infer<typeof metricDynamicSchema>;

export const metricDefinitionSchema = z
  .object({
    id,
    label: z.string().trim().min(1).max(60).describe('What players see, e.g. "Patients diverted"'),
    unit: z.string().trim().max(30).default('').describe('Written after the value, e.g. "patients"'),
    format: metricFormatSchema.default('number'),
    decimals: z.number().int().min(0).max(4).default(0).describe('Digits shown after the point'),
    start: z.number().finite().describe('The value at the start of the exercise'),
    min: z.number().finite().describe('The value never goes below this'),
    max: z.number().finite().describe('The value never goes above this'),
    better: z
      .enum(['higher', 'lower', 'neither'])
      .describe('Which way is good, so changes are marked better or worse in words'),
    dynamics: z.array(metricDynamicSchema).max(10).default([]).describe('How the metric moves on its own'),
    noise: z
      .object({ sd: z.number().finite().min(0), per })
      .strict()
      .optional()
      .describe(
        "Random variation per step (normal, this standard deviation per `per`), from the session's seed",
      ),
    description: z.string().max(1000).default(''),
  })
  .strict();
export type MetricDefinition = z.infer<typeof metricDefinitionSchema>;

/**
 * A number an effect moves a metric by: a plain number, a range drawn uniformly, or dice (the sum
 * of N dice of S sides, times `times`), always drawn from the session's seeded generator and shown
 * to players as what it is ("2d6 x 100").
 */
export function makeUncertainSchema<N extends z.ZodType<unknown>>(num: N) {
  return z.union([
    num,
    z
      .object({ between: z.tuple([z.number().finite(), z.number().finite()]) })
      .strict()
      .describe('A value drawn uniformly between the two numbers'),
    z
      .object({
        dice: z
          .string()
          .regex(/^[1-9]\d?d([2-9]|[1-9]\d{1,2})$/, 'must look like 2d6 (1-99 dice of 2-999 sides)')
          .describe('NdS: the sum of N dice with S sides'),
        times: z.number().finite().default(1).describe('The roll is multiplied by this'),
      })
      .strict()
      .describe('A dice roll, e.g. { dice: 2d6, times: 100 }'),
  ]);
}

export const METRIC_OPERATIONS = ['add', 'set', 'scale'] as const;
