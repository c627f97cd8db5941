import { z } from 'zod';
import { scenarioSummarySchema } from '../views/public';

/**
 * The scenario library's REST payloads (server/http/scenario-api.ts), under /api/scenarios:
 *
 *   GET    /api/scenarios                         summaries (as before) + the library's records + folder problems
 *   GET    /api/scenarios/:id                     one record and its latest text          (facilitator key)
 *   GET    /api/scenarios/:id/versions/:v.yaml    one version's text, as a YAML download  (facilitator key)
 *   POST   /api/scenarios                         upload a new scenario: YAML (application/yaml) or JSON
 *   POST   /api/scenarios/:id/versions            save a new version of it (same body types)
 *   POST   /api/scenarios/:id/duplicate           { id, title? }: a copy under a new id
 *   POST   /api/scenarios/:id/archive             { archived }: hide from (or return to) new exercises
 *
 * Every write and every read of a scenario's text needs `X-Facilitator-Key` when FACILITATOR_KEY is
 * set: the text holds private briefs, facilitator notes and future injects. A scenario with problems
 * is refused with 422 `invalid-scenario` and every problem at `file:line:column path`.
 */

export const SCENARIO_ORIGINS = ['shipped', 'folder', 'upload', 'edit', 'copy'] as const;
export const scenarioOriginSchema = z.enum(SCENARIO_ORIGINS);
export type ScenarioOrigin = z.infer<typeof scenarioOriginSchema>;

export const scenarioVersionMetaSchema = z.object({
  version: z.number().int().min(1),
  savedAt: z.number(),
  origin: scenarioOriginSchema,
  sha256: z.string(),
  bytes: z.number().int(),
  /** The file it was read from (shipped, folder) or the scenario@version it was copied from. */
  source: z.string().optional(),
});
export type ScenarioVersionMeta = z.infer<typeof scenarioVersionMetaSchema>;

export const libraryEntrySchema = z.object({
  scenarioId: z.string(),
  title: z.string(),
  archived: z.boolean(),
  versions: z.array(scenarioVersionMetaSchema),
});
export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

/** A problem with a file, located as the validator locates every problem. */
export const locatedProblemSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  path: z.string(),
  message: z.string(),
});
export type LocatedProblem = z.infer<typeof locatedProblemSchema>;

export const scenarioLibraryListSchema = z.object({
  scenarios: z.array(scenarioSummarySchema),
  library: z.array(libraryEntrySchema),
  /** Files in SCENARIO_DIR (or the shipped folder) that could not be loaded, with where and why. */
  problems: z.array(locatedProblemSchema),
});
export type ScenarioLibraryList = z.infer<typeof scenarioLibraryListSchema>;

export const scenarioDetailSchema = z.object({
  entry: libraryEntrySchema,
  version: z.number(),
  /** The version's text, as saved (YAML or JSON). */
  text: z.string(),
});
export type ScenarioDetail = z.infer<typeof scenarioDetailSchema>;

export const savedScenarioSchema = z.object({
  scenarioId: z.string(),
  version: z.number(),
  /** False when the text was the latest version's already (nothing new was written). */
  created: z.boolean(),
});
export type SavedScenario = z.infer<typeof savedScenarioSchema>;

export const invalidScenarioSchema = z.object({
  ok: z.literal(false),
  code: z.literal('invalid-scenario'),
  message: z.string(),
  problems: z.array(locatedProblemSchema),
});
export type InvalidScenario = z.infer<typeof invalidScenarioSchema>;

export const duplicateScenarioRequestSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and dashes')
      .max(64),
    title: z.string().trim().min(1).max(160).optional(),
  })
  .strict();
export type DuplicateScenarioRequest = z.infer<typeof duplicateScenarioRequestSchema>;

export const archiveScenarioRequestSchema = z.object({ archived: z.boolean() }).strict();
