import { afterAll, beforeAll } from 'vitest';
import type { RunningServer, ServerOverrides } from '../../../server/app-server';
import type { CreateSessionResponse } from '../../../shared/protocol/rest';
import type { PlayerView } from '../../../shared/views/view';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { startTestServer } from '../../helpers/test-server';

/** The real server in this process, on a free loopback port, with a private data directory. */
export function startRealtimeServer(
  overrides: ServerOverrides = {},
  env: Record<string, string> = {},
): Promise<RunningServer> {
  return startTestServer(env, overrides);
}

export interface SuiteServer {
  readonly server: RunningServer;
  readonly url: string;
  /** A client of this server, closed with it. */
  connect(): Promise<TestClient>;
}

/**
 * A server of its own for the enclosing describe block: started before its tests, and closed after
 * them together with every client connected through `connect`.
 */
export function serverForSuite(
  overrides: ServerOverrides = {},
  env: Record<string, string> = {},
): SuiteServer {
  let running: RunningServer | undefined;
  const clients: TestClient[] = [];
  const server = () => {
    if (!running) throw new Error('the suite server is not running');
    return running;
  };
  beforeAll(async () => {
    running = await startRealtimeServer(overrides, env);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await running?.close();
  });
  return {
    get server() {
      return server();
    },
    get url() {
      return server().url;
    },
    async connect() {
      const client = await TestClient.connect(server().url);
      clients.push(client);
      return client;
    },
  };
}

/**
 * Test clients drive a game as fast as the server answers, far above any person's pace; the
 * per-socket rate limit is exercised by the hostile-input tests with its production values.
 */
export const UNLIMITED_RATE: ServerOverrides = { realtimeLimits: { burst: 1e9, perSecond: 1e9 } };

/** No computer players: every seat is a test client, so nothing moves unless a test moves it. */
export const NO_COMPUTER_PLAYERS: ServerOverrides = { parts: () => [] };

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
