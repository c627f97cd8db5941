import { z } from 'zod';
import { scenarioEffectSchema } from '../sim/effects';
import { metricConditionSchema } from '../sim/metrics';
import { simSetupSchema } from '../sim/setup';

/**
 * The scenario file, written once as zod schemas. Types are derived with z.infer; the JSON Schema
 * for editors (scenarios/scenario.schema.json) is generated from `scenarioSchema`.
 * Structural rules live here; cross-references (ids resolve, weights sum to 100, ...) are checked
 * by shared/scenario/semantics.ts so that every problem is reported with its path.
 */

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "head-of-infra"')
  .max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const markdown = z.string().max(20_000).describe('Markdown');
const usd = z.number().finite().min(0).describe('US dollars');

export const PHASES = ['injects', 'deliberation', 'decision', 'resolution', 'review'] as const;
export const phaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof phaseSchema>;

export const CHANNELS = ['news', 'email', 'pager', 'chat', 'board-memo', 'phone'] as const;
export const channelSchema = z.enum(CHANNELS);

export const ACTION_CATEGORIES = [
  'infrastructure',
  'architecture',
  'operations',
  'finance',
  'product',
  'people',
  'communication',
  'security',
  'compliance',
  'funding',
] as const;
export const actionCategorySchema = z.enum(ACTION_CATEGORIES);
export type ActionCategory = z.infer<typeof actionCategorySchema>;

export const roleSchema = z
  .object({
    id,
    name: text(80),
    /** Shown to everyone, including the projector. */
    publicBrief: markdown,
    /** Shown only to players holding this role (and the facilitator). */
    privateBrief: markdown,
    secretObjectives: z.array(text(500)).default([]),
    authority: z
      .object({
        propose: z.array(actionCategorySchema).default([]),
        approve: z.array(actionCategorySchema).default([]),
        veto: z.array(actionCategorySchema).default([]),
        vote: z.boolean().default(true),
      })
      .strict(),
    players: z
      .object({ min: z.number().int().min(0).max(20), max: z.number().int().min(1).max(20) })
      .strict()
      .default({ min: 1, max: 4 }),
    /** A required role is played by a computer player when no person takes it. */
    required: z.boolean().default(true),
  })
  .strict();
export type Role = z.infer<typeof roleSchema>;

export const actionParameterSchema = z
  .object({
    id,
    label: text(80),
    min: z.number().finite(),
    max: z.number().finite(),
    default: z.number().finite(),
    step: z.number().finite().positive().default(1),
    unit: z.string().max(20).optional(),
  })
  .strict();

const numberOrParam = z.union([
  z.number().finite(),
  z.object({ param: id, times: z.number().finite().optional() }).strict(),
]);

export const MAJORITIES = ['simple', 'two-thirds', 'unanimous'] as const;

export const decisionRuleSchema = z
  .object({
    /** Roles that must approve; `whenSpendAboveUsd` limits the requirement to costly proposals. */
    approvals: z
      .array(z.object({ role: id, whenSpendAboveUsd: usd.optional() }).strict())
      .default([]),
    /** Roles that may veto the proposal. */
    vetoes: z.array(id).default([]),
    /** When set, the proposal passes only with this majority of the voters' cast votes. */
    vote: z
      .object({
        voters: z.union([z.literal('all'), z.array(id).min(1)]).default('all'),
        majority: z.enum(MAJORITIES).default('simple'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type DecisionRule = z.infer<typeof decisionRuleSchema>;

export const actionSchema = z
  .object({
    id,
    title: text(120),
    description: markdown,
    category: actionCategorySchema,
    /** Roles that may propose it; when omitted, every role whose authority covers the category. */
    proposers: z.array(id).optional(),
    parameters: z.array(actionParameterSchema).default([]),
    cost: z
      .object({ capexUsd: numberOrParam.default(0), opexUsdPerMonth: numberOrParam.default(0) })
      .strict()
      .default({ capexUsd: 0, opexUsdPerMonth: 0 }),
    /** Simulated days between approval and the effects landing. */
    leadTimeDays: z.number().int().min(0).max(365).default(0),
    effects: z.array(scenarioEffectSchema).min(1),
    risks: z.array(text(500)).default([]),
    /** Actions that must have been resolved (approved and applied) before this one can be proposed. */
    prerequisites: z.array(id).default([]),
    /** May be approved more than once in an exercise. */
    repeatable: z.boolean().default(false),
    /** Overrides the scenario's `decisionDefaults` when given. */
    decision: decisionRuleSchema.optional(),
  })
  .strict();
export type Action = z.infer<typeof actionSchema>;

const phaseSecondsSchema = z
  .object(Object.fromEntries(PHASES.map((p) => [p, z.number().int().min(0).max(3600)])) as Record<
    Phase,
    z.ZodNumber
  >)
  .strict();

export const roundsSchema = z
  .object({
    count: z.number().int().min(1).max(50),
    daysPerRound: z.number().int().min(1).max(90),
    /** Default real-time length of each phase, in seconds; the facilitator can advance or extend. */
    phaseSeconds: phaseSecondsSchema,
  })
  .strict();

export const checkpointSchema = z
  .object({
    id,
    day: z.number().int().min(1),
    title: text(120),
    /** The deliverable due at this checkpoint (e.g. the 30-day stabilization plan). */
    deliverable: z.string().max(2000).optional(),
    objectives: z.array(id).default([]),
  })
  .strict();

export const injectTriggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scheduled'), round: z.number().int().min(1), phase: phaseSchema }).strict(),
  z.object({ type: z.literal('day'), day: z.number().int().min(0) }).strict(),
  z.object({ type: z.literal('condition'), condition: metricConditionSchema }).strict(),
  z.object({ type: z.literal('manual') }).strict(),
]);
export type InjectTrigger = z.infer<typeof injectTriggerSchema>;

export const injectSchema = z
  .object({
    id,
    /** The MSEL's inject number, unique in the scenario. */
    number: z.number().int().min(1),
    title: text(160),
    trigger: injectTriggerSchema,
    audience: z.union([z.literal('all'), z.array(id).min(1)]).default('all'),
    channel: channelSchema,
    /** The simulated sender (persona). */
    from: text(120),
    subject: text(200),
    body: markdown,
    expectedActions: z.array(text(500)).default([]),
    discussionQuestions: z.array(text(500)).default([]),
    /** Objectives this inject exercises. */
    objectives: z.array(id).default([]),
    effects: z.array(scenarioEffectSchema).default([]),
    /** Never shown to players, observers or the projector. */
    facilitatorNotes: z.string().max(5000).default(''),
    contingency: z.boolean().default(false),
  })
  .strict();
export type Inject = z.infer<typeof injectSchema>;

export const objectiveSchema = z
  .object({
    id,
    title: text(160),
    description: z.string().max(2000).default(''),
    /** Met when the condition holds on `byDay` (checked at the first resolution reaching that day). */
    test: metricConditionSchema,
    byDay: z.number().int().min(1),
  })
  .strict();
export type Objective = z.infer<typeof objectiveSchema>;

export const endStateSchema = z
  .object({
    id,
    title: text(120),
    description: z.string().max(2000).default(''),
    /** The exercise ends when this holds after a resolution. */
    condition: metricConditionSchema,
  })
  .strict();
export type EndState = z.infer<typeof endStateSchema>;

export const rubricDimensionSchema = z
  .object({
    id,
    title: text(120),
    /** Percent; the dimensions' weights sum to 100. */
    weight: z.number().min(0).max(100),
    description: z.string().max(2000).default(''),
    /** Objectives whose results score this dimension. */
    objectives: z.array(id).default([]),
    /** Whether evaluator observations tied to this dimension count. */
    evaluator: z.boolean().default(true),
  })
  .strict();

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    id,
    title: text(160),
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must look like 1.0 or 1.0.0'),
    summary: z.string().max(5000),
    durationMinutes: z.number().int().min(5).max(24 * 60),
    audience: text(500),
    learningObjectives: z.array(text(500)).min(1),
    roles: z.array(roleSchema).min(1),
    simulation: simSetupSchema,
    decisionDefaults: decisionRuleSchema.default({ approvals: [], vetoes: [] }),
    actions: z.array(actionSchema).min(1),
    rounds: roundsSchema,
    checkpoints: z.array(checkpointSchema).default([]),
    injects: z.array(injectSchema).default([]),
    objectives: z.array(objectiveSchema).default([]),
    endStates: z.array(endStateSchema).default([]),
    scoring: z
      .object({ rubric: z.array(rubricDimensionSchema).min(1), hotWash: z.array(text(500)).default([]) })
      .strict(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
