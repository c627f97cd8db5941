import { z } from 'zod';

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

/** GET /api/scenarios: public metadata only (no private briefs, injects or facilitator notes). */
export const scenarioSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  summary: z.string(),
  durationMinutes: z.number(),
  audience: z.string(),
  learningObjectives: z.array(z.string()),
  roles: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      publicBrief: z.string(),
      required: z.boolean(),
      players: z.object({ min: z.number(), max: z.number() }),
    }),
  ),
  rounds: z.object({ count: z.number(), daysPerRound: z.number() }),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;
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

/** GET /api/sessions (Bearer facilitator token): the facilitator's sessions held by this server. */
export const sessionListingSchema = z.object({
  sessionId: z.string(),
  joinCode: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  /** The game's phase name, e.g. "lobby", "round", "debrief", "ended". */
  phase: z.string(),
  round: z.number(),
  players: z.number(),
  createdAt: z.number(),
  lastSeq: z.number(),
  ended: z.boolean(),
});
export type SessionListing = z.infer<typeof sessionListingSchema>;
export const listSessionsResponseSchema = z.object({ sessions: z.array(sessionListingSchema) });
export type ListSessionsResponse = z.infer<typeof listSessionsResponseSchema>;

/** GET /api/join/:code: what a player sees before joining (public role list). Guarded like a join. */
export const joinPreviewSchema = z.object({
  joinCode: z.string(),
  scenarioTitle: z.string(),
  phase: z.string(),
  roles: z.array(z.object({ id: z.string(), name: z.string(), publicBrief: z.string() })),
});
export type JoinPreview = z.infer<typeof joinPreviewSchema>;

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
