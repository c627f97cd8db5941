import { z } from 'zod';
import { MAX_COHORT_TABLES } from '../session/cohort';
import type { CohortComparison as CohortComparisonBody } from '../views/cohort-room';

/**
 * Classroom mode over REST (issue 13), under /api/cohorts. A cohort is created in one request; the
 * overview, the room projector and the comparison are read with a long poll (`?after=<version>`
 * answers as soon as any table changes, or after a while with the same version), so the console
 * needs no socket of its own and each update is one small overview.
 *
 * Authentication: `Authorization: Bearer <facilitatorToken>` (the same token facilitates every
 * table, so the existing console opens any of them), or the room projector's token for `/room`.
 * Creating needs `X-Facilitator-Key` when the server sets FACILITATOR_KEY, as creating an exercise does.
 */

const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/** POST /api/cohorts */
export const createCohortRequestSchema = z
  .object({
    scenarioId: z.string().min(1).max(64),
    tables: z.number().int().min(1).max(MAX_COHORT_TABLES),
    name: z.string().trim().max(120).default(''),
    /** `same` (default): every table plays one seed, so tables differ only by their decisions. */
    seeds: z.enum(['same', 'different']).default('same'),
    /** Fixes the (first) seed; random when omitted. With `different`, table n plays seed + n - 1. */
    seed: seed.optional(),
  })
  .strict();
export type CreateCohortRequest = z.input<typeof createCohortRequestSchema>;

export const cohortTableLinkSchema = z.object({
  sessionId: z.string(),
  joinCode: z.string(),
  number: z.number(),
});

export const createCohortResponseSchema = z.object({
  cohortId: z.string(),
  facilitatorToken: z.string(),
  /** The room projector's credential (shown once, like every token). */
  screenToken: z.string(),
  tables: z.array(cohortTableLinkSchema),
});
export type CreateCohortResponse = z.infer<typeof createCohortResponseSchema>;

/** The controls that act on several tables at once (each table's own rules still decide). */
export const cohortCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }).strict(),
  z.object({ type: z.literal('advance') }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('extend'), seconds: z.number().int().min(5).max(600).default(30) }).strict(),
  z.object({ type: z.literal('broadcast'), body: z.string().trim().min(1).max(2000) }).strict(),
  z.object({ type: z.literal('fire-inject'), injectId: z.string().min(1).max(64) }).strict(),
]);
export type CohortCommand = z.input<typeof cohortCommandSchema>;

/** POST /api/cohorts/:cohortId/act: one control on every table (`all`) or on the chosen ones. */
export const cohortActRequestSchema = z
  .object({
    command: cohortCommandSchema,
    tables: z.union([z.literal('all'), z.array(z.string().min(1).max(128)).min(1).max(MAX_COHORT_TABLES)]),
  })
  .strict();
export type CohortActRequest = z.input<typeof cohortActRequestSchema>;

export const cohortActResponseSchema = z.object({
  results: z.array(
    z.object({
      sessionId: z.string(),
      number: z.number(),
      ok: z.boolean(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});
export type CohortActResponse = z.infer<typeof cohortActResponseSchema>;

/** POST /api/cohorts/:cohortId/tables/:sessionId/co-facilitator: a co-facilitator link for one table. */
export const coFacilitatorRequestSchema = z.object({ name: z.string().trim().min(1).max(60) }).strict();
export const coFacilitatorResponseSchema = z.object({ sessionId: z.string(), token: z.string() });
export type CoFacilitatorResponse = z.infer<typeof coFacilitatorResponseSchema>;

/** GET .../overview, .../room and .../comparison: the long poll's query. */
export const cohortPollQuerySchema = z.object({
  after: z.coerce.number().int().min(-1).optional(),
});

/** The bodies of GET overview (CohortOverview), room (CohortRoom) and comparison (CohortComparison). */
export type { CohortOverview, OverviewTable } from '../views/cohort-overview';
export type { CohortComparison, CohortRoom } from '../views/cohort-room';

/** A table's class, for its after-action report's "The class" section. */
export interface TableCohort {
  cohortId: string;
  name: string;
  /** This table's number in the class. */
  number: number;
  comparison: CohortComparisonBody;
}

/**
 * The body of GET /api/cohorts/for-session/:sessionId/comparison: the table's class, or null when
 * the table is in no class or the token is not a facilitator's of it (one answer, revealing nothing).
 */
export interface TableCohortResponse {
  cohort: TableCohort | null;
}
