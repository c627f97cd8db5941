import { z } from 'zod';
import { scenarioEffectSchema } from '../sim/effects';
import { decisionRuleSchema, scenarioSchema } from './schema';

/**
 * The JSON Schema that editors use to autocomplete and check scenario files
 * (`# yaml-language-server: $schema=./scenario.schema.json`). Generated from the zod schema, so it
 * cannot drift from what the loader accepts; `npm run scenario:schema` writes it to
 * scenarios/scenario.schema.json and a test fails when the committed copy is stale. `io: 'input'`
 * describes what an author writes: fields with defaults are optional.
 */

/**
 * Parts that occur several times, moved under `$defs` with readable names. (zod's own `reused: 'ref'`
 * would also hoist every small repeated number type under generated names like `__schema42`.)
 */
const SHARED_DEFINITIONS: Record<string, z.ZodType> = {
  Effect: scenarioEffectSchema,
  DecisionRule: decisionRuleSchema,
};

function toJson(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

/** Keys a use of a shared definition may add around it (`test: metricConditionSchema.describe(...)`). */
const ANNOTATIONS = ['description', 'default'];

/** Replaces every subtree equal to a shared definition (apart from annotations) with a `$ref` to it. */
function hoist(node: unknown, refs: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => hoist(item, refs));
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node);
  const annotations = entries.filter(([key]) => ANNOTATIONS.includes(key));
  const body = Object.fromEntries(entries.filter(([key]) => !ANNOTATIONS.includes(key)));
  const exact = refs.get(JSON.stringify(node));
  if (exact !== undefined) return { $ref: `#/$defs/${exact}` };
  const annotated = refs.get(JSON.stringify(body));
  if (annotated !== undefined) return { ...Object.fromEntries(annotations), $ref: `#/$defs/${annotated}` };
  return Object.fromEntries(entries.map(([key, value]) => [key, hoist(value, refs)]));
}

export function scenarioJsonSchema(): Record<string, unknown> {
  const definitions = Object.entries(SHARED_DEFINITIONS).map(
    ([name, schema]) => [name, toJson(schema)] as const,
  );
  const refs = new Map(definitions.map(([name, json]) => [JSON.stringify(json), name]));
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input' }) as Record<string, unknown>;
  // The one recursive part, the condition (all / any / not of conditions), comes out under a
  // generated name; it is given a readable one.
  const named = JSON.parse(
    JSON.stringify(generated).replace(/#\/\$defs\/__schema0"/g, '#/$defs/Condition"'),
  ) as Record<string, unknown>;
  const { $schema: dialect, $defs: recursive, ...root } = named;
  const recursiveDefs = Object.entries((recursive ?? {}) as Record<string, unknown>).map(
    ([name, json]) => [name === '__schema0' ? 'Condition' : name, hoist(json, refs)] as const,
  );
  return {
    $schema: dialect,
    title: 'Crisis Table scenario',
    description:
      'A Crisis Table exercise: roles, the action catalog, rounds, injects (the MSEL), objectives, end states and scoring. See docs/authoring.md.',
    ...(hoist(root, refs) as Record<string, unknown>),
    $defs: { ...Object.fromEntries(definitions), ...Object.fromEntries(recursiveDefs) },
  };
}

/** The file's exact text: two-space indentation and a final newline, stable across runs. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
