import type { Rejection } from './errors';
import type { SessionEvent } from './events';

/** `decide`'s answer: the events that record an accepted command, or why it was refused. */
export type Decision = { ok: true; events: SessionEvent[] } | Rejection;

/**
 * What a command came to once the session runtime handled it: accepted and durably logged (the
 * session's last seq afterwards, and the events appended), or refused with a code (by the rules,
 * or because the store could not record it). The one result type from the runtime to every edge.
 */
export type CommandResult = { ok: true; seq: number; events: SessionEvent[] } | Rejection;
