import type { z } from 'zod';
import { didYouMean } from './suggest';

/**
 * Runs a zod schema and turns its issues into messages a facilitator can act on ("required field
 * "name" is missing", "must be one of: news, email, ...; got "twitter" (did you mean ...)") instead
 * of zod's programmer-facing defaults. Messages written into the schema itself (e.g. the id
 * pattern's) take precedence, as zod gives schema-level messages priority over this error map.
 */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
  /** Locate by the mapping key (an unknown field) rather than by the value. */
  at: 'value' | 'key';
  /** Text was expected but YAML read a number, boolean or null: the author should quote it. */
  quoteHint: boolean;
}

export type FieldParse<T> = { success: true; data: T } | { success: false; issues: FieldIssue[] };

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  null: 'empty',
};

function noun(expected: string): string {
  return TYPE_NOUNS[expected] ?? expected;
}

function quote(value: unknown): string {
  return JSON.stringify(value);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    return `text ${quote(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function plural(n: number | bigint, word: string): string {
  return `${n} ${word}${n === 1 || n === 1n ? '' : 's'}`;
}

/** A short description of what one option of a union accepts. */
function describeOption(schema: z.core.$ZodType): string {
  const def = schema._zod.def as z.core.$ZodTypeDef & {
    values?: unknown[];
    shape?: Record<string, unknown>;
    entries?: Record<string, unknown>;
    innerType?: z.core.$ZodType;
  };
  switch (def.type) {
    case 'literal':
      return (def.values ?? []).map(quote).join(' or ');
    case 'enum':
      return `one of ${Object.values(def.entries ?? {})
        .map(quote)
        .join(', ')}`;
    case 'object': {
      const keys = Object.keys(def.shape ?? {});
      // The one object that shares a union with plain numbers: a reference to an action parameter.
      if (keys.includes('param')) return 'a parameter reference such as { param: replicas }';
      return `a mapping with ${keys.join(', ')}`;
    }
    case 'optional':
    case 'default':
      return def.innerType ? describeOption(def.innerType) : def.type;
    default:
      return noun(def.type);
  }
}

function messageFor(issue: RawIssue, allowedKeys: Map<object, string[]>): string | undefined {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${noun(issue.expected)}, got ${describeValue(input)}`;
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string') {
        return min === 1 ? 'must not be empty' : `must be at least ${plural(min, 'character')} long`;
      }
      if (issue.origin === 'array') {
        return min === 1 ? 'must list at least one item' : `must list at least ${plural(min, 'item')}`;
      }
      return issue.inclusive === false
        ? `must be greater than ${min}, got ${describeValue(input)}`
        : `must be at least ${min}, got ${describeValue(input)}`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') {
        const length = typeof input === 'string' ? ` (it has ${input.length})` : '';
        return `must be at most ${plural(max, 'character')} long${length}`;
      }
      if (issue.origin === 'array') return `must list at most ${plural(max, 'item')}`;
      return issue.inclusive === false
        ? `must be less than ${max}, got ${describeValue(input)}`
        : `must be at most ${max}, got ${describeValue(input)}`;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (values.length === 1) return `must be ${quote(values[0])}, got ${describeValue(input)}`;
      return `must be one of: ${values.join(', ')}; got ${describeValue(input)}${didYouMean(input, values)}`;
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        const key = issue.discriminator;
        const options = ((issue.options as unknown[] | undefined) ?? []).map(String);
        const given =
          input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
        if (given === undefined)
          return `required field ${quote(key)} is missing; it must be one of: ${options.join(', ')}`;
        return `unknown ${key} ${quote(given)}; must be one of: ${options.join(', ')}${didYouMean(given, options)}`;
      }
      const def = issue.inst?._zod.def as { options?: z.core.$ZodType[] } | undefined;
      const accepted = (def?.options ?? []).map(describeOption);
      if (accepted.length === 0) return undefined;
      return `must be ${accepted.join(' or ')}; got ${describeValue(input)}`;
    }
    case 'unrecognized_keys': {
      // Split into one problem per key afterwards; remember what the mapping allows.
      const def = issue.inst?._zod.def as { shape?: Record<string, unknown> } | undefined;
      if (input !== null && typeof input === 'object' && def?.shape) {
        allowedKeys.set(input as object, Object.keys(def.shape));
      }
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(quote).join(', ')}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${describeValue(input)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `has the wrong format, got ${describeValue(input)}` : undefined;
    default:
      return undefined;
  }
}

/** A required key that is absent: say so, and what it may hold when that is a fixed list. */
function missingMessage(issue: z.core.$ZodIssue, key: string): string {
  const options =
    issue.code === 'invalid_value'
      ? issue.values.map(String)
      : issue.code === 'invalid_union' && 'options' in issue
        ? ((issue.options as unknown[] | undefined) ?? []).map(String)
        : [];
  const allowed = options.length > 1 ? `; it must be one of: ${options.join(', ')}` : '';
  return `required field ${quote(key)} is missing${allowed}`;
}

/** Messages written into the schema (the id pattern's) do not say what was found; add it. */
function withGot(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_format' && !issue.message.includes('got ')) {
    return `${issue.message}; got ${describeValue(value)}`;
  }
  return issue.message;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

export function parseFields<T>(schema: z.ZodType<T>, data: unknown): FieldParse<T> {
  const allowedKeys = new Map<object, string[]>();
  const result = schema.safeParse(data, { error: (issue) => messageFor(issue, allowedKeys) });
  if (result.success) return { success: true, data: result.data };
  const issues: FieldIssue[] = [];
  for (const issue of result.error.issues) {
    const path = toPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys.get(valueAt(data, issue.path) as object) ?? [];
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, allowed);
        const hint = suggestion || (allowed.length > 0 ? `; allowed here: ${allowed.join(', ')}` : '');
        issues.push({
          path: [...path, key],
          message: `unknown field ${quote(key)}${hint}`,
          at: 'key',
          quoteHint: false,
        });
      }
      continue;
    }
    const value = valueAt(data, issue.path);
    const key = path.at(-1);
    const parent = valueAt(data, issue.path.slice(0, -1));
    const missing =
      value === undefined &&
      key !== undefined &&
      parent !== null &&
      typeof parent === 'object' &&
      !Array.isArray(parent) &&
      !Object.hasOwn(parent, key);
    const message = missing ? missingMessage(issue, String(key)) : withGot(issue, value);
    const quoteHint =
      issue.code === 'invalid_type' &&
      issue.expected === 'string' &&
      (typeof value === 'number' || typeof value === 'boolean');
    issues.push({ path, message, at: 'value', quoteHint });
  }
  return { success: false, issues };
}
