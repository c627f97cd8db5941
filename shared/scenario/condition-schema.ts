import { z } from 'zod';
import { comparisonSchema } from '../sim/metrics';
import { timeUnitSchema } from '../sim/scenario-metrics-schema';

/**
 * What an inject trigger, an objective or an end state may test (issue 16): a metric, a decision
 * (an action applied, rejected or vetoed; a vote's result), an inject delivered, time elapsed, and
 * any of them combined with all / any / not. Structured data, no code: shared/session/conditions.ts
 * evaluates it on the session's state, so the same log replays to the same answers.
 */

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
  .max(64);

/** A metric test: an infrastructure metric or one the scenario declares. */
export const scenarioMetricConditionSchema = z
  .object({
    metric: id.describe(
      "A metric: the infrastructure model's (e.g. availability) or one of the scenario's `metrics:`",
    ),
    comparison: comparisonSchema,
    threshold: z.number().finite(),
    windowDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .optional()
      .describe("Averaged over the last N steps (days, or the scenario's rounds.unit)"),
  })
  .strict();
export type ScenarioMetricCondition = z.infer<typeof scenarioMetricConditionSchema>;

export const DECISION_OUTCOMES = ['applied', 'rejected', 'vetoed'] as const;

export const actionConditionSchema = z
  .object({
    action: id.describe('An action id'),
    status: z
      .enum(DECISION_OUTCOMES)
      .default('applied')
      .describe(
        'applied: approved and carried out; rejected: closed without passing; vetoed: stopped by a veto',
      ),
  })
  .strict()
  .describe('Holds once a proposal of the action was resolved this way');

export const voteConditionSchema = z
  .object({
    vote: id.describe('An action decided by a vote'),
    result: z.enum(['passed', 'failed']),
  })
  .strict()
  .describe('Holds once a resolved proposal of the action had this vote result');

export const injectConditionSchema = z
  .object({ inject: id.describe('An inject id') })
  .strict()
  .describe('Holds once the inject was delivered');

export const elapsedConditionSchema = z
  .object({
    elapsed: z.number().finite().min(0).describe('How much simulated time has passed since the start'),
    unit: timeUnitSchema.optional().describe("minutes, hours or days; default the scenario's rounds.unit"),
  })
  .strict()
  .describe('Holds once this much simulated time has passed');

/** One test; a condition is one of these, or all / any / not of conditions. */
const atomSchema = z.union([
  scenarioMetricConditionSchema,
  actionConditionSchema,
  voteConditionSchema,
  injectConditionSchema,
  elapsedConditionSchema,
]);
type Combined<A> = A | { all: Combined<A>[] } | { any: Combined<A>[] } | { not: Combined<A> };
export type Condition = Combined<z.infer<typeof atomSchema>>;
export type ConditionInput = Combined<z.input<typeof atomSchema>>;

export const conditionSchema: z.ZodType<Condition, ConditionInput> = z.lazy(() =>
  z.union([
    scenarioMetricConditionSchema,
    actionConditionSchema,
    voteConditionSchema,
    injectConditionSchema,
    elapsedConditionSchema,
    z
      .object({ all: z.array(conditionSchema).min(1).max(20) })
      .strict()
      .describe('Holds when every part holds'),
    z
      .object({ any: z.array(conditionSchema).min(1).max(20) })
      .strict()
      .describe('Holds when one part holds'),
    z.object({ not: conditionSchema }).strict().describe('Holds when the part does not'),
  ]),
);

export function isMetricCondition(condition: Condition): condition is ScenarioMetricCondition {
  return 'metric' in condition;
}

/** Every atom of a condition, depth first (for semantics checks and for what a condition names). */
export function conditionAtoms(
  condition: Condition,
): Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>[] {
  if ('all' in condition) return condition.all.flatMap(conditionAtoms);
  if ('any' in condition) return condition.any.flatMap(conditionAtoms);
  if ('not' in condition) return conditionAtoms(condition.not);
  return [condition];
}

/** A condition on metrics alone: tested after the round's days, as conditional injects always were. */
export function onMetricsOnly(condition: Condition): boolean {
  return conditionAtoms(condition).every(isMetricCondition);
}
