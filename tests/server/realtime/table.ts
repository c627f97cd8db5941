import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningServer, type ServerOverrides, startServer } from '../../../server/app-server';
import { loadConfig } from '../../../server/config';
import { createLogger } from '../../../server/logger';
import type { CreateSessionResponse } from '../../../shared/protocol/rest';
import type { PlayerView } from '../../../shared/views/view';
import { createExercise, TestClient } from '../../helpers/socket-client';

/** The real server in this process, on a free loopback port, with a private data directory. */
export async function startRealtimeServer(
  overrides: ServerOverrides = {},
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const loaded = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crisis-table-rt-')),
    LOG_LEVEL: 'silent',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return startServer(loaded.config, createLogger(loaded.config.LOG_LEVEL), overrides);
}

/**
 * Test clients drive a game as fast as the server answers, far above any person's pace; the
 * per-socket rate limit is exercised by the hostile-input tests with its production values.
 */
export const UNLIMITED_RATE: ServerOverrides = { realtimeLimits: { burst: 1e9, perSecond: 1e9 } };

/** No computer players: every seat is a test client, so nothing moves unless a test moves it. */
export const NO_COMPUTER_PLAYERS: ServerOverrides = { attach: () => () => {} };

export interface Table {
  exercise: CreateSessionResponse;
  facilitator: TestClient;
  /** One player client per role id, in the order given. */
  players: Map<string, TestClient>;
  clients: TestClient[];
  close(): void;
}

/** Creates an exercise, signs the facilitator in and seats one player per role. */
export async function seatTable(
  url: string,
  scenarioId: string,
  roles: readonly string[],
  seed = 20240611,
): Promise<Table> {
  const exercise = await createExercise(url, scenarioId, { seed });
  const facilitator = await TestClient.connect(url);
  const auth = await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
  if (!auth.ok) throw new Error(`facilitator sign-in failed: ${auth.code}`);
  const players = new Map<string, TestClient>();
  for (const roleId of roles) {
    const player = await TestClient.connect(url);
    const joined = await player.join(exercise.joinCode, `Player ${roleId}`, roleId);
    if (!joined.ok) throw new Error(`joining as ${roleId} failed: ${joined.code} ${joined.message}`);
    players.set(roleId, player);
  }
  const clients = [facilitator, ...players.values()];
  return {
    exercise,
    facilitator,
    players,
    clients,
    close: () => {
      for (const client of clients) client.close();
    },
  };
}

export function playerView(client: TestClient): PlayerView {
  const view = client.view;
  if (view.kind !== 'player') throw new Error(`expected a player view, got ${view.kind}`);
  return view;
}

/** Waits until every client holds the view at `seq` or later. */
export async function everyoneAt(clients: readonly TestClient[], seq: number): Promise<void> {
  await Promise.all(clients.map((c) => c.untilSeq(seq)));
}
