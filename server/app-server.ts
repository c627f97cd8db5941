import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JoinUrlsResponse } from '../shared/protocol/join-urls';
import type { Config } from './config';
import type { Clock, TimerSource } from './game/clock';
import { ComputerPlayers } from './game/computer-players';
import type { SessionPart, SessionRuntime } from './game/session-runtime';
import { createApiRouter } from './http/api';
import { createHttpApp } from './http/app';
import { joinUrlsFor, joinUrlsHandler, type NetworkInterfaces } from './http/join-urls';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { attachRealtime, DEFAULT_REALTIME_LIMITS, type RealtimeLimits } from './realtime/gateway';
import { JoinAttemptGuard, type JoinAttemptGuardOptions } from './sessions/join-attempt-guard';
import { createJoinDesk } from './sessions/join-desk';
import { DEFAULT_SCENARIO_DIR, loadScenarioCatalog } from './sessions/scenario-catalog';
import { SessionRegistry } from './sessions/session-registry';
import { createStore } from './store/create-store';
import type { SessionStore } from './store/session-store';

/** The composition root: wires config, storage, sessions, HTTP and realtime into one listening server. */
export interface RunningServer {
  /** This machine's own address (`http://localhost:<port>` when listening on every interface). */
  url: string;
  port: number;
  /** Where other machines reach the server now: PUBLIC_URL, or the LAN addresses. */
  joinUrls(): JoinUrlsResponse;
  close(): Promise<void>;
}

/** Seams for tests and benchmarks; production uses none of them. */
export interface ServerOverrides {
  store?: SessionStore;
  clock?: Clock;
  timers?: TimerSource;
  scenarioDir?: string;
  joinGuard?: Partial<JoinAttemptGuardOptions>;
  realtimeLimits?: Partial<RealtimeLimits>;
  /** The machine's network interfaces, for the LAN addresses offered to phones; default os.networkInterfaces. */
  networkInterfaces?: () => NetworkInterfaces;
  /** Parts that serve each session besides its scheduler; by default computer players fill every required role nobody holds. */
  parts?: (runtime: SessionRuntime) => SessionPart[];
}

/** JSON bodies and socket messages are small: commands, names and rationales, never files. */
const MAX_BODY_BYTES = 64 * 1024;
/** How long in-flight HTTP requests get to finish at shutdown before their connections are cut. */
const HTTP_DRAIN_MS = 2_000;

export async function startServer(
  config: Config,
  logger: Logger,
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  const store =
    overrides.store ??
    (await createStore(config, {
      onWarning: (warning) =>
        logger.warn({ sessionId: warning.sessionId, code: warning.code }, warning.message),
      onConnectionError: (error) => logger.warn({ err: error }, 'redis connection error'),
    }));
  const catalog = await loadScenarioCatalog(overrides.scenarioDir ?? DEFAULT_SCENARIO_DIR, logger);
  const registry = new SessionRegistry({
    store,
    logger,
    ...(overrides.clock ? { clock: overrides.clock } : {}),
    ...(overrides.timers ? { timers: overrides.timers } : {}),
    parts:
      overrides.parts ??
      ((runtime) => [
        new ComputerPlayers(runtime, {
          onWarning: (message) => logger.debug({ sessionId: runtime.sessionId }, message),
        }),
      ]),
  });
  let boundPort = config.PORT;
  const joinSource = () => ({
    publicUrl: config.PUBLIC_URL,
    host: config.HOST,
    port: boundPort,
    ...(overrides.networkInterfaces ? { networkInterfaces: overrides.networkInterfaces } : {}),
  });

  let ready = false;
  let realtimeSockets = () => 0;
  const metrics = createMetrics({
    activeSessions: () => registry.activeCount(),
    connectedSockets: () => realtimeSockets(),
  });
  const joinDesk = createJoinDesk({
    guard: new JoinAttemptGuard(overrides.joinGuard),
    byJoinCode: (code) => registry.byJoinCode(code),
    onWrongCode: () => metrics.recordJoinFailure(),
  });
  const app = createHttpApp({
    clientDir: config.CLIENT_DIR,
    isReady: async () => ready && (await store.ping().catch(() => false)),
    api: createApiRouter({
      catalog,
      registry,
      joinDesk,
      logger,
      facilitatorKey: config.FACILITATOR_KEY,
      maxBodyBytes: MAX_BODY_BYTES,
    }),
    joinUrls: joinUrlsHandler(joinSource),
    metrics: metrics.registry,
    corsOrigin: config.CORS_ORIGIN,
  });
  const httpServer: Server = createServer(app);
  const realtime = attachRealtime(httpServer, {
    directory: registry,
    logger,
    metrics,
    joinDesk,
    limits: { ...DEFAULT_REALTIME_LIMITS, ...overrides.realtimeLimits },
    corsOrigin: config.CORS_ORIGIN,
  });
  realtimeSockets = () => realtime.connectedSockets();

  await registry.restore();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  ready = true;
  const { port } = httpServer.address() as AddressInfo;
  boundPort = port;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ port, store: store.kind, scenarios: catalog.list().length }, 'listening');
  logJoinUrls(logger, url, joinUrlsFor(joinSource()));

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    joinUrls: () => joinUrlsFor(joinSource()),
    // Graceful shutdown: stop accepting, let commands in flight reach the store, dispose sessions
    // (final snapshots), then close the store.
    close: () => {
      closing ??= (async () => {
        ready = false;
        httpServer.closeIdleConnections();
        const cut = setTimeout(() => httpServer.closeAllConnections(), HTTP_DRAIN_MS);
        cut.unref();
        await realtime.close();
        clearTimeout(cut);
        await registry.close();
        await store.close();
        metrics.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}

/** One structured line per address people can open, as Vite prints Local and Network. */
function logJoinUrls(logger: Logger, localUrl: string, urls: JoinUrlsResponse): void {
  logger.info({ kind: 'local', url: localUrl }, 'join url');
  if (urls.publicUrl) logger.info({ kind: 'public', url: urls.publicUrl }, 'join url');
  for (const url of urls.lanUrls) logger.info({ kind: 'network', url }, 'join url');
  if (!urls.publicUrl && urls.lanUrls.length === 0)
    logger.info(
      'no network address: phones cannot reach this server; listen on HOST=0.0.0.0 or set PUBLIC_URL',
    );
}
