import type { Scenario } from '../../../shared/scenario/schema';
import type { Actor } from '../../../shared/session/actor';
import type { Command } from '../../../shared/session/commands';
import { decide as decideCommand } from '../../../shared/session/decide';
import type { Decision } from '../../../shared/session/decision';
import type { SessionEvent } from '../../../shared/session/events';
import { applyEvents, startSession } from '../../../shared/session/machine';
import type { SessionState } from '../../../shared/session/state';

/**
 * The balance harness's one door into the game's rules: start, decide, apply. Everything the
 * policies do goes through these three, so a balance report measures the game as it is played
 * (authority, prerequisites, budget, approvals, votes, lead times, injects: `decide` and the game
 * master machine of shared/session), without the store, the runtime or a clock.
 */

/** A game in progress: the session state (the machine's snapshot is derived from it). */
export interface Game {
  readonly state: SessionState;
}

export type { Decision };

export function startGame(scenario: Scenario, seed: number): Game {
  const state = startSession({
    type: 'session-created',
    at: 0,
    actor: { kind: 'system' },
    sessionId: `balance-${seed}`,
    scenario,
    seed,
    joinCode: 'BALANC',
    facilitatorTokenHash: '0'.repeat(64),
  });
  return { state };
}

export function decide(game: Game, actor: Actor, command: Command, at: number): Decision {
  return decideCommand(game.state, actor, command, at);
}

/** Applies accepted events through the game master machine. */
export function apply(game: Game, events: readonly SessionEvent[]): Game {
  return { state: applyEvents(game.state, events) };
}

/** Nothing to release: a game is plain data. */
export function stopGame(_game: Game): void {}
