import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { SessionRuntime } from '../../../server/game/session-runtime';
import { SimulatedClock } from '../../../server/game/simulated-clock';
import { FileStore } from '../../../server/store/file-store';
import { FACILITATOR } from '../../../shared/session/actor';
import { replay } from '../../../shared/session/replay';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from '../../../shared/session/snapshot';

/**
 * Snapshots used to store XState's persisted snapshot of the old server-side machine. The fixture
 * (tests/server/store/fixtures/xstate-snapshot) was written by that code: a session paused in round
 * 1's deliberation, with a snapshot at seq 5 in the old format and events 6-7 after it. Its state
 * was computed by older rules, so the session is rebuilt from its whole log: it loads to exactly
 * the state its log replays to today, plays on, and the next snapshot is in the new format.
 */
test('a session whose snapshot is in the old XState format is rebuilt from its log, plays on, and is snapshotted anew', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ct-old-snapshot-'));
  cpSync(new URL('../store/fixtures/xstate-snapshot', import.meta.url).pathname, dataDir, {
    recursive: true,
  });
  const store = new FileStore({ dataDir });
  const stored = await store.load('old-snapshot');
  expect(stored.snapshot?.seq).toBe(5);
  expect((stored.snapshot?.state as { status?: string } | undefined)?.status).toBe('active');

  const clock = new SimulatedClock();
  const loaded = await SessionRuntime.load({ store, clock, snapshotEvery: 1 }, 'old-snapshot');
  if (!loaded.ok) expect.fail(loaded.message);
  const { runtime } = loaded;
  expect(runtime.seq).toBe(7);
  expect(runtime.state).toMatchObject({ phase: 'deliberation', round: 1, paused: true });
  expect(JSON.stringify(runtime.state)).toBe(JSON.stringify(replay(await store.readEvents('old-snapshot'))));

  const resumed = await runtime.command(FACILITATOR, { type: 'resume' });
  expect(resumed).toMatchObject({ ok: true, seq: 8 });
  await runtime.dispose();
  const file = path.join(dataDir, 'sessions', 'old-snapshot', 'snapshot.json');
  const written = JSON.parse(readFileSync(file, 'utf8')) as { seq: number; state: Record<string, unknown> };
  expect(written.seq).toBe(8);
  expect(written.state).toMatchObject({ format: SNAPSHOT_FORMAT, formatVersion: SNAPSHOT_FORMAT_VERSION });
  expect(written.state.state).toMatchObject({ phase: 'deliberation', paused: false });
});
