import { z } from 'zod';
import { type MetricDefinition, metricDefinitionSchema } from '../sim/scenario-metrics-schema';
import {
  ACTION_CATEGORIES,
  type Action,
  actionSchema,
  type Checkpoint,
  checkpointSchema,
  type DecisionRule,
  decisionRuleSchema,
  type EndState,
  endStateSchema,
  type Inject,
  injectSchema,
  type Module,
  modelSchema,
  moduleSchema,
  type Objective,
  objectiveSchema,
  type Role,
  type Rounds,
  type RubricDimension,
  roleSchema,
  roundsSchema,
  rubricDimensionSchema,
  type Scenario,
} from './schema';

/**
 * The pieces of a scenario that the semantic checks read, each list kept with the index it has in
 * the file. A scenario that failed the schema is taken apart entry by entry, so the semantic checks
 * still run on every entry that is well-formed and an author sees all problems in one pass: ids
 * declared by malformed entries still count as declared (a reference to them is not reported
 * twice), and checks that need a whole list (weights sum to 100) run only when the list is complete.
 */
export interface Entry<T> {
  index: number;
  value: T;
}

export interface Section<T> {
  /** Where the list sits in the file, e.g. `['scoring', 'rubric']`. */
  path: readonly string[];
  /** The entries that passed the schema. */
  entries: Entry<T>[];
  /** Every id written in the list, including in entries that failed the schema. */
  declared: Entry<string>[];
  /** Every entry of the list passed the schema. */
  complete: boolean;
}

export interface ScenarioParts {
  roles: Section<Role>;
  actions: Section<Action>;
  injects: Section<Inject>;
  objectives: Section<Objective>;
  checkpoints: Section<Checkpoint>;
  endStates: Section<EndState>;
  rubric: Section<RubricDimension>;
  /** Undefined when the rounds block is missing or malformed. */
  rounds: Rounds | undefined;
  decisionDefaults: DecisionRule | undefined;
  /** The scenario's own metrics, categories, channels, modules and dashboard (issue 16). */
  metrics: Section<MetricDefinition>;
  modules: Section<Module>;
  infrastructure: boolean;
  categories: string[];
  channels: string[];
  /** Undefined when absent or malformed. */
  tiles: string[] | undefined;
  /** Every inject's channel and action's category as written, malformed entries included. */
  injectChannels: Entry<string>[];
  actionCategories: Entry<string>[];
}

function written(raw: unknown, key: string): Entry<string>[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item, index) => {
    const value = field(item, key);
    return typeof value === 'string' ? [{ index, value }] : [];
  });
}

const labelledIds = z.array(z.object({ id: z.string() }).passthrough());
const tilesSchema = z.object({ tiles: z.array(z.string()) }).passthrough();

function completeSection<T extends { id: string }>(path: readonly string[], items: T[]): Section<T> {
  return {
    path,
    entries: items.map((value, index) => ({ index, value })),
    declared: items.map((value, index) => ({ index, value: value.id })),
    complete: true,
  };
}

/**
 * An action whose category the scenario does not know is reported once (model-semantics.ts) and
 * then set aside like an entry that failed the schema: the checks that read categories (who may
 * propose it, whether each role decides something) would only repeat the same mistake.
 */
function withKnownCategories(parts: ScenarioParts): ScenarioParts {
  const known: readonly string[] = parts.categories.length > 0 ? parts.categories : ACTION_CATEGORIES;
  const entries = parts.actions.entries.filter((e) => known.includes(e.value.category));
  if (entries.length === parts.actions.entries.length) return parts;
  return { ...parts, actions: { ...parts.actions, entries, complete: false } };
}

export function partsOfScenario(scenario: Scenario): ScenarioParts {
  return withKnownCategories({
    roles: completeSection(['roles'], scenario.roles),
    actions: completeSection(['actions'], scenario.actions),
    injects: completeSection(['injects'], scenario.injects),
    objectives: completeSection(['objectives'], scenario.objectives),
    checkpoints: completeSection(['checkpoints'], scenario.checkpoints),
    endStates: completeSection(['endStates'], scenario.endStates),
    rubric: completeSection(['scoring', 'rubric'], scenario.scoring.rubric),
    rounds: scenario.rounds,
    decisionDefaults: scenario.decisionDefaults,
    metrics: completeSection(['metrics'], scenario.metrics ?? []),
    modules: completeSection(['modules'], scenario.modules ?? []),
    infrastructure: scenario.model?.infrastructure ?? true,
    categories: (scenario.categories ?? []).map((c) => c.id),
    channels: (scenario.channels ?? []).map((c) => c.id),
    tiles: scenario.dashboard?.tiles,
    injectChannels: scenario.injects.map((i, index) => ({ index, value: i.channel })),
    actionCategories: scenario.actions.map((a, index) => ({ index, value: a.category })),
  });
}

function field(data: unknown, key: string): unknown {
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)[key]
    : undefined;
}

/** `optional`: an absent list is an empty, complete list (the schema defaults it to []). */
function rawSection<T>(
  path: readonly string[],
  raw: unknown,
  schema: z.ZodType<T>,
  optional: boolean,
): Section<T> {
  if (!Array.isArray(raw)) {
    return { path, entries: [], declared: [], complete: raw === undefined && optional };
  }
  const section: Section<T> = { path, entries: [], declared: [], complete: true };
  raw.forEach((item, index) => {
    const id = field(item, 'id');
    if (typeof id === 'string') section.declared.push({ index, value: id });
    const parsed = schema.safeParse(item);
    if (parsed.success) section.entries.push({ index, value: parsed.data });
    else section.complete = false;
  });
  return section;
}

export function partsOfRawScenario(data: unknown): ScenarioParts {
  return withKnownCategories(rawParts(data));
}

function rawParts(data: unknown): ScenarioParts {
  const rounds = roundsSchema.safeParse(field(data, 'rounds'));
  const decisionDefaults = decisionRuleSchema
    .default({ approvals: [], vetoes: [] })
    .safeParse(field(data, 'decisionDefaults'));
  return {
    roles: rawSection(['roles'], field(data, 'roles'), roleSchema, false),
    actions: rawSection(['actions'], field(data, 'actions'), actionSchema, false),
    injects: rawSection(['injects'], field(data, 'injects'), injectSchema, true),
    objectives: rawSection(['objectives'], field(data, 'objectives'), objectiveSchema, true),
    checkpoints: rawSection(['checkpoints'], field(data, 'checkpoints'), checkpointSchema, true),
    endStates: rawSection(['endStates'], field(data, 'endStates'), endStateSchema, true),
    rubric: rawSection(
      ['scoring', 'rubric'],
      field(field(data, 'scoring'), 'rubric'),
      rubricDimensionSchema,
      false,
    ),
    rounds: rounds.success ? rounds.data : undefined,
    decisionDefaults: decisionDefaults.success ? decisionDefaults.data : undefined,
    metrics: rawSection(['metrics'], field(data, 'metrics'), metricDefinitionSchema, true),
    modules: rawSection(['modules'], field(data, 'modules'), moduleSchema, true),
    infrastructure: modelSchema.safeParse(field(data, 'model') ?? {}).data?.infrastructure ?? true,
    categories: (labelledIds.safeParse(field(data, 'categories')).data ?? []).map((c) => c.id),
    channels: (labelledIds.safeParse(field(data, 'channels')).data ?? []).map((c) => c.id),
    tiles: tilesSchema.safeParse(field(data, 'dashboard')).data?.tiles,
    injectChannels: written(field(data, 'injects'), 'channel'),
    actionCategories: written(field(data, 'actions'), 'category'),
  };
}
