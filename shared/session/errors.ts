import { z } from 'zod';

/**
 * Why a session refused a command. The realtime gateway's own codes (authentication, rate limits,
 * unknown sockets events) are in shared/protocol/gateway-errors.ts. Codes are stable: clients switch on them; the
 * message is for people. A refused command changes nothing: it is not logged and not applied.
 */
export const GAME_ERRORS = {
  'invalid-payload': 'The command does not match its schema (the message lists the fields).',
  'unknown-command': 'No command has this type.',
  'not-authorized': 'This actor may not issue this command (wrong kind of participant, removed, or revoked).',
  'wrong-phase': 'The command is not allowed in the current phase of the exercise.',
  paused: 'The exercise is paused; the facilitator must resume it first.',
  'not-found': 'No player, role, proposal, inject, objective or rubric dimension with this id.',
  'outside-authority': 'The scenario does not give this role authority for this action or decision.',
  'already-decided': 'The proposal is no longer open (approved, rejected, vetoed, withdrawn or resolved).',
  'over-budget': 'The action costs more than the cash and emergency budget left.',
  'prerequisite-missing': 'An action this one depends on has not been applied yet.',
  'not-repeatable':
    'The action has reached its repeat limit (once a round by default, once an exercise unless repeatable; a scenario may set limits).',
  'role-full':
    'The role (or every role) already has its maximum number of players, or the facilitator reserved it for the computer.',
  'lobby-locked': 'The facilitator has closed the exercise to new players; ask them to open it.',
  'invalid-parameters': "The action's parameters are missing, unknown or outside their range.",
  'stale-timer': 'The timer this expiry refers to was paused, extended or replaced.',
  ended: 'The exercise has ended; the session accepts no more commands.',
  conflict:
    'The command contradicts the current state (e.g. revoking the last facilitator credential), or another writer changed the session first.',
  'storage-unavailable':
    'The session store could not be reached or refused the write; nothing was changed: retry when it is back.',
  'storage-outcome-unknown':
    'The session store did not confirm the write in time: the command may or may not have been recorded (it may still land). Retry with the same idempotencyKey (applied at most once, and answered with the original result if it landed), or sync and check the view before sending it again.',
  'internal-error': 'The session failed to handle the command (a defect, logged); nothing was changed.',
  'session-closed':
    'This server no longer runs the session (unloaded after it ended, or the server is stopping); nothing was changed: reconnect.',
} as const;

export type GameErrorCode = keyof typeof GAME_ERRORS;
export const GAME_ERROR_CODES = Object.keys(GAME_ERRORS) as GameErrorCode[];
export const gameErrorCodeSchema = z.enum(GAME_ERROR_CODES as [GameErrorCode, ...GameErrorCode[]]);

/** A refused command, as a value (never thrown across a boundary). */
export interface Rejection {
  ok: false;
  code: GameErrorCode;
  message: string;
}

export function rejection(code: GameErrorCode, message: string): Rejection {
  return { ok: false, code, message };
}
