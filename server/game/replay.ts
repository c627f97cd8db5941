import { createActor, type Snapshot, type Actor as XStateActor } from 'xstate';
import type { SessionCreated, SessionEvent } from '../../shared/session/events';
import type { SessionState } from '../../shared/session/state';
import type { StoredEvent } from '../store/session-store';
import { type MachineEvent, type SessionSnapshot, sessionMachine } from './session-machine';

/**
 * The log is the truth (DESIGN.md invariant 1): `replay(events)` rebuilds a session's state from
 * its events alone, through the same machine the live session runs, so the two are equal byte for
 * byte. The first event is always `session-created` (scenario, seed, join code).
 */

export type SessionActor = XStateActor<typeof sessionMachine>;

/** A stored event's `data` is the event without its type and time (those are columns of the log). */
export function toStoredEvent(event: SessionEvent, seq: number): StoredEvent {
  const { type, at, ...data } = event;
  return { seq, type, at, data };
}

export function fromStoredEvent(stored: StoredEvent): SessionEvent {
  return { ...(stored.data as object), type: stored.type, at: stored.at } as SessionEvent;
}

export function startActor(created: SessionCreated): SessionActor {
  return createActor(sessionMachine, { input: created }).start();
}

/** Resumes from a persisted machine snapshot (`actor.getPersistedSnapshot()`). */
export function restoreActor(persisted: unknown): SessionActor {
  const snapshot = persisted as Snapshot<unknown> as SessionSnapshot;
  // XState types ask for the input, but it is read only when a machine starts afresh, never on restore.
  const input = undefined as unknown as SessionCreated;
  return createActor(sessionMachine, { snapshot, input }).start();
}

export function applyEvents(actor: SessionActor, events: readonly SessionEvent[]): void {
  for (const event of events) {
    if (event.type === 'session-created') throw new Error('session-created may only be the first event');
    actor.send(event as MachineEvent);
  }
}

/** The state after `events` (stored or in memory); the first must be `session-created`. */
export function replay(events: readonly (SessionEvent | StoredEvent)[]): SessionState {
  const [first, ...rest] = events.map((e) => ('seq' in e ? fromStoredEvent(e) : e));
  if (first?.type !== 'session-created') throw new Error('a session log starts with session-created');
  const actor = startActor(first);
  applyEvents(actor, rest);
  const state = actor.getSnapshot().context;
  actor.stop();
  return state;
}
