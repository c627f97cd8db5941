import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { NO_COMPUTER_PLAYERS, startRealtimeServer, UNLIMITED_RATE } from '../realtime/table';

/**
 * Issue 14, finding 5, over real sockets and a real restart: a command sent with an idempotency
 * key, the server stopped and started again on the same data directory (file store), and the same
 * key sent again from a new connection is answered with the original result, with no second event
 * in the log. (storage-timeouts.test.ts covers the runtime's index on its own.)
 */
describe('idempotency keys survive a restart of the server', () => {
  it('a retry after the restart gets the original ack and records nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-idempotency-'));
    const overrides = { ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE };
    const key = 'restart-retry-0001';
    const broadcast = { type: 'broadcast', body: 'Doors close at noon.' } as const;

    const first = await startRealtimeServer(overrides, { DATA_DIR: dataDir });
    const exercise = await createExercise(first.url, 'socialwave-first-30-days');
    const before = await TestClient.connect(first.url);
    await before.authenticate(exercise.sessionId, exercise.facilitatorToken);
    const original = await before.emit('command', { command: broadcast, idempotencyKey: key });
    expect(original).toMatchObject({ ok: true });
    // Retried on the same server: the same answer.
    expect(await before.emit('command', { command: broadcast, idempotencyKey: key })).toEqual(original);
    before.close();
    await first.close();

    const second = await startRealtimeServer(overrides, { DATA_DIR: dataDir });
    try {
      const after = await TestClient.connect(second.url);
      const authenticated = await after.authenticate(exercise.sessionId, exercise.facilitatorToken);
      expect(authenticated).toMatchObject({ ok: true, seq: original.ok ? original.seq : -1 });
      const retry = await after.emit('command', { command: broadcast, idempotencyKey: key });
      expect(retry).toEqual(original);

      const exported = (await (
        await fetch(`${second.url}/api/sessions/${exercise.sessionId}/export`, {
          headers: { authorization: `Bearer ${exercise.facilitatorToken}` },
        })
      ).json()) as { events: { seq: number; type: string; data: { idempotencyKey?: string } }[] };
      const keyed = exported.events.filter((e) => e.data.idempotencyKey === key);
      expect(keyed).toHaveLength(1);
      expect(exported.events.at(-1)?.seq).toBe(original.ok ? original.seq : -1);

      // A new key is a new command: decided and logged once more.
      const fresh = await after.emit('command', { command: broadcast, idempotencyKey: 'restart-retry-0002' });
      expect(fresh).toMatchObject({ ok: true, seq: (original.ok ? original.seq : 0) + 1 });
      after.close();
    } finally {
      await second.close();
    }
  }, 30_000);
});
