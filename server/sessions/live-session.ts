import type { Command } from '../../shared/protocol/commands';
import type { ErrorCode } from '../../shared/protocol/error-codes';
import type { Actor } from '../../shared/session/actor';
import type { SessionState } from '../../shared/session/state';

export type CommandResult = { ok: true; seq: number } | { ok: false; code: ErrorCode; message: string };

/**
 * One running exercise as the gateway and the API see it: the session runtime (server/game) behind
 * the registry's join code. Only the runtime changes the state; everyone else reads it and sends
 * commands.
 */
export interface LiveSession {
  readonly sessionId: string;
  readonly joinCode: string;
  state(): SessionState;
  /** The last logged seq. */
  seq(): number;
  command(actor: Actor, command: Command): Promise<CommandResult>;
  /** Called after every logged change (commands, timers, computer players) with the new state and seq. */
  subscribe(listener: (state: SessionState, seq: number) => void): () => void;
}
