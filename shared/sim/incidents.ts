import {
  CHANGE_FAILURE_RATE,
  DEPLOYS,
  HOST_FAILURE,
  LAUNCH_INCIDENT_IMPACT,
  MIGRATION_INCIDENT_IMPACT,
  MTTR_MINUTES,
  ON_CALL,
} from './model-constants';
import { nextPoisson, nextUniform } from './rng';
import type { SimState } from './state';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Linear interpolation over [x, y] points sorted by x; flat beyond the ends. */
export function interpolate(points: ReadonlyArray<readonly [number, number]>, x: number): number {
  const first = points[0];
  if (!first) return 0;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (!a || !b) break;
    if (x <= b[0]) return a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0]);
  }
  return points[points.length - 1]?.[1] ?? 0;
}

/**
 * Mean time to repair, minutes. Observability lets responders find the cause; on-call maturity and a
 * staffed rotation get the right person on it. A = MTTF / (MTTF + MTTR) (Treynor et al., "The Calculus
 * of Service Availability"), so cutting MTTR is the cheapest nine.
 */
export function mttrMinutes(state: SimState): number {
  const lv = state.risk.levels;
  const rotation = clamp01(state.people.onCallRotation / ON_CALL.fullRotation);
  const maturity = 0.4 * (lv.observability / 100) + 0.3 * (lv['on-call-maturity'] / 100) + 0.3 * rotation;
  return MTTR_MINUTES.worst - (MTTR_MINUTES.worst - MTTR_MINUTES.best) * clamp01(maturity);
}

/** DORA 2023 change failure rate by process maturity. */
export function changeFailureRate(state: SimState): number {
  return interpolate(CHANGE_FAILURE_RATE, state.risk.levels['process-maturity']);
}

export function deploysToday(state: SimState, day: number): number {
  let factor = 1;
  for (const g of state.pending.growth) {
    if (g.untilDay < day) continue;
    if (g.kind === 'freeze') factor = Math.min(factor, DEPLOYS.freezeFactor);
    if (g.kind === 'launch') factor = Math.max(factor, DEPLOYS.launchFactor);
  }
  return DEPLOYS.perDay * factor;
}

export interface IncidentDay {
  minutes: {
    'host-failure': number;
    'vendor-incident': number;
    'change-failure': number;
    migration: number;
    launch: number;
  };
  count: number;
}

/**
 * Draws the day's incidents. A failure in a serial component (a shard primary with no replica, the only
 * CDN) costs its repair time; in a redundant set (replicas with failover, several CDNs) it costs the
 * failover: serial availability multiplies, redundant availability is 1 - product of unavailabilities.
 */
export function drawIncidents(state: SimState, day: number, deploys: number): IncidentDay {
  const mttr = mttrMinutes(state);
  const out: IncidentDay = {
    minutes: { 'host-failure': 0, 'vendor-incident': 0, 'change-failure': 0, migration: 0, launch: 0 },
    count: 0,
  };
  const events = state.pending.events;

  const changes = nextPoisson(state, deploys * changeFailureRate(state));
  const blastRadius =
    DEPLOYS.impact * (1 - (DEPLOYS.blastRadiusCut * state.risk.levels['process-maturity']) / 100);
  for (let i = 0; i < changes; i++) {
    out.minutes['change-failure'] +=
      mttr * (0.5 + nextUniform(state)) * DEPLOYS.repairShare * blastRadius * 2 * nextUniform(state);
    out.count += 1;
  }
  if (changes > 0)
    events.push({ kind: 'change-incident', text: `${changes} failed change(s) reached production` });

  const shards = Math.max(1, state.database.shards);
  const dbFailures = nextPoisson(state, shards / HOST_FAILURE.dbMttfDays);
  for (let i = 0; i < dbFailures; i++) {
    const perShard = 1 / shards;
    const replicated = state.database.readReplicas > 0;
    out.minutes['host-failure'] +=
      (replicated ? HOST_FAILURE.failoverMinutes : mttr * (0.5 + nextUniform(state))) * perShard;
    out.count += 1;
    events.push({
      kind: 'host-failure',
      text: replicated
        ? 'A database host failed; a replica took over'
        : 'The database primary failed with no replica to take over',
    });
  }

  const providers = Math.max(1, state.cdn.providers);
  const cdnFailures = nextPoisson(state, providers / HOST_FAILURE.cdnMttfDays);
  for (let i = 0; i < cdnFailures; i++) {
    const minutes =
      providers > 1
        ? HOST_FAILURE.failoverMinutes
        : HOST_FAILURE.cdnVendorMttrMinutes * (0.5 + nextUniform(state));
    out.minutes['vendor-incident'] += minutes * HOST_FAILURE.cdnImpact;
    out.count += 1;
    events.push({
      kind: 'vendor-incident',
      text:
        providers > 1
          ? 'A CDN provider failed; traffic moved to the other'
          : 'The CDN provider had a major incident',
    });
  }

  const processFactor = 1 - state.risk.levels['process-maturity'] / 200;
  for (const project of state.pending.projects) {
    if (nextUniform(state) < project.incidentRiskPerDay * processFactor) {
      out.minutes.migration += mttr * (0.5 + nextUniform(state)) * MIGRATION_INCIDENT_IMPACT;
      out.count += 1;
      events.push({ kind: 'migration-incident', text: `Migration incident during ${project.project}` });
    }
  }
  for (const g of state.pending.growth) {
    if (g.kind !== 'launch' || g.untilDay < day) continue;
    if (nextUniform(state) < g.incidentRiskPerDay * processFactor) {
      out.minutes.launch += mttr * (0.5 + nextUniform(state)) * LAUNCH_INCIDENT_IMPACT;
      out.count += 1;
      events.push({ kind: 'launch-incident', text: 'A feature launch caused an incident' });
    }
  }
  return out;
}
