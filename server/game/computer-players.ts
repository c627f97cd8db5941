import type { Actor } from '../../shared/session/actor';
import { computerRoles } from '../../shared/session/authority';
import type { Command } from '../../shared/session/commands';
import { computerMoves } from './computer-player';
import type { SessionPart, SessionRuntime } from './session-runtime';

/**
 * Seats a computer player in every required role nobody holds and lets it act whenever the
 * session changes. Its commands go through `runtime.command` like anyone's, so they are decided,
 * logged and replayed the same way. Moves are made one at a time in the scenario's role order,
 * which keeps a game with a fixed seed and clock identical from run to run.
 */

export interface ComputerPlayersOptions {
  /** Most commands in one burst before yielding (a policy that never settles would otherwise spin). */
  maxMovesPerBurst?: number;
  onWarning?: (message: string, error: unknown) => void;
}

export class ComputerPlayers implements SessionPart {
  readonly #runtime: SessionRuntime;
  readonly #maxMoves: number;
  readonly #onWarning: (message: string, error: unknown) => void;
  #detach: (() => void) | undefined;
  /** Between onCreate and onDispose: the runtime is serving the session and this part is attached. */
  #active = false;
  #burst: Promise<void> | undefined;
  #again = false;

  constructor(runtime: SessionRuntime, options: ComputerPlayersOptions = {}) {
    this.#runtime = runtime;
    this.#maxMoves = options.maxMovesPerBurst ?? 1000;
    this.#onWarning = options.onWarning ?? (() => {});
  }

  /** Starts playing (attaches to the runtime). */
  start(): void {
    if (!this.#detach) this.#detach = this.#runtime.attach(this);
  }

  /** Stops playing (detaches from the runtime). */
  dispose(): void {
    this.#detach?.();
  }

  onCreate(): void {
    this.#active = true;
    this.#wake();
  }

  onCommand(): void {
    this.#wake();
  }

  onDispose(): void {
    this.#active = false;
    this.#detach = undefined;
  }

  /** Resolves once the computer players have nothing more to do and the session is idle. */
  async idle(): Promise<void> {
    for (;;) {
      await this.#runtime.idle();
      const burst = this.#burst;
      if (!burst) return;
      await burst;
    }
  }

  /** The next accepted move of any computer player, in role order. */
  nextMove(): { actor: Actor; command: Command } | undefined {
    const state = this.#runtime.state;
    for (const roleId of computerRoles(state)) {
      const actor: Actor = { kind: 'computer', roleId };
      for (const command of computerMoves(state, roleId)) {
        if (this.#runtime.check(actor, command).ok) return { actor, command };
      }
    }
    return undefined;
  }

  #wake(): void {
    if (!this.#active || this.#runtime.disposed) return;
    if (this.#burst) {
      this.#again = true;
      return;
    }
    this.#burst = this.#play().finally(() => {
      this.#burst = undefined;
    });
  }

  async #play(): Promise<void> {
    // Let the change that woke us finish notifying before acting on it.
    await Promise.resolve();
    do {
      this.#again = false;
      for (let moves = 0; moves < this.#maxMoves; moves++) {
        if (!this.#active || this.#runtime.disposed) return;
        const move = this.nextMove();
        if (!move) break;
        const result = await this.#runtime.command(move.actor, move.command);
        if (!result.ok) {
          this.#onWarning(
            `computer ${move.command.type} refused: ${result.code} ${result.message}`,
            undefined,
          );
          break;
        }
        if (moves === this.#maxMoves - 1)
          this.#onWarning('computer players did not settle; pausing their moves', undefined);
      }
    } while (this.#again);
  }
}
