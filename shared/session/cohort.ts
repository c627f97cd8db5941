import { z } from 'zod';

/**
 * A cohort (classroom mode, issue 13): one facilitator runs several tables of the same scenario
 * version at once. Each table is a complete exercise of its own (its own log, code, seats, timers);
 * the cohort's own small log says which tables belong together and what was done to several of
 * them at once. It is stored beside the sessions under an id of its own kind (`c_...`), so a
 * restart restores it like a session, and its events are plain log entries.
 */

export const COHORT_ID_PREFIX = 'c_';
/** A workshop of 40 is 8-10 tables of four; the bound leaves room for a larger hall. */
export const MAX_COHORT_TABLES = 20;

export function isCohortId(id: string): boolean {
  return id.startsWith(COHORT_ID_PREFIX);
}

const ref = z.string().min(1).max(128);
const tokenHash = z.string().regex(/^[0-9a-f]{64}$/);

export const cohortTableSchema = z.object({
  sessionId: ref,
  joinCode: z.string().min(1).max(16),
  /** 1-based, as the room says it ("table 3"). */
  number: z.number().int().min(1),
  /** SECRET: the table's seed; kept here so the cohort says whether its tables share one. */
  seed: z.number().int(),
});
export type CohortTable = z.infer<typeof cohortTableSchema>;

export const cohortCreatedSchema = z.object({
  type: z.literal('cohort-created'),
  cohortId: ref,
  name: z.string().max(120),
  scenario: z.object({ id: ref, version: z.string().max(64), title: z.string().max(200) }),
  /** Whether every table plays the same seed (the tables then differ only by their decisions). */
  sameSeed: z.boolean(),
  tables: z.array(cohortTableSchema).min(1).max(MAX_COHORT_TABLES),
  /** SECRET: the facilitator's token hash (the same token facilitates every table). */
  facilitatorTokenHash: tokenHash,
  /** SECRET: the room projector's token hash. */
  screenTokenHash: tokenHash,
  at: z.number(),
});

/** One control applied to several tables at once, with what each table answered. */
export const cohortActedSchema = z.object({
  type: z.literal('cohort-acted'),
  command: z.string().max(40),
  sessionIds: z.array(ref).max(MAX_COHORT_TABLES),
  results: z.array(z.object({ sessionId: ref, ok: z.boolean(), code: z.string().max(64).optional() })),
  at: z.number(),
});

export const cohortEventSchema = z.discriminatedUnion('type', [cohortCreatedSchema, cohortActedSchema]);
export type CohortEvent = z.infer<typeof cohortEventSchema>;
export type CohortCreated = z.infer<typeof cohortCreatedSchema>;

export interface CohortState {
  cohortId: string;
  name: string;
  scenario: CohortCreated['scenario'];
  sameSeed: boolean;
  tables: CohortTable[];
  facilitatorTokenHash: string;
  screenTokenHash: string;
  createdAt: number;
  /** The controls applied, newest last (the cohort's audit trail). */
  actions: { command: string; sessionIds: string[]; ok: number; refused: number; at: number }[];
}

/** The cohort's state from its log: pure, so a restart rebuilds the same cohort. */
export function replayCohort(events: readonly CohortEvent[]): CohortState | undefined {
  const [first, ...rest] = events;
  if (first?.type !== 'cohort-created') return undefined;
  let state: CohortState = {
    cohortId: first.cohortId,
    name: first.name,
    scenario: first.scenario,
    sameSeed: first.sameSeed,
    tables: first.tables,
    facilitatorTokenHash: first.facilitatorTokenHash,
    screenTokenHash: first.screenTokenHash,
    createdAt: first.at,
    actions: [],
  };
  for (const event of rest) state = evolveCohort(state, event);
  return state;
}

export function evolveCohort(state: CohortState, event: CohortEvent): CohortState {
  switch (event.type) {
    case 'cohort-created':
      return state;
    case 'cohort-acted':
      return {
        ...state,
        actions: [
          ...state.actions,
          {
            command: event.command,
            sessionIds: event.sessionIds,
            ok: event.results.filter((r) => r.ok).length,
            refused: event.results.filter((r) => !r.ok).length,
            at: event.at,
          },
        ].slice(-200),
      };
  }
}
