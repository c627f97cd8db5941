import { z } from 'zod';
import type { Role, Scenario } from '../scenario/schema';
import type { SessionState } from '../session/state';
import type { PublicRole, PublicScenario, ScenarioHeadline } from './view';

/**
 * What anyone may read before or outside an exercise, projected once: a scenario's headline and
 * its roles' public cards (for the scenario list, the join preview and the table's own scenario),
 * the join preview, and a facilitator's listing of a session. The REST payloads
 * (shared/protocol/rest.ts) are these schemas; the client validates with them.
 */

const roleCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  publicBrief: z.string(),
  required: z.boolean(),
  players: z.object({ min: z.number(), max: z.number() }),
});
export type RoleCard = z.infer<typeof roleCardSchema>;

/** GET /api/scenarios: public metadata only (no private briefs, injects or facilitator notes). */
export const scenarioSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  summary: z.string(),
  durationMinutes: z.number(),
  audience: z.string(),
  learningObjectives: z.array(z.string()),
  roles: z.array(roleCardSchema),
  rounds: z.object({ count: z.number(), daysPerRound: z.number(), unit: z.string().optional() }),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

/** GET /api/join/:code: what a player sees before joining (the public role cards). */
export const joinPreviewSchema = z.object({
  joinCode: z.string(),
  scenarioTitle: z.string(),
  phase: z.string(),
  roles: z.array(roleCardSchema),
});
export type JoinPreview = z.infer<typeof joinPreviewSchema>;

/** GET /api/sessions: one of the facilitator's sessions. */
export const sessionListingSchema = z.object({
  sessionId: z.string(),
  joinCode: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  /** The game's phase name, e.g. "lobby", "deliberation", "debrief", "ended". */
  phase: z.string(),
  round: z.number(),
  players: z.number(),
  createdAt: z.number(),
  lastSeq: z.number(),
  ended: z.boolean(),
});
export type SessionListing = z.infer<typeof sessionListingSchema>;

/** The fields of a scenario anyone may read, for the table's view and for the public scenario list alike. */
export function scenarioHeadline(scenario: Scenario): ScenarioHeadline {
  return {
    id: scenario.id,
    title: scenario.title,
    version: scenario.version,
    summary: scenario.summary,
    durationMinutes: scenario.durationMinutes,
    audience: scenario.audience,
    learningObjectives: scenario.learningObjectives,
  };
}

/** A role as anyone may see it before joining: no private brief, no secret objectives. */
export function roleCard(role: Role): RoleCard {
  return {
    id: role.id,
    name: role.name,
    publicBrief: role.publicBrief,
    required: role.required,
    players: { min: role.players.min, max: role.players.max },
  };
}

/** A role as the table sees it: its card and its authority. */
export function publicRole(role: Role): PublicRole {
  return { ...roleCard(role), authority: role.authority };
}

export function scenarioSummary(scenario: Scenario): ScenarioSummary {
  return {
    ...scenarioHeadline(scenario),
    roles: scenario.roles.map(roleCard),
    rounds: {
      count: scenario.rounds.count,
      daysPerRound: scenario.rounds.daysPerRound,
      ...(scenario.rounds.unit ? { unit: scenario.rounds.unit } : {}),
    },
  };
}

export function publicScenario(scenario: Scenario): PublicScenario {
  return {
    ...scenarioHeadline(scenario),
    roles: scenario.roles.map(publicRole),
    actions: scenario.actions,
    decisionDefaults: scenario.decisionDefaults,
    rounds: scenario.rounds,
    checkpoints: scenario.checkpoints,
    objectives: scenario.objectives,
    endStates: scenario.endStates,
    scoring: scenario.scoring,
    simulation: scenario.simulation,
    ...modelOf(scenario),
  };
}

/** The scenario's own model, only the parts it declares, so a SocialWave view is what it always was. */
function modelOf(scenario: Scenario): Partial<PublicScenario> {
  const { model, metrics, categories, channels, dashboard, modules } = scenario;
  return Object.fromEntries(
    Object.entries({ model, metrics, categories, channels, dashboard, modules }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}

export function joinPreview(state: SessionState): JoinPreview {
  return {
    joinCode: state.joinCode,
    scenarioTitle: state.scenario.title,
    phase: state.phase,
    roles: state.scenario.roles.map(roleCard),
  };
}

export function sessionListing(state: SessionState, seq: number): SessionListing {
  return {
    sessionId: state.sessionId,
    joinCode: state.joinCode,
    scenarioId: state.scenario.id,
    scenarioTitle: state.scenario.title,
    phase: state.phase,
    round: state.round,
    players: state.players.filter((p) => !p.removed).length,
    createdAt: state.createdAt,
    lastSeq: seq,
    ended: state.phase === 'ended',
  };
}
