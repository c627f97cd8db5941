import { expect } from 'vitest';
import type { SessionStore, StoredEvent } from '../../../server/store/session-store';
import { CrashTable, sleep } from './crash-table';
import {
  expectAcknowledgedInLog,
  expectGapFree,
  expectRestoredEqualsReplay,
  expectViewEqualsReplay,
  exportedLog,
} from './log-checks';
import type { SeededRandom } from './seeded-random';
import { type ServerProcess, startServerProcess } from './server-process';

/**
 * One crash lane: a real server process on its own storage, two exercises played by socket
 * clients, and `rounds` rounds of "play, SIGKILL the server at a seeded moment, check the store,
 * restart, check what the server restored". Lanes share nothing, so a test runs several at once
 * and the machine's cores boot servers side by side.
 */
export interface CrashBackend {
  /** Environment that points the server at this lane's storage (DATA_DIR, or REDIS_URL + prefix). */
  env: Record<string, string>;
  /** Opens the lane's storage in the test process, to read what the dead server left. */
  openStore(): Promise<SessionStore>;
  /** While the tables play: anything else that goes wrong mid-game (Redis: redis-server dies). */
  duringPlay?(round: number, tables: readonly CrashTable[]): Promise<void>;
  /** Ends the round by killing the server (and perhaps more: Redis dies with it in a power cut). */
  crash?(round: number, killServer: () => Promise<void>): Promise<void>;
}

export interface LaneResult {
  acked: number;
  unansweredAtCrash: number;
  sessionsWithSnapshot: number;
}

export async function runCrashLane(
  lane: string,
  rounds: number,
  random: SeededRandom,
  backend: CrashBackend,
): Promise<LaneResult> {
  let server: ServerProcess | undefined = await startServerProcess(backend.env);
  try {
    const tables = [
      await CrashTable.create(server.url, random.fork(), `${lane}-one`),
      await CrashTable.create(server.url, random.fork(), `${lane}-two`),
    ];
    const logs = new Map<string, StoredEvent[]>();

    for (let round = 1; round <= rounds; round++) {
      const where = (table: CrashTable) => `lane ${lane}, round ${round}, session ${table.sessionId}`;
      if (!server) {
        server = await startServerProcess(backend.env);
        for (const table of tables) {
          const restored = await table.connect(server.url);
          const events = await exportedLog(server.url, table.sessionId, table.facilitatorToken);
          // The restarted server lost nothing, changed nothing, and came back in the replayed state.
          const before = logs.get(table.sessionId) ?? [];
          expectGapFree(events, where(table));
          expect(events.slice(0, before.length), where(table)).toEqual(before);
          expectAcknowledgedInLog(events, table.acked, where(table));
          expectViewEqualsReplay(restored, events, where(table));
        }
      }

      let stopped = false;
      const playing = Promise.all(tables.map((table) => table.play(() => stopped)));
      await backend.duringPlay?.(round, tables);
      // Pull the plug at a seeded moment, with commands in flight.
      await sleep(random.int(100, 600));
      const running = server;
      const killServer = () => running.kill();
      await (backend.crash ? backend.crash(round, killServer) : killServer());
      server = undefined;
      stopped = true;
      await playing;
      for (const table of tables) table.disconnect();

      const store = await backend.openStore();
      try {
        for (const table of tables) {
          const events = await store.readEvents(table.sessionId);
          expectGapFree(events, where(table));
          expectAcknowledgedInLog(events, table.acked, where(table));
          await expectRestoredEqualsReplay(store, table.sessionId, events, where(table));
          logs.set(table.sessionId, events);
        }
      } finally {
        await store.close();
      }
    }

    const store = await backend.openStore();
    try {
      let sessionsWithSnapshot = 0;
      for (const table of tables) {
        if ((await store.load(table.sessionId)).snapshot) sessionsWithSnapshot++;
      }
      const total = (count: (table: CrashTable) => number) =>
        tables.reduce((sum, table) => sum + count(table), 0);
      return {
        acked: total((table) => table.acked.length),
        unansweredAtCrash: total((table) => table.unansweredAtCrash),
        sessionsWithSnapshot,
      };
    } finally {
      await store.close();
    }
  } finally {
    await server?.kill();
  }
}
