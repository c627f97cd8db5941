import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { JoinUrlsResponse } from '../shared/protocol/join-urls';
import { forwardToOwner } from './cluster/http-forward';
import { SessionOwnership } from './cluster/session-ownership';
import { SocketRelay } from './cluster/socket-relay';
import type { Config } from './config';
import type { Clock, TimerSource } from './game/clock';
import { ComputerPlayers } from './game/computer-players';
import { ExerciseLog } from './game/exercise-log';
import type { SessionPart, SessionRuntime } from './game/session-runtime';
import { createApiRouter } from './http/api';
import { createHttpApp } from './http/app';
import { withCohortRoutes } from './http/cohort-api';
import { joinUrlsFor, joinUrlsHandler, type NetworkInterfaces } from './http/join-urls';
import { withReportRoutes } from './http/report-router';
import { createScenarioApiRouter } from './http/scenario-api';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { attachRealtime, DEFAULT_REALTIME_LIMITS, type RealtimeLimits } from './realtime/gateway';
import { CohortRegistry } from './sessions/cohort-registry';
import { JoinAttemptGuard, type JoinAttemptGuardOptions } from './sessions/join-attempt-guard';
import { createJoinDesk } from './sessions/join-desk';
import { DEFAULT_SCENARIO_DIR, LibraryCatalog } from './sessions/scenario-catalog';
import { importScenarioFolder, watchScenarioFolder } from './sessions/scenario-folder';
import { SessionRegistry } from './sessions/session-registry';
import { createScenarioLibrary } from './store/create-scenario-library';
import { createStore } from './store/create-store';
import { RedisStore } from './store/redis-store';
import type { ScenarioLibrary } from './store/scenario-library';
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
  /** The scenario library's storage; by default beside the sessions (DATA_DIR files, or Redis). */
  scenarioLibrary?: ScenarioLibrary;
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
  // The scenario library: the shipped folder and SCENARIO_DIR read into it at start, SCENARIO_DIR
  // watched; uploads and edits arrive through the REST API (server/http/scenario-api.ts).
  const library =
    overrides.scenarioLibrary ??
    (await createScenarioLibrary(config, {
      onConnectionError: (error) => logger.warn({ err: error }, 'redis connection error (scenario library)'),
    }));
  const catalog = new LibraryCatalog(library, logger);
  const wallClock = () => overrides.clock?.now() ?? Date.now();
  await importScenarioFolder(catalog, overrides.scenarioDir ?? DEFAULT_SCENARIO_DIR, 'shipped', wallClock);
  if (config.SCENARIO_DIR) await importScenarioFolder(catalog, config.SCENARIO_DIR, 'folder', wallClock);
  await catalog.refresh();
  logger.info({ scenarios: catalog.list().map((s) => s.id) }, 'scenarios loaded');
  const folderWatch = config.SCENARIO_DIR
    ? watchScenarioFolder(catalog, config.SCENARIO_DIR, logger, wallClock)
    : undefined;
  // Other processes sharing the Redis library save too; look for their versions now and then.
  const libraryPoll =
    library.kind === 'redis' ? setInterval(() => void catalog.refresh().catch(() => {}), 5_000) : undefined;
  libraryPoll?.unref();
  const joinGuard = new JoinAttemptGuard({
    refuseAfter: config.JOIN_GUESSES_PER_ADDRESS,
    totalRefuseAfter: config.JOIN_GUESSES_TOTAL,
    windowMs: config.JOIN_GUESS_WINDOW_MINUTES * 60_000,
    perCode: config.JOINS_PER_CODE_PER_MINUTE,
    ...overrides.joinGuard,
  });
  let boundPort = config.PORT;
  // Many machines: with the Redis store every process owns only the sessions it leases
  // (server/cluster/, docs/operations.md "Many machines"); the file store is one process.
  const metrics = createMetrics({
    activeSessions: () => registry.activeCount(),
    connectedSockets: () => realtimeSockets(),
  });
  const nodeUrl = () => config.NODE_URL ?? `http://${nodeHost(config.HOST)}:${boundPort}`;
  const ownership =
    store instanceof RedisStore
      ? new SessionOwnership({
          store,
          logger,
          nodeUrl,
          leaseMs: config.LEASE_MS,
          renewMs: Math.min(config.LEASE_RENEW_MS, Math.floor(config.LEASE_MS / 2)),
          metrics: metrics.registry,
        })
      : undefined;
  const registry = new SessionRegistry({
    store,
    logger,
    ...(ownership && store instanceof RedisStore
      ? {
          ownership,
          codes: { publish: (code: string, id: string | undefined) => store.setJoinCode(code, id) },
        }
      : {}),
    limits: {
      maxSessions: config.SESSIONS_MAX,
      createPerAddressPerMinute: config.SESSION_CREATE_PER_ADDRESS_PER_MINUTE,
      createPerMinute: config.SESSION_CREATE_PER_MINUTE,
      lobbyExpiryMs: config.LOBBY_EXPIRY_MINUTES * 60_000,
    },
    onCodeReleased: (code) => joinGuard.forgetCode(code),
    ...(overrides.clock ? { clock: overrides.clock } : {}),
    ...(overrides.timers ? { timers: overrides.timers } : {}),
    // Every session logs its life (created, started, phases, injects, ended); the other parts are overridable.
    parts: (runtime) => [
      new ExerciseLog(runtime, logger),
      ...(
        overrides.parts ??
        ((runtime) => [
          new ComputerPlayers(runtime, {
            onWarning: (message) => logger.debug({ sessionId: runtime.sessionId }, message),
          }),
        ])
      )(runtime),
    ],
  });
  // Classroom mode (issue 13): cohorts of tables, each table a session of the registry.
  const cohorts = new CohortRegistry({
    store,
    registry,
    clock: { now: wallClock },
    logger,
    sharedStore: ownership !== undefined,
  });
  const joinSource = () => ({
    publicUrl: config.PUBLIC_URL,
    host: config.HOST,
    port: boundPort,
    ...(overrides.networkInterfaces ? { networkInterfaces: overrides.networkInterfaces } : {}),
  });

  const joinDesk = createJoinDesk({
    guard: joinGuard,
    byJoinCode: (code) => registry.byJoinCode(code),
    onWrongCode: () => metrics.recordJoinFailure(),
  });
  // Many machines: sockets and REST calls about a session another process owns go to that process.
  const forwarding =
    ownership && store instanceof RedisStore
      ? clusterForwarding(registry, ownership, store, nodeUrl, logger)
      : undefined;
  // REST: forwarded only to a process that holds the lease; a session nobody holds is served here
  // (adopting it on a request would let any path create lease keys; the orphan scan takes it soon).
  const leasedElsewhere = async (sessionId: string): Promise<string | undefined> => {
    if (!ownership || registry.get(sessionId)) return undefined;
    const url = await ownership.ownerUrl(sessionId);
    return url === nodeUrl() ? undefined : url;
  };
  const restOwners = {
    ownerOfSession: leasedElsewhere,
    async ownerOfJoinCode(joinCode: string) {
      if (!(store instanceof RedisStore) || registry.byJoinCode(joinCode)) return undefined;
      const sessionId = await store.sessionOfJoinCode(joinCode);
      return sessionId === undefined ? undefined : leasedElsewhere(sessionId);
    },
    // A cohort is served where its first running table is (its tables are created together).
    async ownerOfCohort(cohortId: string) {
      for (const table of (await cohorts.get(cohortId))?.tables ?? []) {
        if (registry.get(table.sessionId)) return undefined;
        const url = await leasedElsewhere(table.sessionId);
        if (url) return url;
      }
      return undefined;
    },
  };
  const api = withCohortRoutes(
    { cohorts, catalog, logger, facilitatorKey: config.FACILITATOR_KEY, maxBodyBytes: MAX_BODY_BYTES },
    withReportRoutes(
      { registry },
      createApiRouter({
        catalog,
        registry,
        joinDesk,
        logger,
        facilitatorKey: config.FACILITATOR_KEY,
        maxBodyBytes: MAX_BODY_BYTES,
      }),
    ),
  );

  let ready = false;
  let realtimeSockets = () => 0;
  const app = createHttpApp({
    clientDir: config.CLIENT_DIR,
    isReady: async () => ready && (ownership?.healthy() ?? true) && (await store.ping().catch(() => false)),
    ...(ownership ? { leaseHealth: () => ownership.health() } : {}),
    scenarioApi: createScenarioApiRouter({
      catalog,
      logger,
      facilitatorKey: config.FACILITATOR_KEY,
      now: wallClock,
    }),
    api: forwarding ? express.Router().use(forwardToOwner(restOwners, logger)).use(api) : api,
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
    limits: {
      ...DEFAULT_REALTIME_LIMITS,
      burst: config.EVENTS_BURST,
      perSecond: config.EVENTS_PER_SECOND,
      socketsPerAddress: config.SOCKETS_PER_ADDRESS,
      socketsPerToken: config.SOCKETS_PER_TOKEN,
      messagesPerMinute: config.MESSAGES_PER_PLAYER_PER_MINUTE,
      syncsPerMinute: config.SYNCS_PER_TOKEN_PER_MINUTE,
      ...overrides.realtimeLimits,
    },
    corsOrigin: config.CORS_ORIGIN,
    ...(forwarding ? { forward: forwarding } : {}),
  });
  realtimeSockets = () => realtime.connectedSockets();

  // Many machines: leases name this process's url, known once it listens, so sessions load after.
  if (!ownership) await registry.restore();
  await cohorts.restore();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  boundPort = (httpServer.address() as AddressInfo).port;
  let orphanScan: NodeJS.Timeout | undefined;
  if (ownership) {
    ownership.start((sessionId) => void registry.lost(sessionId));
    await registry.restore();
    // Failover: sessions whose owner died (lease expired) or shut down (released) are taken over.
    let scanning = false;
    orphanScan = setInterval(() => {
      if (scanning) return;
      scanning = true;
      registry
        .adoptOrphans()
        .catch((error: unknown) => logger.warn({ err: error }, 'could not look for orphaned sessions'))
        .finally(() => {
          scanning = false;
        });
    }, config.LEASE_RENEW_MS);
    orphanScan.unref();
  }
  ready = true;
  const { port } = httpServer.address() as AddressInfo;
  boundPort = port;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Tests and process supervisors read the port from this line (the log is JSON only).
  logger.info({ port, url, store: store.kind, scenarios: catalog.list().length }, 'listening');
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
        cohorts.close();
        httpServer.closeIdleConnections();
        const cut = setTimeout(() => httpServer.closeAllConnections(), HTTP_DRAIN_MS);
        cut.unref();
        if (orphanScan) clearInterval(orphanScan);
        await realtime.close();
        clearTimeout(cut);
        await registry.close();
        await ownership?.close();
        folderWatch?.close();
        if (libraryPoll) clearInterval(libraryPoll);
        await library.close();
        await store.close();
        metrics.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}

/** The host other processes on this machine reach a listening HOST at. */
function nodeHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** How long a relayed event waits for the owner's acknowledgement before its outcome is unknown. */
const FORWARD_TIMEOUT_MS = 5_000;

/**
 * Many machines: where a socket's session lives. Here: served locally. Leased by another process:
 * relayed there. Leased by nobody (its owner died and the lease expired, or it shut down): taken
 * over here at once, so a reconnecting client does not wait for the next orphan scan.
 */
function clusterForwarding(
  registry: SessionRegistry,
  ownership: SessionOwnership,
  store: RedisStore,
  nodeUrl: () => string,
  logger: Logger,
) {
  const ownerOfSession = async (sessionId: string): Promise<string | undefined> => {
    if (registry.get(sessionId)) return undefined;
    try {
      const url = await ownership.ownerUrl(sessionId);
      if (url) return url === nodeUrl() ? undefined : url;
      if (await registry.adopt(sessionId)) return undefined;
      const after = await ownership.ownerUrl(sessionId);
      return after === nodeUrl() ? undefined : after;
    } catch (error) {
      logger.warn({ err: error, sessionId }, 'could not look up the owner of a session');
      return undefined;
    }
  };
  return {
    ownerOfSession,
    async ownerOfJoinCode(joinCode: string) {
      if (registry.byJoinCode(joinCode)) return undefined;
      const sessionId = await store.sessionOfJoinCode(joinCode).catch(() => undefined);
      return sessionId === undefined ? undefined : ownerOfSession(sessionId);
    },
    relay: (ownerUrl: string, socket: ConstructorParameters<typeof SocketRelay>[1], onClosed: () => void) =>
      new SocketRelay(ownerUrl, socket, FORWARD_TIMEOUT_MS, onClosed),
    forwarded: () => ownership.countForwarded(),
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
