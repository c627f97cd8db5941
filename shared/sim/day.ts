import { applyBreach, applyEffect } from './apply-effect';
import { billedCosts, infraCost, listCosts, totalCost } from './costs';
import type { Effect } from './effects';
import { deploysToday, drawIncidents } from './incidents';
import {
  BREACH,
  COMMUNICATION,
  COMPLIANCE_DRIFT,
  DAYS_PER_MONTH,
  HOST_FAILURE,
  MINUTES_PER_DAY,
  ON_CALL,
  PAYMENTS_REVENUE_SHARE,
  RUNWAY_CAP_MONTHS,
  SECURITY,
} from './model-constants';
import { buildOutcome, sumDowntime } from './outcome';
import { drawAttrition, projectPace, updateMorale } from './people';
import { landProject } from './projects';
import { nextUniform } from './rng';
import type { DayOutcome, DowntimeCause, SimState } from './state';
import { assessTiers, countOutages, noOutages, peakConcurrentUsers } from './tiers';
import { churnByDriver, growthRate, updateInvestorConfidence, updateTrust } from './users';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function runwayMonths(cashUsd: number, netBurnUsdPerMonth: number): number {
  // No cash is no runway, even on a day when revenue covers costs (issue 12: -$89M read 120 months).
  if (cashUsd <= 0) return 0;
  if (netBurnUsdPerMonth <= 0) return RUNWAY_CAP_MONTHS;
  return Math.min(RUNWAY_CAP_MONTHS, Math.max(0, cashUsd / netBurnUsdPerMonth));
}

/** Items still running on `day`. Allocates only when something ended (most days nothing does). */
function stillRunning<T extends { untilDay: number }>(items: T[], day: number): T[] {
  for (const item of items) if (item.untilDay < day) return items.filter((x) => x.untilDay >= day);
  return items;
}

/** Removes what ended before `day` and lands what arrives on it. */
function settlePending(state: SimState, day: number): void {
  const p = state.pending;
  p.spikes = stillRunning(p.spikes, day);
  p.growth = stillRunning(p.growth, day);
  p.costShocks = stillRunning(p.costShocks, day);
  const commitments = stillRunning(p.commitments, day);
  if (commitments !== p.commitments) {
    for (const c of p.commitments)
      if (c.untilDay < day)
        p.events.push({
          kind: 'commitment-expired',
          text: `The ${c.category} commitment ended`,
          ...(c.audience ? { audience: c.audience } : {}),
        });
    p.commitments = commitments;
  }
  let hiresDue = false;
  for (const h of p.hires) if (h.landsOnDay <= day) hiresDue = true;
  if (hiresDue) {
    for (const h of p.hires) {
      if (h.landsOnDay > day) continue;
      state.people.engineers[h.seniority] += h.count;
      p.events.push({
        kind: 'hire-landed',
        text: `${h.count} ${h.seniority} engineer(s) joined`,
        ...(h.audience ? { audience: h.audience } : {}),
      });
    }
    p.hires = p.hires.filter((h) => h.landsOnDay > day);
  }
  let deadlinesDue = false;
  for (const d of p.deadlines) if (d.day <= day) deadlinesDue = true;
  if (deadlinesDue) {
    for (const d of p.deadlines) {
      if (d.day > day) continue;
      if (state.risk.compliance[d.regime] >= d.requiredReadiness) {
        p.events.push({
          kind: 'deadline-met',
          text: `${d.regime} deadline met`,
          ...(d.audience ? { audience: d.audience } : {}),
        });
      } else {
        p.oneOffUsd += d.fineUsd;
        // The regulator's finding: the regime's readiness is judged lower (tunable).
        state.risk.compliance[d.regime] = Math.max(
          0,
          state.risk.compliance[d.regime] - COMPLIANCE_DRIFT.missedDeadlinePenalty,
        );
        state.risk.userTrust = Math.max(0, state.risk.userTrust - 10);
        state.risk.investorConfidence = Math.max(0, state.risk.investorConfidence - 10);
        p.events.push({
          kind: 'deadline-missed',
          text: `${d.regime} deadline missed: fined $${Math.round(d.fineUsd / 1e6)}M`,
          ...(d.audience ? { audience: d.audience } : {}),
        });
      }
    }
    p.deadlines = p.deadlines.filter((d) => d.day > day);
  }
}

/**
 * GDPR readiness erodes as data sprawls across a growing platform, faster with weak security
 * (COMPLIANCE_DRIFT, tunable): without a program the regulator's patience runs out.
 */
function driftCompliance(state: SimState): void {
  const c = state.risk.compliance;
  const weakness = 1 - state.risk.levels.security / 100;
  c.gdpr = Math.max(0, c.gdpr - COMPLIANCE_DRIFT.gdprPerDayAtZeroSecurity * weakness);
}

/** Vulnerabilities found and fixed, and the day's breach draw. */
function updateSecurity(state: SimState, deploys: number): void {
  const r = state.risk;
  const posture = r.levels.security / 100;
  const found = SECURITY.vulnerabilitiesFoundPerDay + SECURITY.vulnerabilitiesPerDeploy * deploys;
  const fixed = r.openVulnerabilities * SECURITY.fixShareAtFullPosture * posture;
  r.openVulnerabilities = Math.max(0, r.openVulnerabilities + found - fixed);
  const p =
    SECURITY.breachPerDay *
    (1 - posture) *
    (1 - posture) *
    (r.openVulnerabilities / SECURITY.referenceVulnerabilities);
  if (nextUniform(state) < p) {
    const severity = BREACH.drawnMin + (BREACH.drawnMax - BREACH.drawnMin) * nextUniform(state);
    applyBreach(
      state,
      severity,
      `Security breach through an open vulnerability (severity ${severity.toFixed(2)})`,
    );
  }
}

/**
 * Simulates one day on a working copy (mutates `state`): effects, pending items, traffic, tiers,
 * incidents, money, people, risk and users, then appends the day's outcome to history.
 */
export function simulateDay(
  state: SimState,
  effects: readonly Effect[],
  audiences?: readonly (readonly string[] | undefined)[],
): DayOutcome {
  const day = state.day + 1;
  state.day = day;
  const p = state.pending;
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i];
    const audience = audiences?.[i];
    if (!effect) continue;
    if (!audience) {
      applyEffect(state, effect, day);
      continue;
    }
    // Need to know (DESIGN.md invariant 4): what a restricted effect creates carries its audience.
    // Projects and commitments too: a commitment replaces its category's, so new items are told
    // apart by identity rather than by position.
    const before = [p.events.length, p.deadlines.length, p.hires.length] as const;
    const earlier = new Set<object>([...p.projects, ...p.commitments]);
    applyEffect(state, effect, day);
    for (const item of [
      ...p.events.slice(before[0]),
      ...p.deadlines.slice(before[1]),
      ...p.hires.slice(before[2]),
      ...p.projects.filter((x) => !earlier.has(x)),
      ...p.commitments.filter((x) => !earlier.has(x)),
    ])
      item.audience = [...audience];
  }
  settlePending(state, day);

  const model = state.model;
  const dailyActiveUsers = state.traffic.registeredUsers * model.dailyActiveShare;
  const peak = peakConcurrentUsers(state, dailyActiveUsers);

  const outageHours = noOutages();
  if (p.outages.length > 0) {
    for (const o of p.outages) {
      outageHours[o.target] = Math.max(outageHours[o.target], Math.min(24, o.hoursLeft));
      o.hoursLeft -= 24;
    }
    p.outages = p.outages.filter((o) => o.hoursLeft > 0);
  }

  const tiers = assessTiers(state, peak, outageHours);
  const deploys = deploysToday(state, day);
  const incidents = drawIncidents(state, day, deploys);
  const failover =
    outageHours.database > 0 && state.database.readReplicas > 0
      ? HOST_FAILURE.failoverMinutes / Math.max(1, state.database.shards)
      : 0;

  const downtimeByCause: Record<DowntimeCause, number> = {
    'overload-app': tiers.overloadMinutes.app,
    'overload-database': tiers.overloadMinutes.database,
    'overload-cdn': tiers.overloadMinutes.cdn,
    outage: tiers.outageMinutes + failover,
    'host-failure': incidents.minutes['host-failure'],
    'vendor-incident': incidents.minutes['vendor-incident'],
    'change-failure': incidents.minutes['change-failure'],
    migration: incidents.minutes.migration,
    launch: incidents.minutes.launch,
  };
  const downtime = sumDowntime(downtimeByCause);
  const incidentMinutes =
    downtime -
    tiers.overloadMinutes.app -
    tiers.overloadMinutes.database -
    tiers.overloadMinutes.cdn -
    tiers.outageMinutes;
  const errorRate = clamp01(tiers.failedShare + Math.max(0, incidentMinutes) / MINUTES_PER_DAY);

  // Projects advance at the team's pace (after today's migration-risk draw) and land when done.
  if (p.projects.length > 0) {
    const previous = state.history[state.history.length - 1];
    const pace = projectPace(state, previous?.incidents ?? 0);
    for (const project of p.projects) project.progressDays += pace;
    let anyDone = false;
    for (const project of p.projects) if (project.progressDays >= project.days) anyDone = true;
    if (anyDone) {
      const done = p.projects.filter((x) => x.progressDays >= x.days);
      p.projects = p.projects.filter((x) => x.progressDays < x.days);
      for (const project of done) landProject(state, project.project, project.audience);
    }
  }

  updateSecurity(state, deploys);

  // Money: recurring costs for the day plus one-off charges; capex from the emergency budget first.
  const costs = billedCosts(state, listCosts(state, dailyActiveUsers, tiers));
  const monthlyCost = totalCost(costs);
  const oneOffUsd = p.oneOffUsd;
  const opexUsd = monthlyCost / DAYS_PER_MONTH + oneOffUsd;
  const paymentsLoss = (PAYMENTS_REVENUE_SHARE * outageHours['payments-vendor']) / 24;
  const revenueUsd =
    ((state.money.arpuUsd * dailyActiveUsers) / DAYS_PER_MONTH) * (1 - errorRate) * (1 - paymentsLoss);
  const capexTotal = p.capexUsd;
  const budgetBefore = state.money.emergencyBudgetUsd;
  const capexFromEmergencyUsd = Math.min(capexTotal, budgetBefore);
  state.money.emergencyBudgetUsd = budgetBefore - capexFromEmergencyUsd;
  if (budgetBefore > 0 && state.money.emergencyBudgetUsd === 0)
    p.events.push({ kind: 'emergency-budget-exhausted', text: 'The emergency budget is spent' });
  const capexUsd = capexTotal - capexFromEmergencyUsd;
  const fundingUsd = p.fundingUsd;
  const cashStartUsd = state.money.cashUsd;
  const cashEndUsd = cashStartUsd + revenueUsd - opexUsd - capexUsd + fundingUsd;
  state.money.cashUsd = cashEndUsd;
  const monthlyRevenueUsd = revenueUsd * DAYS_PER_MONTH;
  const runway = runwayMonths(cashEndUsd, monthlyCost - monthlyRevenueUsd);

  // People: incidents page the on-call; morale and attrition follow.
  const outagePages = countOutages(outageHours);
  const incidentCount = incidents.count + tiers.overloadEpisodes + outagePages;
  updateMorale(state, incidentCount / ON_CALL.shiftsPerDay);
  const left = drawAttrition(state);
  if (left > 0) p.events.push({ kind: 'engineer-left', text: `${left} engineer(s) quit` });

  // Users: churn and growth set tomorrow's registrations; trust and confidence drift.
  const churn = churnByDriver(state, tiers.p95Ms, downtime);
  const churnTotal = churn.natural + churn.latency + churn.downtime + churn.trust + churn.monetization;
  const growth = growthRate(state, day);
  state.traffic.registeredUsers = Math.max(0, state.traffic.registeredUsers * (1 + growth - churnTotal));
  updateTrust(state, tiers.p95Ms, downtime);
  // What investors remember: an exponential moving average of downtime with a ~7-day span (alpha = 2/8).
  state.risk.downtimeMemoryMinutes += 0.25 * (downtime - state.risk.downtimeMemoryMinutes);
  updateInvestorConfidence(state, infraCost(costs), state.risk.downtimeMemoryMinutes, runway);

  state.storage.hot += (model.storageGrowthGbPerDau * dailyActiveUsers) / 1000;
  // A fixed background fleet is bought for the most users it has served; autoscaled, it follows them.
  state.app.backgroundProvisionedDau = state.app.autoscaling.enabled
    ? dailyActiveUsers
    : Math.max(state.app.backgroundProvisionedDau, dailyActiveUsers);
  state.risk.userCommsFatigue *= 1 - COMMUNICATION.fatigueDecayPerDay;
  state.risk.investorCommsFatigue *= 1 - COMMUNICATION.fatigueDecayPerDay;
  driftCompliance(state);
  if (state.app.autoscaling.enabled) state.app.servers = tiers.appServersAtPeak;
  state.cache.coldShare = 0;

  const events = p.events;
  p.events = [];
  p.oneOffUsd = 0;
  p.capexUsd = 0;
  p.fundingUsd = 0;

  const outcome = buildOutcome(state, {
    day,
    tiers,
    downtimeByCause,
    errorRate,
    costs,
    churnByDriver: churn,
    money: {
      cashStartUsd,
      revenueUsd,
      opexUsd,
      oneOffUsd,
      capexUsd,
      capexFromEmergencyUsd,
      fundingUsd,
      cashEndUsd,
    },
    monthlyRevenueUsd,
    runwayMonths: runway,
    incidents: incidentCount,
    dailyActiveUsers: state.traffic.registeredUsers * model.dailyActiveShare,
    peakConcurrentUsers: peak,
    events,
  });
  state.history.push(outcome);
  return outcome;
}
