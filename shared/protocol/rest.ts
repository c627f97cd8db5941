import { z } from 'zod';
import { scenarioSummarySchema, sessionListingSchema } from '../views/public';

/** The public payloads are projections; their schemas live with them in shared/views/public.ts. */
export {
  type JoinPreview,
  joinPreviewSchema,
  type ScenarioSummary,
  type SessionListing,
  scenarioSummarySchema,
  sessionListingSchema,
} from '../views/public';

/**
 * The REST API under /api: request and response bodies, written once. Errors are always
 * `{ ok: false, code, message }` with a fitting HTTP status (codes in ./error-codes.ts).
 *
 * Authentication:
 * - `X-Facilitator-Key: <key>` on POST /api/sessions when the server sets FACILITATOR_KEY.
 * - `Authorization: Bearer <facilitatorToken>` for a facilitator's own sessions and exports. The same
 *   token may be sent when creating further exercises, so one facilitator token lists them all.
 */

export const FACILITATOR_KEY_HEADER = 'x-facilitator-key';

export const listScenariosResponseSchema = z.object({ scenarios: z.array(scenarioSummarySchema) });
export type ListScenariosResponse = z.infer<typeof listScenariosResponseSchema>;

/** POST /api/sessions: create an exercise. */
export const createSessionRequestSchema = z
  .object({
    scenarioId: z.string().min(1).max(64),
    /** Fixes the simulation's random seed (replays and rehearsals); random when omitted. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  })
  .strict();
export type CreateSessionRequest = z.infer<typeof createSessionRequestSchema>;
export const createSessionResponseSchema = z.object({
  sessionId: z.string(),
  joinCode: z.string(),
  facilitatorToken: z.string(),
});
export type CreateSessionResponse = z.infer<typeof createSessionResponseSchema>;

/** GET /api/sessions (Bearer facilitator token): the facilitator's sessions. */
export const listSessionsResponseSchema = z.object({ sessions: z.array(sessionListingSchema) });
export type ListSessionsResponse = z.infer<typeof listSessionsResponseSchema>;

/** GET /api/join/:code: `JoinPreview` (shared/views/public.ts). Guarded like a join. */

/**
 * GET /api/sessions/:sessionId/export (Bearer facilitator token): the event log and the outcome.
 * The facilitator is entitled to everything, so events are exported unredacted (token hashes
 * included; tokens themselves are never stored). `events` is always the whole log, read with
 * `SessionStore.readEvents`, whatever snapshots exist: `firstSeq` is 1 and `snapshot` is null. Both
 * fields stay in format version 1 so that a later export may start from a snapshot.
 */
export const sessionExportSchema = z.object({
  format: z.literal('crisis-table-session-export'),
  formatVersion: z.literal(1),
  sessionId: z.string(),
  scenario: z.object({ id: z.string(), version: z.string(), title: z.string() }),
  exportedAt: z.number(),
  lastSeq: z.number(),
  firstSeq: z.number(),
  snapshot: z.object({ seq: z.number(), state: z.unknown() }).nullable(),
  events: z.array(z.object({ seq: z.number(), type: z.string(), at: z.number(), data: z.unknown() })),
  outcome: z.object({
    phase: z.string(),
    round: z.number(),
    day: z.number(),
    /** shared/session/state.ts Outcome, EndStateReached, Score, ObjectiveResult[], CheckpointResult[], RoundResult[]. */
    outcome: z.unknown(),
    endState: z.unknown(),
    score: z.unknown(),
    objectives: z.array(z.unknown()),
    checkpoints: z.array(z.unknown()),
    rounds: z.array(z.unknown()),
  }),
});
export type SessionExport = z.infer<typeof sessionExportSchema>;
