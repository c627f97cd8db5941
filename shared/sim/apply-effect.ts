import type { Effect } from './effects';
import { DAYS_PER_MONTH, MAX_DB_SIZE_STEPS, MAX_HIT_RATIO, SECURITY } from './model-constants';
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

/** A breach, from an inject or from the daily breach draw: trust, confidence and a notification bill. */
export function applyBreach(state: SimState, severity: number, text: string): void {
  const s = clamp(severity, 0, 1);
  state.risk.userTrust = clampLevel(state.risk.userTrust - 15 * s);
  state.risk.investorConfidence = clampLevel(state.risk.investorConfidence - 10 * s);
  state.pending.oneOffUsd += SECURITY.breachCostUsdPerSeverity * s;
  state.pending.events.push({ kind: 'breach', text });
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
      state.risk.userTrust = clampLevel(state.risk.userTrust + effect.userTrust);
      state.risk.investorConfidence = clampLevel(state.risk.investorConfidence + effect.investorConfidence);
      return;
    case 'arpu':
      state.money.arpuUsd = clamp(state.money.arpuUsd + effect.deltaUsd, 0, 1e6);
      return;
    case 'funding':
      p.fundingUsd += usd(effect.amountUsd);
      p.events.push({ kind: 'funding', text: `Funding received: $${Math.round(effect.amountUsd / 1e6)}M` });
      return;
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
