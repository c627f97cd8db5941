import { afterEach, describe, expect, test } from 'vitest';
import { SessionRuntime } from '../../../server/game/session-runtime';
import { MemoryStore } from '../../../server/store/memory-store';
import {
  type AppendResult,
  type StoredEvent,
  StoreUnavailableError,
} from '../../../server/store/session-store';
import { FACILITATOR } from '../../../shared/session/actor';
import { toSnapshot } from '../../../shared/session/snapshot';
import { FakeClock } from '../game/fixtures/fake-clock';
import { openTable, type Table } from '../game/fixtures/harness';

/**
 * Finding 5 (issue 14): when the store hangs past its deadline the write can land later, and the
 * client used to be told "nothing was changed" (`storage-unavailable`), so a retry recorded the
 * command twice. Now an unknown outcome is reported as `storage-outcome-unknown`, and a retry
 * carrying the same idempotency key is answered with the original result and never applied twice,
 * also by a runtime restored from the store after a restart (the key is in the log).
 */

/** A Redis that hangs: the append times out for the caller, then lands `lateMs` later. */
class HangingStore extends MemoryStore {
  hangNext = false;
  lateMs = 30;
  landed: Promise<void> = Promise.resolve();

  override async append(
    sessionId: string,
    expectedSeq: number,
    events: StoredEvent[],
  ): Promise<AppendResult> {
    if (!this.hangNext) return super.append(sessionId, expectedSeq, events);
    this.hangNext = false;
    this.landed = new Promise<void>((resolve) =>
      setTimeout(() => void super.append(sessionId, expectedSeq, events).then(() => resolve()), this.lateMs),
    );
    throw new StoreUnavailableError('no reply within 1500 ms', { outcomeUnknown: true });
  }
}

const BROADCAST = { type: 'broadcast', body: 'Ten minutes left.', audience: 'all' } as const;
const tables: Table[] = [];
afterEach(async () => {
  for (const t of tables.splice(0)) await t.dispose();
});

async function table(store: HangingStore): Promise<Table> {
  const t = await openTable({ store });
  tables.push(t);
  return t;
}

const broadcasts = async (store: MemoryStore) =>
  (await store.readEvents('session-test')).filter((e) => e.type === 'message-sent');

describe('storage timeouts that never lie (finding 5)', () => {
  test('a write that may still land is reported as storage-outcome-unknown, not "nothing was changed"', async () => {
    const store = new HangingStore();
    const t = await table(store);
    store.hangNext = true;
    const result = await t.runtime.command(FACILITATOR, BROADCAST, { idempotencyKey: 'retry-key-0001' });
    expect(result).toMatchObject({ ok: false, code: 'storage-outcome-unknown' });
  });

  test('a retry with the same key after the late write landed gets the original result, applied once', async () => {
    const store = new HangingStore();
    const t = await table(store);
    store.hangNext = true;
    const key = { idempotencyKey: 'retry-key-0002' };
    const first = await t.runtime.command(FACILITATOR, BROADCAST, key);
    expect(first).toMatchObject({ ok: false, code: 'storage-outcome-unknown' });
    await store.landed;
    const retry = await t.runtime.command(FACILITATOR, BROADCAST, key);
    expect(retry).toMatchObject({ ok: true, seq: 2 });
    const again = await t.runtime.command(FACILITATOR, BROADCAST, key);
    expect(again).toEqual(retry);
    expect(await broadcasts(store)).toHaveLength(1);
    expect(t.runtime.state.messages).toHaveLength(1);
  });

  test('a retry racing the late write is applied at most once', async () => {
    const store = new HangingStore();
    store.lateMs = 0;
    const t = await table(store);
    store.hangNext = true;
    const key = { idempotencyKey: 'retry-key-0003' };
    await t.runtime.command(FACILITATOR, BROADCAST, key);
    const retries = await Promise.all([1, 2, 3].map(() => t.runtime.command(FACILITATOR, BROADCAST, key)));
    await store.landed;
    expect(retries.every((r) => r.ok)).toBe(true);
    expect(await broadcasts(store)).toHaveLength(1);
  });

  test('the key is in the log: after a restart a retry is still answered with the original result', async () => {
    const store = new HangingStore();
    const t = await table(store);
    const key = { idempotencyKey: 'retry-key-0004' };
    const original = await t.runtime.command(FACILITATOR, BROADCAST, key);
    expect(original.ok).toBe(true);
    // Many commands later, with a snapshot in between, a new process loads the session.
    for (let i = 0; i < 120; i++) await t.runtime.command(FACILITATOR, { ...BROADCAST, body: `Note ${i}` });
    await store.snapshot('session-test', { seq: t.runtime.seq, state: toSnapshot(t.runtime.state) });
    const loaded = await SessionRuntime.load(
      { store, clock: new FakeClock(), snapshotEvery: 50 },
      'session-test',
    );
    if (!loaded.ok) throw new Error(loaded.message);
    const retry = await loaded.runtime.command(FACILITATOR, BROADCAST, key);
    expect(retry).toEqual(original);
    expect(await broadcasts(store)).toHaveLength(121);
    await loaded.runtime.dispose();
  });

  test('a command without a key logs no key, so existing logs are unchanged', async () => {
    const store = new HangingStore();
    const t = await table(store);
    await t.runtime.command(FACILITATOR, BROADCAST);
    const [event] = await broadcasts(store);
    expect(JSON.stringify(event)).not.toContain('idempotencyKey');
  });
});
