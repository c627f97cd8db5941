import { z } from 'zod';
import { costCategorySchema, scenarioEffectSchema } from '../sim/effects';
import { metricDefinitionSchema, timeUnitSchema } from '../sim/scenario-metrics-schema';
import { simSetupSchema } from '../sim/setup';
import { conditionSchema } from './condition-schema';

/**
 * The scenario file, written once as zod schemas. Types are derived with z.infer; the JSON Schema
 * for editors (scenarios/scenario.schema.json) is generated from `scenarioSchema`, and the
 * `.describe()` texts are what an author sees when hovering a field in the editor, so they are
 * written for facilitators (docs/authoring.md says the same at length).
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

/** The channels every scenario has; a scenario may declare more (`channels:`). */
export const CHANNELS = ['news', 'email', 'pager', 'chat', 'board-memo', 'phone'] as const;
export const channelSchema = id.describe(
  'news, email, pager, chat, board-memo, phone, or one the scenario declares under `channels:`',
);

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
/**
 * An action category: one the scenario declares under `categories:`, or, when it declares none,
 * one of the infrastructure model's defaults (ACTION_CATEGORIES). Checked in semantics.ts.
 */
export const actionCategorySchema = id.describe(
  "One of the scenario's `categories:` ids (default: infrastructure, architecture, operations, finance, product, people, communication, security, compliance, funding)",
);
export type ActionCategory = string;

export const roleSchema = z
  .object({
    id,
    name: text(80),
    publicBrief: markdown.describe('Markdown shown to everyone, including the projector'),
    privateBrief: markdown.describe(
      'Markdown shown only to the players holding this role (and the facilitator)',
    ),
    secretObjectives: z
      .array(text(500))
      .default([])
      .describe("The role's own goals, shown only to its players; they may pull against the other roles'"),
    authority: z
      .object({
        propose: z
          .array(actionCategorySchema)
          .default([])
          .describe('Action categories this role may propose (unless an action lists its own proposers)'),
        approve: z
          .array(actionCategorySchema)
          .default([])
          .describe('Action categories this role may approve'),
        veto: z.array(actionCategorySchema).default([]).describe('Action categories this role may veto'),
        vote: z.boolean().default(true).describe('Takes part in votes open to all roles'),
      })
      .strict()
      .describe('What this role may decide, by action category'),
    players: z
      .object({ min: z.number().int().min(0).max(20), max: z.number().int().min(1).max(20) })
      .strict()
      .default({ min: 1, max: 4 })
      .describe('How many people may share this role at one table'),
    required: z
      .boolean()
      .default(true)
      .describe('A required role is played by a computer player when no person takes it'),
  })
  .strict();
export type Role = z.infer<typeof roleSchema>;

export const actionParameterSchema = z
  .object({
    id,
    label: text(80).describe('What players see next to the input, e.g. "Read replicas"'),
    min: z.number().finite(),
    max: z.number().finite(),
    default: z.number().finite().describe('The value used when the proposer does not choose one'),
    step: z
      .number()
      .finite()
      .positive()
      .default(1)
      .describe('Allowed values are min, min + step, min + 2 x step, ...'),
    unit: z.string().max(20).optional(),
  })
  .strict();
export type ActionParameter = z.infer<typeof actionParameterSchema>;

const numberOrParam = z.union([
  z.number().finite(),
  z
    .object({ param: id, times: z.number().finite().optional() })
    .strict()
    .describe('The value of one of the action parameters, multiplied by `times` (default 1)'),
]);

export const MAJORITIES = ['simple', 'two-thirds', 'unanimous'] as const;

export const decisionRuleSchema = z
  .object({
    approvals: z
      .array(
        z
          .object({
            role: id,
            whenSpendAboveUsd: usd
              .optional()
              .describe(
                'Only needed when the proposal spends more than this: capex plus one month of opex (USD)',
              ),
          })
          .strict(),
      )
      .default([])
      .describe('Roles that must approve'),
    vetoes: z.array(id).default([]).describe('Roles that may veto'),
    vote: z
      .object({
        voters: z
          .union([z.literal('all'), z.array(id).min(1)])
          .default('all')
          .describe('"all" (every role with authority.vote) or a list of role ids'),
        majority: z.enum(MAJORITIES).default('simple').describe('Share of the votes cast needed to pass'),
      })
      .strict()
      .optional()
      .describe('When present, the proposal also needs this majority of the votes cast'),
  })
  .strict();
export type DecisionRule = z.infer<typeof decisionRuleSchema>;

export const actionSchema = z
  .object({
    id,
    title: text(120),
    description: markdown,
    category: actionCategorySchema,
    proposers: z
      .array(id)
      .optional()
      .describe(
        "Roles that may propose it; when omitted, every role whose authority.propose has the action's category",
      ),
    parameters: z
      .array(actionParameterSchema)
      .default([])
      .describe('Numbers the proposer chooses, referred to as { param: id } in costs and effects'),
    cost: z
      .object({
        capexUsd: numberOrParam.default(0),
        opexUsdPerMonth: numberOrParam.default(0),
        /**
         * Which cost line the price lands on; when omitted it follows from the action's category
         * (see SPEND_CATEGORY_BY_ACTION_CATEGORY in shared/scenario/resolve-action.ts).
         */
        category: costCategorySchema.optional(),
      })
      .strict()
      .default({ capexUsd: 0, opexUsdPerMonth: 0 })
      .describe(
        'capexUsd is paid once on approval, opexUsdPerMonth every month after; numbers or { param: id, times: n }',
      ),
    leadTimeDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(0)
      .describe(
        "Simulated time between approval and the effects landing, in days (or the scenario's rounds.unit)",
      ),
    effects: z
      .array(scenarioEffectSchema)
      .min(1)
      .describe('What the action does to the simulation once it lands'),
    risks: z.array(text(500)).default([]).describe('Risks shown to players when they consider the action'),
    prerequisites: z
      .array(id)
      .default([])
      .describe('Actions that must have been approved and applied before this one can be proposed'),
    repeatable: z.boolean().default(false).describe('May be approved more than once in an exercise'),
    limits: z
      .object({
        perRound: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('Proposals of this action that may count in one round (default 1)'),
        perExercise: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe(
            'Proposals of this action that may count in the whole exercise (default 1, or no limit when repeatable)',
          ),
      })
      .strict()
      .optional()
      .describe(
        'How often the action may be taken. A proposal counts unless it was withdrawn, rejected, vetoed or not applied at resolution',
      ),
    decision: decisionRuleSchema
      .optional()
      .describe('Who must approve, who may veto, what needs a vote; replaces decisionDefaults'),
  })
  .strict();
export type Action = z.infer<typeof actionSchema>;

const phaseSecondsSchema = z
  .object(
    Object.fromEntries(PHASES.map((p) => [p, z.number().int().min(0).max(3600)])) as Record<
      Phase,
      z.ZodNumber
    >,
  )
  .strict();

export const roundsSchema = z
  .object({
    count: z.number().int().min(1).max(50).describe('Number of rounds'),
    unit: timeUnitSchema
      .optional()
      .describe(
        'The unit of simulated time: days, hours or minutes. Every time in the scenario (byDay, leadTimeDays, day triggers, checkpoints) counts in it; the infrastructure model needs days',
      ),
    daysPerRound: z
      .number()
      .int()
      .min(1)
      .max(90)
      .optional()
      .describe('Simulated days each round advances (or use `length` with `unit`)'),
    length: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .optional()
      .describe('Simulated time each round advances, in `unit`: e.g. 4 with unit hours'),
    phaseSeconds: phaseSecondsSchema.describe(
      'Default real-time length of each phase, in seconds; the facilitator can advance or extend',
    ),
  })
  .strict()
  .superRefine((rounds, ctx) => {
    if (rounds.daysPerRound === undefined && rounds.length === undefined)
      ctx.addIssue({ code: 'custom', message: 'give daysPerRound, or length with unit', path: ['length'] });
    if (
      rounds.daysPerRound !== undefined &&
      rounds.length !== undefined &&
      rounds.daysPerRound !== rounds.length
    )
      ctx.addIssue({
        code: 'custom',
        message: 'daysPerRound and length are the same thing: give one',
        path: ['length'],
      });
  })
  // Inside the game a round advances `daysPerRound` steps of `unit`, whichever spelling the author used.
  .transform((rounds) => ({ ...rounds, daysPerRound: rounds.length ?? rounds.daysPerRound ?? 1 }));
export type Rounds = z.infer<typeof roundsSchema>;

export const checkpointSchema = z
  .object({
    id,
    day: z.number().int().min(1).describe('Simulated day of the checkpoint'),
    title: text(120),
    deliverable: z
      .string()
      .max(2000)
      .optional()
      .describe('What is due at this checkpoint, e.g. the 30-day stabilization plan'),
    objectives: z.array(id).default([]).describe('Objectives reviewed at this checkpoint'),
  })
  .strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const injectTriggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scheduled'), round: z.number().int().min(1), phase: phaseSchema }).strict(),
  z.object({ type: z.literal('day'), day: z.number().int().min(0) }).strict(),
  z.object({ type: z.literal('condition'), condition: conditionSchema }).strict(),
  z.object({ type: z.literal('manual') }).strict(),
]);
export type InjectTrigger = z.infer<typeof injectTriggerSchema>;

export const injectSchema = z
  .object({
    id,
    number: z.number().int().min(1).describe("The MSEL's inject number, unique in the scenario"),
    title: text(160),
    trigger: injectTriggerSchema.describe(
      'When it fires: { type: scheduled, round, phase }, { type: day, day }, { type: condition, condition } or { type: manual }',
    ),
    audience: z
      .union([z.literal('all'), z.array(id).min(1)])
      .default('all')
      .describe('"all" or the role ids that receive it (the MSEL\'s "to" column)'),
    channel: channelSchema,
    from: text(120).describe('The simulated sender (persona), e.g. "TechCrunch reporter"'),
    subject: text(200),
    body: markdown.describe('The message itself, in Markdown'),
    expectedActions: z.array(text(500)).default([]).describe('What the players are expected to do'),
    discussionQuestions: z.array(text(500)).default([]),
    objectives: z.array(id).default([]).describe('Objectives this inject exercises'),
    effects: z
      .array(scenarioEffectSchema)
      .default([])
      .describe('What the inject does to the simulation when it fires'),
    facilitatorNotes: z
      .string()
      .max(5000)
      .default('')
      .describe('Never shown to players, observers or the projector'),
    contingency: z
      .boolean()
      .default(false)
      .describe('A contingency inject: held in reserve and fired by hand when the facilitator needs it'),
  })
  .strict();
export type Inject = z.infer<typeof injectSchema>;

export const objectiveSchema = z
  .object({
    id,
    title: text(160),
    description: z.string().max(2000).default(''),
    test: conditionSchema
      .optional()
      .describe(
        'The objective is met when this holds on byDay: a metric, a decision, an inject, time, or all/any/not of them',
      ),
    byDay: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'Simulated day (or step of rounds.unit) the test is taken, at the first resolution reaching it',
      ),
    rated: z
      .boolean()
      .optional()
      .describe(
        'A capability rated by evaluators (HSEEP: performed without challenges, with some, with major challenges, unable to be performed) instead of a test',
      ),
  })
  .strict();
export type Objective = z.infer<typeof objectiveSchema>;

export const endStateSchema = z
  .object({
    id,
    title: text(120),
    description: z.string().max(2000).default(''),
    condition: conditionSchema.describe('The exercise ends when this holds after a resolution'),
  })
  .strict();
export type EndState = z.infer<typeof endStateSchema>;

export const rubricDimensionSchema = z
  .object({
    id,
    title: text(120),
    weight: z.number().min(0).max(100).describe("Percent; the dimensions' weights add up to 100"),
    description: z.string().max(2000).default(''),
    objectives: z.array(id).default([]).describe('Objectives whose results score this dimension'),
    evaluator: z.boolean().default(true).describe("Evaluators' observations count towards this dimension"),
  })
  .strict();
export type RubricDimension = z.infer<typeof rubricDimensionSchema>;

/** A group of rounds with its own discussion questions (CTEP modules), shown to players and in the debrief. */
export const moduleSchema = z
  .object({
    id,
    title: text(120),
    rounds: z.array(z.number().int().min(1)).min(1).describe('The rounds the module covers, e.g. [1, 2]'),
    summary: z.string().max(2000).default(''),
    discussionQuestions: z.array(text(500)).default([]),
  })
  .strict();
export type Module = z.infer<typeof moduleSchema>;

const labelled = z.object({ id, label: text(60) }).strict();

/**
 * Which model the exercise runs: the infrastructure model (shared/sim, SocialWave's) and/or the
 * scenario's own `metrics:`. Off, the scenario's own metrics are all there is.
 */
export const modelSchema = z
  .object({
    infrastructure: z
      .boolean()
      .default(true)
      .describe(
        'Run the infrastructure model (servers, users, money); false for an exercise with its own metrics only',
      ),
  })
  .strict();

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    id,
    title: text(160),
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must look like 1.0 or 1.0.0'),
    summary: z.string().max(5000),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .describe('Estimated length of the exercise, in minutes'),
    audience: text(500).describe('Who the exercise is for'),
    learningObjectives: z.array(text(500)).min(1),
    roles: z.array(roleSchema).min(1),
    model: modelSchema
      .optional()
      .describe('Which model the exercise runs (default: the infrastructure model)'),
    simulation: simSetupSchema
      .prefault({})
      .describe("The infrastructure model's starting position (only with model.infrastructure)"),
    metrics: z
      .array(metricDefinitionSchema)
      .max(40)
      .optional()
      .describe("The scenario's own metrics: id, label, unit, start, bounds, which way is good, dynamics"),
    categories: z
      .array(labelled)
      .max(30)
      .optional()
      .describe('Action categories, when not the infrastructure defaults'),
    channels: z
      .array(labelled)
      .max(30)
      .optional()
      .describe('Inject channels beyond news, email, pager, chat, board-memo and phone'),
    dashboard: z
      .object({
        tiles: z
          .array(id)
          .min(1)
          .max(12)
          .describe('Metric ids shown as tiles on the dashboard and the projector, in order'),
      })
      .strict()
      .optional()
      .describe(
        "What the dashboard shows (default: the objectives' metrics, then the infrastructure headline)",
      ),
    modules: z
      .array(moduleSchema)
      .optional()
      .describe('Groups of rounds with their own discussion questions'),
    decisionDefaults: decisionRuleSchema
      .default({ approvals: [], vetoes: [] })
      .describe('The decision rule of every action that has no decision of its own'),
    actions: z.array(actionSchema).min(1),
    rounds: roundsSchema,
    checkpoints: z.array(checkpointSchema).default([]),
    injects: z.array(injectSchema).default([]),
    objectives: z.array(objectiveSchema).default([]),
    endStates: z.array(endStateSchema).default([]),
    scoring: z
      .object({
        rubric: z.array(rubricDimensionSchema).min(1),
        hotWash: z
          .array(text(500))
          .default([])
          .describe('Questions for the debrief right after the exercise'),
      })
      .strict(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
