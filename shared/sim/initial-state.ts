import { billedCosts, infraCost, listCosts, totalCost } from './costs';
import { runwayMonths } from './day';
import { MAX_DB_SIZE_STEPS, MINUTES_PER_DAY } from './model-constants';
import { buildOutcome } from './outcome';
import { seedRng } from './rng';
import { initialScenarioMetrics } from './scenario-metrics';
import type { MetricDefinition, TimeUnit } from './scenario-metrics-schema';
import type { SimSetup } from './setup';
import type { SimModel, SimState } from './state';
import { assessTiers, noOutages, peakConcurrentUsers } from './tiers';
import { churnByDriver } from './users';

/**
 * The starting position: state from the scenario's `simulation:` block, with the model calibrated so
 * the case's figures hold on day 0 (the primary at `primaryLoadVsDesign` x its design load, cost at
 * `monthlyInfraCostUsd`, runway at `runwayMonths`). `history[0]` records that position.
 */
/** What a scenario declares of its model beyond the infrastructure's setup (issue 16). */
export interface ScenarioModel {
  infrastructure: boolean;
  unit: TimeUnit;
  metrics: readonly MetricDefinition[];
}

/**
 * The starting position. A scenario that declares metrics of its own, or turns the infrastructure
 * model off, gets them in `scenarioMetrics` and in day 0's metrics (only them, with the model off);
 * without `scenarioModel`, or with the infrastructure alone, the state is exactly the one it always was.
 */
export function createInitialState(setup: SimSetup, seed: number, scenarioModel?: ScenarioModel): SimState {
  const state = createInfrastructureState(setup, seed);
  if (!scenarioModel || (scenarioModel.infrastructure && scenarioModel.metrics.length === 0)) return state;
  const metrics = initialScenarioMetrics(
    scenarioModel.metrics,
    scenarioModel.unit,
    scenarioModel.infrastructure,
  );
  const first = state.history[0];
  if (first) {
    first.metrics = (
      scenarioModel.infrastructure ? { ...first.metrics, ...metrics.values } : { ...metrics.values }
    ) as typeof first.metrics;
  }
  return { ...state, scenarioMetrics: metrics };
}

function createInfrastructureState(setup: SimSetup, seed: number): SimState {
  const t = setup.traffic;
  const db = setup.database;
  const dau = t.registeredUsers * t.dailyActiveShare;
  const peak = t.peakConcurrentUsers;
  const perUser = (x: number) => (peak > 0 ? x / peak : 0);

  // Split the primary's load into writes and cache-missing reads so both scale with traffic.
  const readShare = db.readShare;
  const toPrimary = 1 - readShare + readShare * (db.readReplicas > 0 ? db.readYourWritesShare : 1);
  const dbLoad = (db.primaryLoadVsDesign * Math.max(1, db.shards)) / Math.max(toPrimary, 1e-9);
  const missRatio = Math.max(1 - setup.cache.hitRatio, 1e-3);

  const model: SimModel = {
    constants: setup.constants,
    dbWriteUnitsPerUser: perUser(dbLoad * (1 - readShare)),
    dbReadUnitsPerUser: perUser((dbLoad * readShare) / missRatio),
    dbReadYourWritesShare: db.readYourWritesShare,
    dbDesignUtilization: Math.max(db.designUtilization, 1e-3),
    dbDesignVcpus: db.designVcpus,
    appUsersPerVcpu:
      setup.app.designConcurrentUsers /
      Math.max(
        setup.app.designServers *
          setup.app.designVcpusPerServer *
          Math.max(setup.app.designUtilization, 1e-3),
        1e-9,
      ),
    cacheLookupsPerUser: setup.cache.lookupsPerSecondPerConcurrentUser,
    cacheReferenceNodes: Math.max(1, setup.cache.nodes),
    targetRegisteredUsers: t.growthTarget.registeredUsers,
    concurrencyShare: dau > 0 ? peak / dau : 0,
    dailyActiveShare: t.dailyActiveShare,
    viralGrowthPerDay: t.viralGrowthPerDay,
    growthHalfLifeDays: t.growthHalfLifeDays,
    naturalChurnPerDay: t.naturalChurnPerDay,
    mbpsPerConcurrentUser: t.mbpsPerConcurrentUser,
    regionMix: { ...t.regionMix },
    storageGrowthGbPerDau: dau > 0 ? setup.storage.dailyGrowthGb / dau : 0,
    managedUsdPerDau: 0,
    nonInfraOpexUsdPerMonth: setup.money.nonInfraOpexUsdPerMonth,
    startInfraCostUsdPerMonth: setup.money.monthlyInfraCostUsd,
    targetInfraCostUsdPerMonth: setup.money.targetMonthlyInfraCostUsd,
    startArpuUsd: setup.money.arpuUsd,
    targetArpuUsd: setup.money.targetArpuUsd,
  };

  const a = setup.app.autoscaling;
  const state: SimState = {
    day: 0,
    rng: seedRng(seed),
    model,
    traffic: { registeredUsers: t.registeredUsers, trafficMultiplier: t.trafficMultiplier },
    database: {
      sizeSteps: Math.min(db.primarySizeSteps, MAX_DB_SIZE_STEPS),
      readReplicas: db.readReplicas,
      connectionPooler: db.connectionPooler,
      shards: Math.max(1, db.shards),
    },
    cache: { nodes: setup.cache.nodes, hitRatio: setup.cache.hitRatio, coldShare: 0 },
    app: {
      servers: setup.app.servers,
      backgroundProvisionedDau: dau,
      vcpusPerServer: setup.app.vcpusPerServer,
      speedup: 1,
      autoscaling: {
        enabled: a.enabled,
        minServers: a.minServers,
        maxServers: Math.max(a.maxServers, a.minServers),
        targetUtilization: a.targetUtilization,
      },
    },
    cdn: {
      providers: Math.max(1, setup.cdn.providers),
      capacityGbps: setup.cdn.capacityGbps,
      edgeHitRatio: setup.cdn.edgeHitRatio,
      baseDiscount: setup.cdn.committedDiscount,
    },
    storage: {
      hot: setup.storage.hotTb,
      infrequent: setup.storage.infrequentTb,
      archive: setup.storage.archiveTb,
    },
    money: {
      cashUsd: 0,
      emergencyBudgetUsd: setup.money.emergencyBudgetUsd,
      arpuUsd: setup.money.arpuUsd,
      extraOpexUsdPerMonth: { compute: 0, database: 0, storage: 0, cdn: 0, 'managed-services': 0, people: 0 },
    },
    people: {
      engineers: { ...setup.people.engineers },
      weeklyHours: setup.people.weeklyHours,
      overworkWeeks: setup.people.weeklyHours > 50 ? setup.people.weeksAtCurrentHours : 0,
      morale: setup.people.morale,
      onCallRotation: setup.people.onCallRotation,
    },
    risk: {
      levels: {
        observability: setup.risk.observability,
        security: setup.risk.securityPosture,
        'on-call-maturity': setup.risk.onCallMaturity,
        'process-maturity': setup.risk.processMaturity,
      },
      openVulnerabilities: setup.risk.openVulnerabilities,
      compliance: {
        gdpr: setup.risk.compliance.gdpr,
        ccpa: setup.risk.compliance.ccpa,
        payments: setup.risk.compliance.payments,
        'content-moderation': setup.risk.compliance.contentModeration,
      },
      userTrust: setup.risk.userTrust,
      investorConfidence: setup.risk.investorConfidence,
      downtimeMemoryMinutes: 0,
      userCommsFatigue: 0,
      investorCommsFatigue: 0,
    },
    pending: {
      projects: [],
      hires: [],
      spikes: [],
      outages: [],
      growth: [],
      costShocks: [],
      deadlines: setup.risk.regulatorDeadlines.map((d) => ({ ...d })),
      commitments: [],
      oneOffUsd: 0,
      capexUsd: 0,
      fundingUsd: 0,
      events: [],
    },
    landed: [],
    history: [],
  };

  // Day 0: the position the roles are briefed on. What the unit-priced tiers do not explain of today's
  // bill is managed services (vendors, transcoding and moderation APIs), carried forward per active user.
  const peakNow = peakConcurrentUsers(state, dau);
  const tiers = assessTiers(state, peakNow, noOutages());
  const unexplained = setup.money.monthlyInfraCostUsd - infraCost(listCosts(state, dau, tiers));
  model.managedUsdPerDau = dau > 0 ? Math.max(0, unexplained) / dau : 0;
  const costs = billedCosts(state, listCosts(state, dau, tiers));
  const monthlyRevenue = setup.money.arpuUsd * dau * (1 - tiers.failedShare);
  const netBurn = totalCost(costs) - monthlyRevenue;
  const cash = setup.money.cashUsd ?? Math.max(0, netBurn) * setup.money.runwayMonths;
  state.money.cashUsd = cash;

  const overload = tiers.overloadMinutes;
  const downtimeByCause = {
    'overload-app': overload.app,
    'overload-database': overload.database,
    'overload-cdn': overload.cdn,
    outage: 0,
    'host-failure': 0,
    'vendor-incident': 0,
    'change-failure': 0,
    migration: 0,
    launch: 0,
  };
  const downtime = Math.min(MINUTES_PER_DAY, overload.app + overload.database + overload.cdn);
  state.risk.downtimeMemoryMinutes = downtime;
  state.history.push(
    buildOutcome(state, {
      day: 0,
      tiers,
      downtimeByCause,
      errorRate: tiers.failedShare,
      costs,
      churnByDriver: churnByDriver(state, tiers.p95Ms, downtime),
      money: {
        cashStartUsd: cash,
        revenueUsd: 0,
        opexUsd: 0,
        oneOffUsd: 0,
        capexUsd: 0,
        capexFromEmergencyUsd: 0,
        fundingUsd: 0,
        cashEndUsd: cash,
      },
      monthlyRevenueUsd: monthlyRevenue,
      runwayMonths: runwayMonths(cash, netBurn),
      incidents: tiers.overloadEpisodes,
      dailyActiveUsers: dau,
      peakConcurrentUsers: peakNow,
      events: [],
    }),
  );
  return state;
}
