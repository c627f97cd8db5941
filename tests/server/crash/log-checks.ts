import { expect } from 'vitest';
import { systemClock } from '../../../server/game/clock';
import { SessionRuntime } from '../../../server/game/session-runtime';
import type { SessionStore, StoredEvent } from '../../../server/store/session-store';
import type { ViewEvent } from '../../../shared/protocol/events';
import type { SessionExport } from '../../../shared/protocol/rest';
import { replay } from '../../../shared/session/replay';
import type { SessionState } from '../../../shared/session/state';
import { project } from '../../../shared/views/project';
import type { AckedCommand } from './crash-table';

/** What the crash tests assert about a session's log after every crash. */

/** The log is gap-free from seq 1. */
export function expectGapFree(events: readonly StoredEvent[], where: string): void {
  const seqs = events.map((event) => event.seq);
  expect(seqs, `${where}: seqs run 1..n without a gap`).toEqual(
    Array.from({ length: seqs.length }, (_, i) => i + 1),
  );
}

/** Every acknowledged command is in the log, at the seq its ack named, as the event it must be. */
export function expectAcknowledgedInLog(
  events: readonly StoredEvent[],
  acked: readonly AckedCommand[],
  where: string,
): void {
  const lastSeq = events.at(-1)?.seq ?? 0;
  for (const command of acked) {
    const event = events[command.seq - 1];
    expect(
      event,
      `${where}: acknowledged seq ${command.seq} is in the log (last seq ${lastSeq})`,
    ).toBeDefined();
    expect(command.types, `${where}: the event at seq ${command.seq}`).toContain(event?.type);
    expect(event?.data, `${where}: the event at seq ${command.seq}`).toMatchObject(command.data);
  }
}

/**
 * The state a server booting now would restore, through the same code path it uses
 * (`SessionRuntime.load`: latest snapshot + the log after it). The store is wrapped read-only so the
 * check writes nothing (not even the snapshot `dispose` stores) that could help the next boot.
 */
export async function restoredState(store: SessionStore, sessionId: string): Promise<SessionState> {
  const loaded = await SessionRuntime.load({ store: readOnly(store), clock: systemClock }, sessionId);
  if (!loaded.ok) throw new Error(`session ${sessionId} could not be restored: ${loaded.message}`);
  const state = structuredClone(loaded.runtime.state);
  await loaded.runtime.dispose();
  return state;
}

/** The restored state (snapshot + tail) equals a replay of the whole log from seq 1. */
export async function expectRestoredEqualsReplay(
  store: SessionStore,
  sessionId: string,
  events: readonly StoredEvent[],
  where: string,
): Promise<void> {
  const restored = await restoredState(store, sessionId);
  expect(restored, `${where}: restored state equals replay(log)`).toEqual(replay(events));
}

/** The view a restarted server sent equals the projection of the replayed log up to the view's seq. */
export function expectViewEqualsReplay(
  received: ViewEvent,
  events: readonly StoredEvent[],
  where: string,
): void {
  if (received.view.kind !== 'facilitator')
    throw new Error(`expected a facilitator view, got ${received.view.kind}`);
  expect(events.length, `${where}: the log reaches the view's seq`).toBeGreaterThanOrEqual(received.seq);
  const state = replay(events.slice(0, received.seq));
  // Views travel as JSON: compare with the projection as it would arrive.
  const expected = JSON.parse(JSON.stringify(project(state, { kind: 'facilitator' })));
  expect(received.view, `${where}: the restored view at seq ${received.seq}`).toStrictEqual(expected);
}

/** The whole log as the export endpoint hands it to the facilitator. */
export async function exportedLog(
  url: string,
  sessionId: string,
  facilitatorToken: string,
): Promise<StoredEvent[]> {
  const res = await fetch(`${url}/api/sessions/${sessionId}/export`, {
    headers: { authorization: `Bearer ${facilitatorToken}` },
  });
  if (res.status !== 200) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as SessionExport;
  expect(body.firstSeq).toBe(1);
  expect(body.snapshot).toBeNull();
  expect(body.events.at(-1)?.seq ?? 0).toBe(body.lastSeq);
  return body.events;
}

function readOnly(store: SessionStore): SessionStore {
  const refuse = async (): Promise<never> => {
    throw new Error('the crash checks only read the store');
  };
  return {
    kind: store.kind,
    load: (sessionId) => store.load(sessionId),
    readEvents: (sessionId, afterSeq) => store.readEvents(sessionId, afterSeq),
    list: () => store.list(),
    ping: () => store.ping(),
    append: refuse,
    snapshot: refuse,
    archive: refuse,
    delete: refuse,
    close: async () => {},
  };
}
