import type { OutageTarget } from './effects';
import {
  CACHE_SIZE_EXPONENT,
  CACHE_WARMUP_HOURS,
  CONNECTION_MS,
  CONNECTIONS,
  DIURNAL_PROFILE,
  HOST_FAILURE,
  MAX_HIT_RATIO,
  NETWORK_BASE_MS,
  P95_OVER_MEAN,
  QUEUE,
  REPLICA_LAG_BASE_MS,
} from './model-constants';
import { overloadFailure, powInt, responseTimeMs } from './queueing';
import type { Region, SimState, TierUtilization } from './state';

/** Reported utilization is capped here (10 = 1000% of capacity): beyond it the tier is simply down. */
export const REPORTED_UTILIZATION_CEILING = 10;

/** Hours of today each outage target is down (from the start of the day, i.e. the busy hour). */
export type OutageHours = Record<OutageTarget, number>;

export function noOutages(): OutageHours {
  return { database: 0, cache: 0, app: 0, cdn: 0, storage: 0, 'payments-vendor': 0 };
}

/** The day's physics: utilization, failures and latency from an hour-by-hour pass over the diurnal curve. */
export interface TierDay {
  utilization: TierUtilization;
  /** Request-weighted share of requests that failed from overload and outages. */
  failedShare: number;
  /** Cache failures fall through to the database, so they show up as database overload. */
  overloadMinutes: { app: number; database: number; cdn: number };
  outageMinutes: number;
  /** Tiers that failed more than 1% of requests in some hour: each pages the on-call once. */
  overloadEpisodes: number;
  p95ByRegionMs: Record<Region, number>;
  p95Ms: number;
  /** Sum over the day's hours of running application servers. */
  appServerHours: number;
  appServersAtPeak: number;
  /** Sum over the day's hours of concurrent users successfully served. */
  servedUserHours: number;
  replicaLagMs: number;
}

/** How many targets are down at some point today. */
export function countOutages(o: OutageHours): number {
  return (
    Number(o.database > 0) +
    Number(o.cache > 0) +
    Number(o.app > 0) +
    Number(o.cdn > 0) +
    Number(o.storage > 0) +
    Number(o['payments-vendor'] > 0)
  );
}

export function peakConcurrentUsers(state: SimState, dailyActiveUsers: number): number {
  let multiplier = state.traffic.trafficMultiplier;
  for (const spike of state.pending.spikes) multiplier *= spike.multiplier;
  return dailyActiveUsers * state.model.concurrencyShare * multiplier;
}

/**
 * The hit ratio the cluster reaches at its size: `cache.hitRatio` holds at the reference size, and
 * the miss ratio falls as (reference / nodes)^CACHE_SIZE_EXPONENT: diminishing returns, at most
 * MAX_HIT_RATIO (Facebook's best pools, Nishtala et al., NSDI 2013). No nodes, no hits.
 */
export function effectiveHitRatio(state: SimState): number {
  const nodes = state.cache.nodes;
  if (nodes <= 0) return 0;
  const ref = Math.max(1, state.model.cacheReferenceNodes);
  const miss = (1 - state.cache.hitRatio) * (ref / nodes) ** CACHE_SIZE_EXPONENT;
  return Math.min(MAX_HIT_RATIO, Math.max(0, 1 - miss));
}

/**
 * Busy-hour utilization the primary (per shard) would run at with the growth target's users on
 * today's estate (no spikes, a warm cache). The 12-month architecture question: can it carry them?
 */
export function primaryUtilizationAtTarget(state: SimState): number {
  const m = state.model;
  const users = m.targetRegisteredUsers;
  const peak = users * m.dailyActiveShare * m.concurrencyShare;
  const perServer = appServerCapacity(state);
  const servers = state.app.autoscaling.enabled
    ? autoscaledServers(state, peak, perServer)
    : Math.max(state.app.servers, 1);
  const hit = effectiveHitRatio(state);
  const primaryReadShare = state.database.readReplicas > 0 ? m.dbReadYourWritesShare : 1;
  const load = peak * (m.dbWriteUnitsPerUser + m.dbReadUnitsPerUser * (1 - hit) * primaryReadShare);
  return load / Math.max(1, state.database.shards) / Math.max(dbHostCapacity(state, servers), 1e-9);
}

export function appServerCapacity(state: SimState): number {
  return state.app.vcpusPerServer * state.model.appUsersPerVcpu * state.app.speedup;
}

/** Database capacity of one host in design-load units: design size / design utilization, doubled per step. */
export function dbHostCapacity(state: SimState, appServers: number): number {
  return dbRawCapacity(state) * connectionFactor(state, appServers);
}

function dbRawCapacity(state: SimState): number {
  return powInt(2, state.database.sizeSteps) / state.model.dbDesignUtilization;
}

/** Throughput left after per-connection overhead; a pooler caps the connections the database sees. */
function connectionFactor(state: SimState, appServers: number): number {
  const connections = state.database.connectionPooler
    ? CONNECTIONS.pooledTotal
    : appServers * CONNECTIONS.perAppServer;
  return 1 / (1 + Math.sqrt(connections / CONNECTIONS.knee));
}

function autoscaledServers(state: SimState, concurrency: number, perServer: number): number {
  const a = state.app.autoscaling;
  if (!a.enabled) return state.app.servers;
  const wanted = Math.ceil(concurrency / Math.max(perServer * Math.max(a.targetUtilization, 0.05), 1e-9));
  return Math.min(Math.max(wanted, a.minServers, 1), Math.max(a.maxServers, a.minServers, 1));
}

const FAILURE_PAGE_THRESHOLD = 0.01;

export function assessTiers(state: SimState, peakConcurrency: number, outages: OutageHours): TierDay {
  const m = state.model;
  const c = m.constants;
  const cv = QUEUE.burstCv;
  const perServer = appServerCapacity(state);
  const replicas = state.database.readReplicas;
  const shards = Math.max(1, state.database.shards);
  const primaryReadShare = replicas > 0 ? m.dbReadYourWritesShare : 1;
  const cacheCapacity = state.cache.nodes * c.cacheNodeOpsPerSecond;
  const cdnOutCapacity =
    state.cdn.providers > 1 ? (state.cdn.capacityGbps * (state.cdn.providers - 1)) / state.cdn.providers : 0;

  let failedWeighted = 0;
  let demandWeighted = 0;
  let appMin = 0;
  let dbMin = 0;
  let cdnMin = 0;
  let outageMin = 0;
  let appPage = false;
  let dbPage = false;
  let cachePage = false;
  let cdnPage = false;
  let appServerHours = 0;
  let servedUserHours = 0;
  const util: TierUtilization = { app: 0, dbPrimary: 0, dbReplicas: 0, cache: 0, cdn: 0 };
  let peakRhoApp = 0;
  let peakRhoPrimary = 0;
  let peakRhoReplica = 0;
  let peakRhoCache = 0;
  let peakRhoCdn = 0;
  let appServersAtPeak = state.app.servers;

  // Days with an outage or a cold cache go hour by hour. Other days sample every second hour and use
  // the curve's symmetry about the busy hour (hour h and 24 - h carry the same load): hours 2-10 stand
  // for four hours each, 0 and 12 for two. The day's total load is unchanged (the cosine sums to zero
  // over even hours as over all hours) and the work is a quarter of the hour-by-hour pass.
  const symmetric = countOutages(outages) === 0 && state.cache.coldShare === 0;
  const lastHour = symmetric ? 12 : 23;
  const stride = symmetric ? 2 : 1;
  const rawDb = dbRawCapacity(state);
  const pooledFactor = state.database.connectionPooler ? connectionFactor(state, 0) : 0;
  let lastServers = -1;
  let lastFactor = 0;
  // Locals for the hot loop (2,000+ runs a second is part of the contract: bench/sim.bench.ts).
  const appOutHours = outages.app;
  const cacheOutHours = outages.cache;
  const dbOutHours = outages.database;
  const cdnOutHours = outages.cdn;
  const storageOutHours = outages.storage;
  const coldShare = state.cache.coldShare;
  const hitRatio = effectiveHitRatio(state);
  const lookupsPerUser = m.cacheLookupsPerUser;
  const writesPerUser = m.dbWriteUnitsPerUser;
  const readsPerUser = m.dbReadUnitsPerUser;
  const gbpsPerUser = m.mbpsPerConcurrentUser / 1000;
  const cdnCapacityNormal = state.cdn.capacityGbps;
  const edgeHit = state.cdn.edgeHitRatio;
  const cdnImpact = HOST_FAILURE.cdnImpact;

  for (let h = 0; h <= lastHour; h += stride) {
    const w = symmetric ? (h > 0 && h < 12 ? 4 : 2) : 1;
    const concurrency = peakConcurrency * (DIURNAL_PROFILE[h] ?? 0);
    const servers = autoscaledServers(state, concurrency, perServer);
    appServerHours += w * servers;

    // App tier: per-server queues behind a balancer.
    const appOut = h < appOutHours;
    const rhoApp = concurrency / Math.max(servers * perServer, 1e-9);
    const fApp = appOut ? 0 : overloadFailure(rhoApp, cv);

    // Cache: overloaded or cold lookups fall through to the database (the thundering herd).
    const rhoCache = (concurrency * lookupsPerUser) / Math.max(cacheCapacity, 1e-9);
    const cold = symmetric
      ? 0
      : h < cacheOutHours
        ? 1
        : Math.max(
            cacheOutHours > 0 ? Math.max(0, 1 - (h - cacheOutHours) / CACHE_WARMUP_HOURS) : 0,
            coldShare * Math.max(0, 1 - h / CACHE_WARMUP_HOURS),
          );
    const fCacheLookups = overloadFailure(rhoCache, cv);
    const hit = hitRatio * (1 - cold) * (1 - fCacheLookups);

    // Database: writes and read-your-writes reads on the primary of each shard, other reads on replicas.
    if (pooledFactor === 0 && servers !== lastServers) {
      lastServers = servers;
      lastFactor = connectionFactor(state, servers);
    }
    const hostCapacity = rawDb * (pooledFactor || lastFactor);
    const writes = concurrency * writesPerUser;
    const reads = concurrency * readsPerUser * (1 - hit);
    const rhoPrimary = (writes + reads * primaryReadShare) / shards / Math.max(hostCapacity, 1e-9);
    const rhoReplica =
      replicas > 0 ? (reads * (1 - primaryReadShare)) / replicas / Math.max(hostCapacity, 1e-9) : 0;
    const fPrimary = overloadFailure(rhoPrimary, cv);
    const fReplica = overloadFailure(rhoReplica, cv);
    const fDb = 1 - (1 - fPrimary) * (1 - fReplica);

    // CDN: media bandwidth against edge capacity.
    const cdnCapacity = h < cdnOutHours ? cdnOutCapacity : cdnCapacityNormal;
    const rhoCdn = (concurrency * gbpsPerUser) / Math.max(cdnCapacity, 1e-9);
    const fCdn = overloadFailure(rhoCdn, cv) * cdnImpact;

    // Outages that are not overload: the app fleet down, a shard primary with no replica, origin storage.
    let fOutage = 0;
    if (appOut) fOutage = 1;
    if (h < dbOutHours && replicas === 0) fOutage = 1 - (1 - fOutage) * (1 - 1 / shards);
    if (h < storageOutHours) fOutage = 1 - (1 - fOutage) * edgeHit;

    const survive = (1 - fApp) * (1 - fDb) * (1 - fCdn) * (1 - fOutage);
    const failed = 1 - survive;
    const sum = fApp + fDb + fCdn + fOutage;
    if (failed > 0 && sum > 0) {
      const minutes = 60 * w * failed;
      appMin += (minutes * fApp) / sum;
      dbMin += (minutes * fDb) / sum;
      cdnMin += (minutes * fCdn) / sum;
      outageMin += (minutes * fOutage) / sum;
    }
    failedWeighted += w * concurrency * failed;
    demandWeighted += w * concurrency;
    servedUserHours += w * concurrency * (1 - failed);

    if (fApp > FAILURE_PAGE_THRESHOLD) appPage = true;
    if (fDb > FAILURE_PAGE_THRESHOLD) dbPage = true;
    if (fCdn > FAILURE_PAGE_THRESHOLD) cdnPage = true;
    if (fCacheLookups > FAILURE_PAGE_THRESHOLD) cachePage = true;

    if (h === 0) {
      appServersAtPeak = servers;
      peakRhoApp = rhoApp;
      peakRhoPrimary = rhoPrimary;
      peakRhoReplica = rhoReplica;
      peakRhoCache = rhoCache;
      peakRhoCdn = rhoCdn;
    }
  }
  // A tier out of service (an outage leaves ~0 capacity) has no meaningful utilization: its load
  // over nothing would chart as 10^12. Report it at the ceiling; the downtime is booked to the outage.
  util.app = Math.min(peakRhoApp, REPORTED_UTILIZATION_CEILING);
  util.dbPrimary = Math.min(peakRhoPrimary, REPORTED_UTILIZATION_CEILING);
  util.dbReplicas = Math.min(peakRhoReplica, REPORTED_UTILIZATION_CEILING);
  util.cache = Math.min(peakRhoCache, REPORTED_UTILIZATION_CEILING);
  util.cdn = Math.min(peakRhoCdn, REPORTED_UTILIZATION_CEILING);

  // Busy-hour latency (hour 0), per region: network + app + database + cache + media.
  const q = QUEUE;
  const rApp = responseTimeMs(q.app.serviceMs, peakRhoApp, q.app.m, q.bound);
  const rPrimary = responseTimeMs(q.db.serviceMs, peakRhoPrimary, q.db.m, q.db.bound);
  const rReplica = responseTimeMs(q.db.serviceMs, peakRhoReplica, q.db.m, q.db.bound);
  const rDb = replicas > 0 ? primaryReadShare * rPrimary + (1 - primaryReadShare) * rReplica : rPrimary;
  const rCache = responseTimeMs(q.cache.serviceMs, peakRhoCache, 1, q.bound);
  const rCdn =
    responseTimeMs(q.cdn.serviceMs, peakRhoCdn, q.cdn.m, q.bound) +
    (1 - state.cdn.edgeHitRatio) * q.cdn.originFetchMs;
  const connectMs = state.database.connectionPooler ? CONNECTION_MS.pooled : CONNECTION_MS.direct;
  const backendMs = rApp + q.db.callsPerRequest * rDb + q.cache.lookupsPerRequest * rCache + rCdn + connectMs;
  const p95ByRegionMs: Record<Region, number> = {
    northAmerica: P95_OVER_MEAN * (NETWORK_BASE_MS.northAmerica + backendMs),
    europe: P95_OVER_MEAN * (NETWORK_BASE_MS.europe + backendMs),
    asiaPacific: P95_OVER_MEAN * (NETWORK_BASE_MS.asiaPacific + backendMs),
    restOfWorld: P95_OVER_MEAN * (NETWORK_BASE_MS.restOfWorld + backendMs),
  };
  const mix = m.regionMix;
  const p95Ms =
    mix.northAmerica * p95ByRegionMs.northAmerica +
    mix.europe * p95ByRegionMs.europe +
    mix.asiaPacific * p95ByRegionMs.asiaPacific +
    mix.restOfWorld * p95ByRegionMs.restOfWorld;

  const replicaLagMs = replicas > 0 ? REPLICA_LAG_BASE_MS / (1 - Math.min(peakRhoPrimary, 0.95)) : 0;

  return {
    utilization: util,
    failedShare: demandWeighted > 0 ? failedWeighted / demandWeighted : 0,
    overloadMinutes: { app: appMin, database: dbMin, cdn: cdnMin },
    outageMinutes: outageMin,
    overloadEpisodes: Number(appPage) + Number(dbPage) + Number(cachePage) + Number(cdnPage),
    p95ByRegionMs,
    p95Ms,
    appServerHours,
    appServersAtPeak,
    servedUserHours,
    replicaLagMs,
  };
}
