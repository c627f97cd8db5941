import { infraCost, totalCost } from './costs';
import { mttrMinutes } from './incidents';
import type { MetricName } from './metrics';
import { ON_CALL, TARGET_HEADROOM_UTILIZATION } from './model-constants';
import type {
  ChurnDriver,
  CostByCategory,
  DayMoney,
  DayOutcome,
  DowntimeCause,
  ProjectProgress,
  SimEvent,
  SimState,
} from './state';
import { effectiveHitRatio, primaryUtilizationAtTarget, type TierDay } from './tiers';

export interface OutcomeParts {
  day: number;
  tiers: TierDay;
  downtimeByCause: Record<DowntimeCause, number>;
  errorRate: number;
  costs: CostByCategory;
  churnByDriver: Record<ChurnDriver, number>;
  money: DayMoney;
  monthlyRevenueUsd: number;
  runwayMonths: number;
  incidents: number;
  dailyActiveUsers: number;
  peakConcurrentUsers: number;
  events: SimEvent[];
}

export function sumDowntime(d: Record<DowntimeCause, number>): number {
  const total =
    d['overload-app'] +
    d['overload-database'] +
    d['overload-cdn'] +
    d.outage +
    d['host-failure'] +
    d['vendor-incident'] +
    d['change-failure'] +
    d.migration +
    d.launch;
  return Math.min(total, 1440);
}

/** Builds the day's record from its parts and the state at the end of the day. */
export function buildOutcome(state: SimState, parts: OutcomeParts): DayOutcome {
  const downtime = sumDowntime(parts.downtimeByCause);
  const c = parts.churnByDriver;
  const s = state.storage;
  const e = state.people.engineers;
  const lv = state.risk.levels;
  const cmp = state.risk.compliance;
  const u = parts.tiers.utilization;
  const metrics: Record<MetricName, number> = {
    availability: 1 - downtime / 1440,
    'downtime-minutes': downtime,
    'p95-latency-ms': parts.tiers.p95Ms,
    'error-rate': parts.errorRate,
    'monthly-infra-cost-usd': infraCost(parts.costs),
    'monthly-burn-usd': totalCost(parts.costs) - parts.monthlyRevenueUsd,
    'cash-usd': parts.money.cashEndUsd,
    'emergency-budget-usd': state.money.emergencyBudgetUsd,
    'runway-months': parts.runwayMonths,
    'registered-users': state.traffic.registeredUsers,
    'daily-active-users': parts.dailyActiveUsers,
    'peak-concurrent-users': parts.peakConcurrentUsers,
    'daily-churn-rate': c.natural + c.latency + c.downtime + c.trust + c.monetization,
    'arpu-usd': state.money.arpuUsd,
    'user-trust': state.risk.userTrust,
    'investor-confidence': state.risk.investorConfidence,
    morale: state.people.morale,
    'weekly-hours': state.people.weeklyHours,
    'incidents-per-shift': parts.incidents / ON_CALL.shiftsPerDay,
    engineers: e.junior + e.mid + e.senior,
    'security-posture': lv.security,
    'open-vulnerabilities': state.risk.openVulnerabilities,
    'compliance-gdpr': cmp.gdpr,
    'compliance-ccpa': cmp.ccpa,
    'compliance-payments': cmp.payments,
    'compliance-content-moderation': cmp['content-moderation'],
    'db-utilization': Math.max(u.dbPrimary, u.dbReplicas),
    'app-utilization': u.app,
    'cdn-utilization': u.cdn,
    'cache-hit-ratio': effectiveHitRatio(state),
    'scale-headroom': TARGET_HEADROOM_UTILIZATION / Math.max(primaryUtilizationAtTarget(state), 1e-9),
    'mttr-minutes': mttrMinutes(state),
    'storage-tb': s.hot + s.infrequent + s.archive,
  };
  return {
    day: parts.day,
    metrics,
    p95ByRegionMs: parts.tiers.p95ByRegionMs,
    utilization: u,
    replicaLagMs: parts.tiers.replicaLagMs,
    appServers: parts.tiers.appServersAtPeak,
    downtimeByCause: parts.downtimeByCause,
    costByCategory: parts.costs,
    churnByDriver: parts.churnByDriver,
    money: parts.money,
    incidents: parts.incidents,
    projects: projectProgress(state),
    events: parts.events,
  };
}

function projectProgress(state: SimState): ProjectProgress[] {
  const out: ProjectProgress[] = [];
  for (const p of state.pending.projects)
    out.push({
      project: p.project,
      progress: Math.min(1, p.progressDays / p.days),
      ...(p.audience ? { audience: p.audience } : {}),
    });
  return out;
}
