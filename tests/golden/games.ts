import type { SessionState } from '../../shared/session/state';
import { SHIPPED_SCENARIOS } from '../shared/session/fixtures/shipped';

/** The golden games and their files (played by ./golden-games.ts; see there). No server module is imported here. */

export type GoldenGame =
  | { kind: 'computers'; scenarioId: (typeof SHIPPED_SCENARIOS)[number]; seed: number }
  | { kind: 'steps'; scenarioId: 'table-scenario'; seed: number; steps: number };

export const GOLDEN_GAMES: GoldenGame[] = [
  ...[1, 2, 3, 7, 11].map((seed) => ({ kind: 'computers' as const, scenarioId: SHIPPED_SCENARIOS[0], seed })),
  ...[7, 11].map((seed) => ({ kind: 'computers' as const, scenarioId: SHIPPED_SCENARIOS[1], seed })),
  ...[1, 2, 3, 4].map((seed) => ({
    kind: 'steps' as const,
    scenarioId: 'table-scenario' as const,
    seed,
    steps: 600,
  })),
];

export interface GoldenEvent {
  seq: number;
  type: string;
  at: number;
  data: unknown;
}

export interface Golden {
  game: GoldenGame;
  /** Each step's answer (steps games only): accepted, or the refusal's code. */
  answers: string[];
  /** The whole log; the scenario inside `session-created` is replaced by its digest. */
  events: GoldenEvent[];
  /** SHA-256 of the final state's JSON (the scenario inside it included). */
  stateDigest: string;
  phase: string;
  round: number;
  day: number;
  score: SessionState['score'];
  outcome: SessionState['outcome'];
}

export function goldenFile(game: GoldenGame): string {
  return new URL(`./${game.kind}-${game.scenarioId}-seed-${game.seed}.json`, import.meta.url).pathname;
}
