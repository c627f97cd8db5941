import { z } from 'zod';
import { metricConditionSchema } from './metrics';
import { METRIC_OPERATIONS, makeUncertainSchema } from './scenario-metrics-schema';

/**
 * The simulation's effect primitives: the vocabulary that scenario actions and injects compose.
 * Written once, generic over how a number is given, so that:
 *  - the simulation core consumes effects whose numbers are plain (`effectSchema`), and
 *  - a scenario file may give a number as a reference to one of the action's parameters
 *    (`scenarioEffectSchema`, e.g. `count: { param: replicas }`), resolved when the action is approved.
 */

export const CAPACITY_TARGETS = [
  'db-primary-size', // vertical scaling steps of the primary (each step doubles its capacity)
  'db-replicas', // read replicas
  'cache-nodes', // cache (Redis/memcache) nodes
  'app-servers', // application servers
  'cdn-capacity', // CDN capacity in Gbps
] as const;
export const capacityTargetSchema = z.enum(CAPACITY_TARGETS);
export type CapacityTarget = z.infer<typeof capacityTargetSchema>;

export const PROJECTS = [
  'sharding', // horizontal sharding of the database: multiplies write capacity when done
  'monolith-extraction', // extract hot services from the monolith: app per-server capacity x ~3
  'multi-cdn', // a second CDN provider: redundancy and egress price competition
  'connection-pooler', // PgBouncer-style pooler in front of the primary
  'observability-platform', // tracing, SLO dashboards and alerting
  'change-management', // CI/CD, testing and change review: fewer change failures
] as const;
export const projectSchema = z.enum(PROJECTS);
export type Project = z.infer<typeof projectSchema>;

export const COST_CATEGORIES = [
  'compute',
  'database',
  'storage',
  'cdn',
  'managed-services',
  'people',
] as const;
export const costCategorySchema = z.enum(COST_CATEGORIES);
export type CostCategory = z.infer<typeof costCategorySchema>;

export const STORAGE_TIERS = ['hot', 'infrequent', 'archive'] as const;
export const storageTierSchema = z.enum(STORAGE_TIERS);
export type StorageTier = z.infer<typeof storageTierSchema>;

export const SENIORITIES = ['junior', 'mid', 'senior'] as const;
export const senioritySchema = z.enum(SENIORITIES);
export type Seniority = z.infer<typeof senioritySchema>;

export const REGIMES = ['gdpr', 'ccpa', 'payments', 'content-moderation'] as const;
export const regimeSchema = z.enum(REGIMES);
export type Regime = z.infer<typeof regimeSchema>;

export const LEVELS = ['observability', 'security', 'on-call-maturity', 'process-maturity'] as const;
export const levelSchema = z.enum(LEVELS);
export type LevelName = z.infer<typeof levelSchema>;

export const OUTAGE_TARGETS = ['database', 'cache', 'app', 'cdn', 'storage', 'payments-vendor'] as const;
export const outageTargetSchema = z.enum(OUTAGE_TARGETS);
export type OutageTarget = z.infer<typeof outageTargetSchema>;

/** Builds the effect union over a given number schema (plain numbers, or numbers-or-parameter-references). */
export function makeEffectSchema<N extends z.ZodType<unknown>>(num: N) {
  return z.discriminatedUnion('type', [
    // --- decisions ---
    z.object({ type: z.literal('capacity'), target: capacityTargetSchema, delta: num }).strict(),
    z
      .object({
        type: z.literal('start-project'),
        project: projectSchema,
        /** Simulated days until the project lands. */
        days: num,
        /** Probability per in-progress day of a migration incident (downtime, see docs/simulation.md). */
        incidentRiskPerDay: num,
      })
      .strict(),
    z.object({ type: z.literal('cache-hit-ratio'), delta: num }).strict(),
    z
      .object({
        type: z.literal('autoscaling'),
        enabled: z.boolean(),
        minServers: num.optional(),
        maxServers: num.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('commit-spend'),
        category: costCategorySchema,
        /** Fraction off list price, e.g. 0.3 for a 1-year commitment. */
        discount: num,
        months: num,
        /**
         * List-price spend per month the contract covers (the baseline the CFO chooses). Billed at the
         * discount even when unused; usage above it pays list. Omitted: 90% of the first bill after signing.
         */
        commitUsdPerMonth: num.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('move-storage'),
        from: storageTierSchema,
        to: storageTierSchema,
        /** Fraction of the `from` tier moved, 0..1. */
        fraction: num,
      })
      .strict(),
    z.object({ type: z.literal('hire'), seniority: senioritySchema, count: num, leadDays: num }).strict(),
    /** Offers not yet accepted are declined: pending hires of this seniority are dropped. */
    z.object({ type: z.literal('cancel-hires'), seniority: senioritySchema }).strict(),
    z.object({ type: z.literal('on-call-rotation'), engineers: num }).strict(),
    z.object({ type: z.literal('weekly-hours'), hours: num }).strict(),
    z.object({ type: z.literal('raise-level'), level: levelSchema, delta: num }).strict(),
    z.object({ type: z.literal('compliance'), regime: regimeSchema, delta: num }).strict(),
    z.object({ type: z.literal('feature-freeze'), days: num }).strict(),
    z
      .object({
        type: z.literal('feature-launch'),
        /** Added to the daily viral growth rate for `days`. */
        growthBoost: num,
        days: num,
        /** Probability per day of a launch incident while the launch rolls out. */
        incidentRiskPerDay: num,
      })
      .strict(),
    z.object({ type: z.literal('communication'), userTrust: num, investorConfidence: num }).strict(),
    z.object({ type: z.literal('arpu'), deltaUsd: num }).strict(),
    z
      .object({
        type: z.literal('funding'),
        amountUsd: num,
        /**
         * The money arrives only if every condition holds on the day it lands (e.g. a Series C that
         * depends on investors still believing); otherwise the round falls through.
         */
        conditions: z.array(metricConditionSchema).max(10).optional(),
        /** Added to investor confidence when the money arrives (and taken off, halved, when it falls through). */
        investorConfidence: num.optional(),
      })
      .strict(),
    /** An action's own price: capex paid once (emergency budget first, then cash), opex added monthly. */
    z
      .object({
        type: z.literal('spend'),
        category: costCategorySchema,
        capexUsd: num,
        opexUsdPerMonth: num,
      })
      .strict(),
    // --- shocks ---
    z.object({ type: z.literal('traffic-spike'), multiplier: num, days: num }).strict(),
    z.object({ type: z.literal('outage'), target: outageTargetSchema, hours: num }).strict(),
    z
      .object({
        type: z.literal('cost-shock'),
        category: costCategorySchema,
        /** Added to that category's monthly opex for `months` (0 = a one-off charge of amountUsd). */
        amountUsd: num,
        months: num,
      })
      .strict(),
    z.object({ type: z.literal('morale'), delta: num }).strict(),
    z.object({ type: z.literal('breach'), severity: num }).strict(),
    z
      .object({
        type: z.literal('regulator-deadline'),
        regime: regimeSchema,
        days: num,
        /** Readiness (0..100) the regime needs by the deadline; below it a fine and trust loss follow. */
        requiredReadiness: num,
        fineUsd: num,
      })
      .strict(),
    z.object({ type: z.literal('competitor-launch'), growthCut: num, days: num }).strict(),
    z.object({ type: z.literal('engineer-leaves'), seniority: senioritySchema, count: num }).strict(),
    // --- any metric the scenario declares (or any infrastructure metric's mirror, see scenario-metrics.ts) ---
    z
      .object({
        type: z.literal('metric'),
        metric: z.string().min(1).max(64).describe("One of the scenario's own metrics (its `metrics:` ids)"),
        op: z
          .enum(METRIC_OPERATIONS)
          .default('add')
          .describe(
            'add: value is added; set: the metric becomes value; scale: the metric is multiplied by value',
          ),
        value: makeUncertainSchema(num).describe(
          'A number, { between: [low, high] } or { dice: 2d6, times: n }: uncertain values are drawn when the effect lands',
        ),
        after: num
          .optional()
          .describe(
            "Lead time in the scenario's time unit (rounds.unit) before the change lands; default now",
          ),
        for: num
          .optional()
          .describe(
            "How long the change holds, in the scenario's time unit; then it is undone. Default: for good",
          ),
      })
      .strict(),
  ]);
}

export const effectSchema = makeEffectSchema(z.number().finite());
export type Effect = z.infer<typeof effectSchema>;
export type EffectType = Effect['type'];

/** In a scenario file a number may name one of the action's parameters, optionally scaled. */
export const paramRefSchema = z
  .object({ param: z.string().min(1), times: z.number().finite().optional() })
  .strict()
  .describe('The value of one of the action parameters, multiplied by `times` (default 1)');
export const numberOrParamSchema = z.union([z.number().finite(), paramRefSchema]);
export type NumberOrParam = z.infer<typeof numberOrParamSchema>;

export const scenarioEffectSchema = makeEffectSchema(numberOrParamSchema);
export type ScenarioEffect = z.infer<typeof scenarioEffectSchema>;
