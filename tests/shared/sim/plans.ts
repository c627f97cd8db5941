import type { DayInputs, Effect } from '../../../shared/sim';

/**
 * The three calibration plans of issue 3, written as data: on which simulated day the roles decide
 * what. Each entry is what a scenario action would apply when approved (its effects plus its price).
 */
export interface Plan {
  name: string;
  description: string;
  decisions: Record<number, Effect[]>;
}

export function inputsFor(plan: Plan): (day: number) => DayInputs {
  return (day) => ({ effects: plan.decisions[day] ?? [] });
}

export const doNothing: Plan = {
  name: 'do nothing',
  description: 'No decisions: the platform rides the growth on what it has.',
  decisions: {},
};

export const spendTheWayOut: Plan = {
  name: 'spend the way out',
  description:
    'Maximum hardware, no process or architecture change: a 10x app fleet, then more, the biggest primary, ' +
    'more cache and edge capacity, bought at list price with premium vendor support. No pooler, replicas, ' +
    'autoscaling, commitments, projects, rotation or freeze.',
  decisions: {
    1: [
      { type: 'capacity', target: 'app-servers', delta: 450 },
      { type: 'capacity', target: 'db-primary-size', delta: 2 }, // the largest instance there is
      { type: 'capacity', target: 'cache-nodes', delta: 40 },
      { type: 'capacity', target: 'cdn-capacity', delta: 5_000 },
      { type: 'spend', category: 'compute', capexUsd: 30_000_000, opexUsdPerMonth: 0 },
      { type: 'spend', category: 'managed-services', capexUsd: 20_000_000, opexUsdPerMonth: 3_000_000 },
    ],
    // The monolith's hot paths come out once the platform is stable, so its incidents miss day 30.
    24: [{ type: 'start-project', project: 'monolith-extraction', days: 45, incidentRiskPerDay: 0.015 }],
    30: [
      { type: 'capacity', target: 'app-servers', delta: 300 },
      { type: 'capacity', target: 'cdn-capacity', delta: 3_000 },
      { type: 'spend', category: 'compute', capexUsd: 40_000_000, opexUsdPerMonth: 0 },
    ],
    60: [
      { type: 'capacity', target: 'cache-nodes', delta: 40 },
      { type: 'capacity', target: 'cdn-capacity', delta: 3_000 },
      { type: 'spend', category: 'cdn', capexUsd: 30_000_000, opexUsdPerMonth: 0 },
    ],
  },
};

export const balanced: Plan = {
  name: 'balanced',
  description:
    'Relieve the database first (pooler, replicas, cache), let the fleet autoscale, add a second CDN and ' +
    'commit spend at a baseline the CFO chose, extract the monolith hot paths, tier cold storage, build observability, change management and an ' +
    'on-call rotation, freeze features while stabilizing, cut hours, and start sharding early so it lands ' +
    'before growth does. Capacity lands after its provisioning lead time.',
  decisions: {
    1: [
      { type: 'start-project', project: 'connection-pooler', days: 5, incidentRiskPerDay: 0.01 },
      { type: 'start-project', project: 'observability-platform', days: 14, incidentRiskPerDay: 0 },
      { type: 'start-project', project: 'change-management', days: 21, incidentRiskPerDay: 0 },
      { type: 'start-project', project: 'sharding', days: 45, incidentRiskPerDay: 0.02 },
      { type: 'autoscaling', enabled: true, minServers: 50, maxServers: 2_000 },
      // Compute committed at the floor the extracted, autoscaled services will still need (issue 12).
      { type: 'commit-spend', category: 'compute', discount: 0.45, months: 36, commitUsdPerMonth: 7_000_000 },
      { type: 'cache-hit-ratio', delta: 0.12 },
      { type: 'feature-freeze', days: 45 },
      { type: 'on-call-rotation', engineers: 10 },
      { type: 'weekly-hours', hours: 55 },
      { type: 'spend', category: 'managed-services', capexUsd: 3_000_000, opexUsdPerMonth: 300_000 },
      { type: 'communication', userTrust: 5, investorConfidence: 5 },
    ],
    2: [{ type: 'capacity', target: 'cache-nodes', delta: 20 }],
    3: [
      { type: 'capacity', target: 'db-replicas', delta: 4 },
      { type: 'capacity', target: 'cdn-capacity', delta: 1_000 },
      { type: 'start-project', project: 'multi-cdn', days: 21, incidentRiskPerDay: 0.005 },
      // CDN egress committed at a baseline the CFO chose, not the first bill after signing.
      { type: 'commit-spend', category: 'cdn', discount: 0.45, months: 36, commitUsdPerMonth: 25_000_000 },
      { type: 'spend', category: 'database', capexUsd: 2_000_000, opexUsdPerMonth: 0 },
      { type: 'spend', category: 'cdn', capexUsd: 5_000_000, opexUsdPerMonth: 0 },
    ],
    7: [
      { type: 'move-storage', from: 'hot', to: 'infrequent', fraction: 0.6 },
      { type: 'raise-level', level: 'on-call-maturity', delta: 30 },
    ],
    10: [
      { type: 'hire', seniority: 'senior', count: 4, leadDays: 45 },
      { type: 'hire', seniority: 'mid', count: 6, leadDays: 30 },
    ],
    // The monolith's hot paths come out once the platform is stable, so its incidents miss day 30.
    24: [{ type: 'start-project', project: 'monolith-extraction', days: 45, incidentRiskPerDay: 0.015 }],
    30: [
      { type: 'commit-spend', category: 'managed-services', discount: 0.2, months: 12 },
      { type: 'weekly-hours', hours: 50 },
    ],
  },
};
