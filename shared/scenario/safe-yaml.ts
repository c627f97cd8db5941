import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/**
 * How every piece of author-written YAML is parsed (scenario files, effects cells of an MSEL
 * spreadsheet): YAML 1.2 core schema only, no custom or language tags, no merge keys, duplicate keys
 * refused. One definition so that no reader of author input is laxer than another.
 */
export const SAFE_YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;
