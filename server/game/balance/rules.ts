import type { Command } from '../../../shared/protocol/commands';
import type { Rejection } from '../../../shared/protocol/errors';
import type { Scenario } from '../../../shared/scenario/schema';
import type { Actor } from '../../../shared/session/actor';
import { decide as decideCommand } from '../../../shared/session/decide';
import type { SessionEvent } from '../../../shared/session/events';
import type { SessionState } from '../../../shared/session/state';
import { applyEvents, type SessionActor, startActor } from '../replay';

/**
 * The balance harness's one door into the game's rules: start, decide, apply. Everything the
 * policies do goes through these three, so a balance report measures the game as it is played
 * (authority, prerequisites, budget, approvals, votes, lead times, injects), without the store, the
 * runtime or a clock. Today the machine lives in server/game (replay.ts); when it moves into
 * shared/session only this file changes.
 */

/** A game in progress: the session state, and the machine that owns its phases. */
export interface Game {
  readonly state: SessionState;
  readonly machine: SessionActor;
}

export function startGame(scenario: Scenario, seed: number): Game {
  const machine = startActor({
    type: 'session-created',
    at: 0,
    actor: { kind: 'system' },
    sessionId: `balance-${seed}`,
    scenario,
    seed,
    joinCode: 'BALANC',
    facilitatorTokenHash: '0'.repeat(64),
  });
  return { state: machine.getSnapshot().context, machine };
}

export type Decision = { ok: true; events: SessionEvent[] } | Rejection;

export function decide(game: Game, actor: Actor, command: Command, at: number): Decision {
  return decideCommand(game.state, actor, command, at);
}

/** Applies accepted events through the machine. The machine is advanced in place: a game is played forward only. */
export function apply(game: Game, events: readonly SessionEvent[]): Game {
  applyEvents(game.machine, events);
  return { state: game.machine.getSnapshot().context, machine: game.machine };
}

export function stopGame(game: Game): void {
  game.machine.stop();
}
