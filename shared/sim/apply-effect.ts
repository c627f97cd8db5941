import { unitMonthlyUsd } from './costs';
import type { CapacityTarget, Effect } from './effects';
import { evaluateCondition } from './metric-value';
import {
  BREACH,
  DAYS_PER_MONTH,
  DECOMMISSION_LAG_DAYS,
  MAX_DB_SIZE_STEPS,
  MAX_HIT_RATIO,
} from './model-constants';
import type { SimState } from './state';

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const clampLevel = (x: number) => clamp(x, 0, 100);
/**
 * Numbers from a scenario are only known to be finite. These bounds keep the arithmetic finite (no
 * Infinity, no NaN) whatever an author writes; they are far beyond any sensible value.
 */
const whole = (x: number) => Math.min(100_000, Math.max(0, Math.round(x)));
const usd = (x: number) => clamp(x, 0, 1e13);
const MAX_CAPACITY_DELTA = 1_000_000;

export function totalEngineers(state: SimState): number {
  const e = state.people.engineers;
  return e.junior + e.mid + e.senior;
}

/**
 * A breach, from an inject or from the daily breach draw: trust, confidence, a notification bill and
 * GDPR readiness (the regulator sees the controls failed). Severity 1 is a typical breach; the scale
 * runs to BREACH.maxSeverity, and a larger number is reported, not silently clamped (issue 12).
 */
export function applyBreach(state: SimState, severity: number, text: string): void {
  const s = clamp(severity, 0, BREACH.maxSeverity);
  state.risk.userTrust = clampLevel(state.risk.userTrust - BREACH.trustPerSeverity * s);
  state.risk.investorConfidence = clampLevel(
    state.risk.investorConfidence - BREACH.confidencePerSeverity * s,
  );
  state.risk.compliance.gdpr = clampLevel(state.risk.compliance.gdpr - BREACH.gdprPerSeverity * s);
  state.pending.oneOffUsd += BREACH.costUsdPerSeverity * s;
  const clamped =
    severity > BREACH.maxSeverity ? ` (severity ${severity} counted as ${BREACH.maxSeverity})` : '';
  state.pending.events.push({ kind: 'breach', text: `${text}${clamped}` });
}

/**
 * Repeated messages wear out: each communication counts 1 / (1 + fatigue)^2 of its face value, and
 * adds 1 to the fatigue, which fades by COMMUNICATION.fatigueDecayPerDay (tunable: no published figure).
 */
function communicate(state: SimState, userTrust: number, investorConfidence: number): void {
  const r = state.risk;
  if (userTrust > 0) {
    r.userTrust = clampLevel(r.userTrust + userTrust / (1 + r.userCommsFatigue) ** 2);
    r.userCommsFatigue += 1;
  } else r.userTrust = clampLevel(r.userTrust + userTrust);
  if (investorConfidence > 0) {
    r.investorConfidence = clampLevel(
      r.investorConfidence + investorConfidence / (1 + r.investorCommsFatigue) ** 2,
    );
    r.investorCommsFatigue += 1;
  } else r.investorConfidence = clampLevel(r.investorConfidence + investorConfidence);
}

/**
 * Capacity removed stays on the bill for DECOMMISSION_LAG_DAYS (as a cost shock on its category).
 * Removing app servers also rightsizes the fixed background fleet to today's users.
 */
function decommission(state: SimState, target: CapacityTarget, units: number, day: number): void {
  const current =
    target === 'app-servers'
      ? state.app.servers
      : target === 'db-replicas'
        ? state.database.readReplicas
        : target === 'cache-nodes'
          ? state.cache.nodes
          : target === 'cdn-capacity'
            ? state.cdn.capacityGbps
            : 0;
  const removed = Math.min(units, current);
  const usdPerMonth = removed * unitMonthlyUsd(state, target);
  if (usdPerMonth > 0) {
    const category =
      target === 'cdn-capacity'
        ? 'cdn'
        : target === 'db-replicas'
          ? 'database'
          : target === 'cache-nodes'
            ? 'managed-services'
            : 'compute';
    state.pending.costShocks.push({ category, usdPerMonth, untilDay: day + DECOMMISSION_LAG_DAYS - 1 });
  }
  if (target === 'app-servers') {
    const last = state.history[state.history.length - 1];
    state.app.backgroundProvisionedDau =
      last?.metrics['daily-active-users'] ?? state.app.backgroundProvisionedDau;
  }
}

/**
 * Applies one effect at the start of `day` (the day being simulated). Effects that take time become
 * pending items in state; see docs/simulation.md for each one's meaning.
 */
export function applyEffect(state: SimState, effect: Effect, day: number): void {
  const p = state.pending;
  switch (effect.type) {
    case 'capacity': {
      const delta = Math.round(clamp(effect.delta, -MAX_CAPACITY_DELTA, MAX_CAPACITY_DELTA));
      if (delta < 0) decommission(state, effect.target, -delta, day);
      switch (effect.target) {
        case 'db-primary-size':
          state.database.sizeSteps = clamp(state.database.sizeSteps + delta, 0, MAX_DB_SIZE_STEPS);
          break;
        case 'db-replicas':
          state.database.readReplicas = Math.max(0, state.database.readReplicas + delta);
          break;
        case 'cache-nodes': {
          const before = state.cache.nodes;
          const after = Math.max(0, before + delta);
          state.cache.nodes = after;
          // Consistent hashing remaps the keys of added or removed nodes: they start cold.
          const moved =
            after > before ? (after - before) / after : before > 0 ? (before - after) / before : 0;
          state.cache.coldShare = clamp(state.cache.coldShare + moved, 0, 1);
          break;
        }
        case 'app-servers':
          state.app.servers = Math.max(0, state.app.servers + delta);
          break;
        case 'cdn-capacity':
          state.cdn.capacityGbps = Math.max(0, state.cdn.capacityGbps + delta);
          break;
      }
      p.events.push({
        kind: 'decision',
        text: `Capacity ${effect.target} ${effect.delta >= 0 ? '+' : ''}${effect.delta}`,
      });
      return;
    }
    case 'start-project':
      p.projects.push({
        project: effect.project,
        days: clamp(effect.days, 1, 100_000),
        progressDays: 0,
        incidentRiskPerDay: clamp(effect.incidentRiskPerDay, 0, 1),
        startedDay: day,
      });
      p.events.push({
        kind: 'project-started',
        text: `Project started: ${effect.project} (${effect.days} days)`,
      });
      return;
    case 'cache-hit-ratio':
      // Tuning (leases, key design) moves the hit ratio the cluster reaches at its reference size.
      state.cache.hitRatio = clamp(state.cache.hitRatio + effect.delta, 0, MAX_HIT_RATIO);
      return;
    case 'autoscaling': {
      const a = state.app.autoscaling;
      a.enabled = effect.enabled;
      if (effect.minServers !== undefined) a.minServers = whole(effect.minServers);
      if (effect.maxServers !== undefined) a.maxServers = whole(effect.maxServers);
      a.maxServers = Math.max(a.maxServers, a.minServers);
      p.events.push({
        kind: 'decision',
        text: `Autoscaling ${effect.enabled ? 'on' : 'off'} (${a.minServers}-${a.maxServers})`,
      });
      return;
    }
    case 'commit-spend': {
      p.commitments = p.commitments.filter((c) => c.category !== effect.category);
      p.commitments.push({
        category: effect.category,
        discount: clamp(effect.discount, 0, 0.95),
        floorUsdPerMonth: null,
        commitUsdPerMonth: effect.commitUsdPerMonth === undefined ? null : usd(effect.commitUsdPerMonth),
        untilDay: day + whole(effect.months * DAYS_PER_MONTH) - 1,
      });
      p.events.push({
        kind: 'commitment',
        text: `Committed ${effect.category} spend for ${effect.months} months at ${Math.round(effect.discount * 100)}% off`,
      });
      return;
    }
    case 'move-storage': {
      const amount = state.storage[effect.from] * clamp(effect.fraction, 0, 1);
      state.storage[effect.from] -= amount;
      state.storage[effect.to] += amount;
      return;
    }
    case 'cancel-hires': {
      const before = p.hires.length;
      p.hires = p.hires.filter((h) => h.seniority !== effect.seniority);
      if (p.hires.length < before)
        p.events.push({ kind: 'hires-cancelled', text: `Pending ${effect.seniority} hires fell through` });
      return;
    }
    case 'hire':
      if (effect.count > 0)
        p.hires.push({
          seniority: effect.seniority,
          count: whole(effect.count),
          landsOnDay: day + whole(effect.leadDays),
        });
      return;
    case 'on-call-rotation':
      state.people.onCallRotation = Math.min(whole(effect.engineers), totalEngineers(state));
      return;
    case 'weekly-hours':
      state.people.weeklyHours = clamp(effect.hours, 10, 120);
      return;
    case 'raise-level':
      state.risk.levels[effect.level] = clampLevel(state.risk.levels[effect.level] + effect.delta);
      return;
    case 'compliance':
      state.risk.compliance[effect.regime] = clampLevel(state.risk.compliance[effect.regime] + effect.delta);
      return;
    case 'feature-freeze':
      p.growth.push({
        kind: 'freeze',
        growthDelta: 0,
        incidentRiskPerDay: 0,
        untilDay: day + whole(effect.days) - 1,
      });
      p.events.push({ kind: 'decision', text: `Feature freeze for ${effect.days} days` });
      return;
    case 'feature-launch':
      p.growth.push({
        kind: 'launch',
        growthDelta: clamp(effect.growthBoost, -0.5, 0.5),
        incidentRiskPerDay: clamp(effect.incidentRiskPerDay, 0, 1),
        untilDay: day + whole(effect.days) - 1,
      });
      p.events.push({ kind: 'decision', text: `Feature launch rolling out for ${effect.days} days` });
      return;
    case 'communication':
      communicate(state, effect.userTrust, effect.investorConfidence);
      return;
    case 'arpu':
      state.money.arpuUsd = clamp(state.money.arpuUsd + effect.deltaUsd, 0, 1e6);
      return;
    case 'metric':
      // The scenario's own metrics are moved by shared/sim/scenario-metrics.ts, not by this model.
      return;
    case 'funding': {
      const bump = clamp(effect.investorConfidence ?? 0, 0, 100);
      const unmet = (effect.conditions ?? []).filter((c) => !evaluateCondition(state, c));
      if (unmet.length > 0) {
        state.risk.investorConfidence = clampLevel(state.risk.investorConfidence - Math.max(5, bump / 2));
        p.events.push({
          kind: 'funding-failed',
          text: `Funding of $${Math.round(effect.amountUsd / 1e6)}M fell through: ${unmet.map((c) => `${c.metric} ${c.comparison} ${c.threshold}`).join(', ')} did not hold`,
        });
        return;
      }
      p.fundingUsd += usd(effect.amountUsd);
      if (bump > 0) state.risk.investorConfidence = clampLevel(state.risk.investorConfidence + bump);
      p.events.push({ kind: 'funding', text: `Funding received: $${Math.round(effect.amountUsd / 1e6)}M` });
      return;
    }
    case 'spend':
      p.capexUsd += usd(effect.capexUsd);
      state.money.extraOpexUsdPerMonth[effect.category] += clamp(effect.opexUsdPerMonth, -1e13, 1e13);
      if (state.money.extraOpexUsdPerMonth[effect.category] < 0)
        state.money.extraOpexUsdPerMonth[effect.category] = 0;
      return;
    case 'traffic-spike':
      p.spikes.push({
        multiplier: clamp(effect.multiplier, 0, 1_000),
        untilDay: day + whole(effect.days) - 1,
      });
      p.events.push({ kind: 'shock', text: `Traffic spike x${effect.multiplier} for ${effect.days} days` });
      return;
    case 'outage':
      p.outages.push({ target: effect.target, hoursLeft: clamp(effect.hours, 0, 24 * 3_650) });
      p.events.push({ kind: 'outage', text: `Outage: ${effect.target} for ${effect.hours} h` });
      return;
    case 'cost-shock':
      if (effect.months <= 0) p.oneOffUsd += usd(effect.amountUsd);
      else
        p.costShocks.push({
          category: effect.category,
          usdPerMonth: usd(effect.amountUsd),
          untilDay: day + whole(effect.months * DAYS_PER_MONTH) - 1,
        });
      p.events.push({
        kind: 'shock',
        text: `Cost shock on ${effect.category}: $${Math.round(effect.amountUsd / 1e6)}M`,
      });
      return;
    case 'morale':
      state.people.morale = clampLevel(state.people.morale + effect.delta);
      return;
    case 'breach':
      applyBreach(state, effect.severity, `Security breach (severity ${effect.severity})`);
      return;
    case 'regulator-deadline':
      p.deadlines.push({
        regime: effect.regime,
        day: day + whole(effect.days),
        requiredReadiness: clampLevel(effect.requiredReadiness),
        fineUsd: usd(effect.fineUsd),
      });
      p.events.push({
        kind: 'deadline-set',
        text: `Regulator deadline: ${effect.regime} in ${effect.days} days`,
      });
      return;
    case 'competitor-launch':
      p.growth.push({
        kind: 'competitor',
        growthDelta: -clamp(effect.growthCut, 0, 0.5),
        incidentRiskPerDay: 0,
        untilDay: day + whole(effect.days) - 1,
      });
      p.events.push({ kind: 'shock', text: 'A competitor launched a rival feature' });
      return;
    case 'engineer-leaves': {
      const e = state.people.engineers;
      const leaving = Math.min(e[effect.seniority], whole(effect.count));
      e[effect.seniority] -= leaving;
      state.people.onCallRotation = Math.min(state.people.onCallRotation, totalEngineers(state));
      // Departures of respected colleagues hurt those who stay (tunable).
      state.people.morale = clampLevel(state.people.morale - 3 * leaving);
      p.events.push({ kind: 'engineer-left', text: `${leaving} ${effect.seniority} engineer(s) left` });
      return;
    }
  }
}
