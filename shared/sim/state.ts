import type {
  CostCategory,
  Effect,
  LevelName,
  OutageTarget,
  Project,
  Regime,
  Seniority,
  StorageTier,
} from './effects';
import type { MetricName } from './metrics';
import type { METRIC_OPERATIONS, MetricDefinition, TimeUnit } from './scenario-metrics-schema';
import type { SimSetup } from './setup';

/** Metric values by id: every infrastructure metric, and whatever the scenario declares. */
export type MetricValues = Record<MetricName, number> & Record<string, number>;

/**
 * The simulation's state: plain, JSON-serializable data. Everything the next day depends on is
 * in here, including the PRNG state (`rng`), so `step` is a pure function of (state, inputs).
 * See docs/simulation.md for the model.
 */

export const REGIONS = ['northAmerica', 'europe', 'asiaPacific', 'restOfWorld'] as const;
export type Region = (typeof REGIONS)[number];
export type RegionMix = Record<Region, number>;

export type Engineers = Record<Seniority, number>;
export type Compliance = Record<Regime, number>;
export type Levels = Record<LevelName, number>;
export type CostByCategory = Record<CostCategory, number>;

/** Why requests failed on a day, in minutes of full downtime (partial failures count pro rata). */
export const DOWNTIME_CAUSES = [
  'overload-app',
  'overload-database',
  'overload-cdn',
  'outage',
  'host-failure',
  'vendor-incident',
  'change-failure',
  'migration',
  'launch',
] as const;
export type DowntimeCause = (typeof DOWNTIME_CAUSES)[number];

/** What drove the day's churn, as daily rates that add up to the day's churn. */
export const CHURN_DRIVERS = ['natural', 'latency', 'downtime', 'trust', 'monetization'] as const;
export type ChurnDriver = (typeof CHURN_DRIVERS)[number];

export const SIM_EVENT_KINDS = [
  'project-started',
  'project-landed',
  'migration-incident',
  'launch-incident',
  'change-incident',
  'host-failure',
  'vendor-incident',
  'outage',
  'overload',
  'hire-landed',
  'engineer-left',
  'deadline-set',
  'deadline-met',
  'deadline-missed',
  'breach',
  'commitment',
  'commitment-expired',
  'funding',
  'funding-failed',
  'hires-cancelled',
  'emergency-budget-exhausted',
  'decision',
  'shock',
  'roll',
] as const;
export type SimEventKind = (typeof SIM_EVENT_KINDS)[number];

/** A notable thing that happened on a day, for the debrief's timeline. */
export interface SimEvent {
  kind: SimEventKind;
  text: string;
  /**
   * Who may know of it: the roles an inject was sent to when the event follows from that inject's
   * effects (DESIGN.md invariant 4). Absent: everyone at the table.
   */
  audience?: string[];
}

/** Money that moved on one day; `cashEndUsd = cashStartUsd + revenueUsd - opexUsd - capexUsd + fundingUsd`. */
export interface DayMoney {
  cashStartUsd: number;
  revenueUsd: number;
  /** Recurring costs for the day plus one-off charges (fines, breach costs, one-off cost shocks). */
  opexUsd: number;
  /** Of which one-off charges. */
  oneOffUsd: number;
  /** Capital spending paid from cash (after the emergency budget ran out). */
  capexUsd: number;
  /** Capital spending paid from the emergency budget (does not touch cash). */
  capexFromEmergencyUsd: number;
  fundingUsd: number;
  cashEndUsd: number;
}

/** Peak-hour utilization of each tier (load / capacity). */
export interface TierUtilization {
  app: number;
  dbPrimary: number;
  dbReplicas: number;
  cache: number;
  cdn: number;
}

/** One simulated day's outcome: every metric, and why. `history[0]` is the starting position. */
export interface DayOutcome {
  day: number;
  /** The infrastructure model's metrics (when it runs) and the scenario's own, by id. */
  metrics: MetricValues;
  /** Busy-hour p95 content load time by region, ms. */
  p95ByRegionMs: Record<Region, number>;
  utilization: TierUtilization;
  replicaLagMs: number;
  /** Application servers running at the busy hour. */
  appServers: number;
  downtimeByCause: Record<DowntimeCause, number>;
  /** Monthly run-rate by category on this day, USD/month. */
  costByCategory: CostByCategory;
  churnByDriver: Record<ChurnDriver, number>;
  money: DayMoney;
  incidents: number;
  /** Projects still in flight at the end of the day, with progress 0..1. */
  projects: ProjectProgress[];
  events: SimEvent[];
}

export interface ProjectProgress {
  project: Project;
  progress: number;
  /** As `SimEvent.audience`: the project was started by a restricted inject. */
  audience?: string[];
}

export interface ProjectInProgress {
  project: Project;
  /** Nominal days of work; progress advances at the team's pace each day. */
  days: number;
  progressDays: number;
  incidentRiskPerDay: number;
  startedDay: number;
  /** As `SimEvent.audience`: set when a restricted inject started the project (its landing carries it too). */
  audience?: string[];
}

export interface PendingHire {
  seniority: Seniority;
  count: number;
  landsOnDay: number;
  /** As `SimEvent.audience`. */
  audience?: string[];
}

/** Something with a start and an end: spikes, freezes, launches, competitor pressure, cost shocks. */
export interface TrafficSpike {
  multiplier: number;
  untilDay: number;
}
export interface OutageInProgress {
  target: OutageTarget;
  hoursLeft: number;
}
export interface GrowthModifier {
  kind: 'freeze' | 'launch' | 'competitor';
  /** Added to the daily growth rate (negative for a competitor launch). */
  growthDelta: number;
  incidentRiskPerDay: number;
  untilDay: number;
}
export interface CostShock {
  category: CostCategory;
  usdPerMonth: number;
  untilDay: number;
}
export interface RegulatorDeadline {
  regime: Regime;
  day: number;
  requiredReadiness: number;
  fineUsd: number;
  /** As `SimEvent.audience`: set when a restricted inject set the deadline. */
  audience?: string[];
}
export interface Commitment {
  category: CostCategory;
  discount: number;
  /** Committed spend, billed even if usage falls below it; set on the first bill after signing. */
  floorUsdPerMonth: number | null;
  /**
   * List-price spend the contract covers, chosen by whoever signs it: the covered part is billed at
   * the discount whether used or not, usage above it at list (a savings plan). Null: the old rule,
   * a floor set from the first bill after signing.
   */
  commitUsdPerMonth: number | null;
  untilDay: number;
  /** As `SimEvent.audience`: set when a restricted inject signed the commitment (its expiry carries it too). */
  audience?: string[];
}

/** Figures fixed at set-up: unit prices, tunables and the calibration derived from the starting position. */
export interface SimModel {
  constants: SimSetup['constants'];
  /** Database load (design units) per concurrent user: writes, and reads before the cache. */
  dbWriteUnitsPerUser: number;
  dbReadUnitsPerUser: number;
  dbReadYourWritesShare: number;
  dbDesignUtilization: number;
  dbDesignVcpus: number;
  /** Concurrent users one vCPU of the monolith serves at saturation. */
  appUsersPerVcpu: number;
  cacheLookupsPerUser: number;
  /** Cache nodes at which `cache.hitRatio` is the hit ratio; other sizes follow a power law (tiers.ts). */
  cacheReferenceNodes: number;
  /** Registered users the architecture must carry (the case: 500M within 12 months). */
  targetRegisteredUsers: number;
  /** Highest daily active users seen: a fixed background fleet stays provisioned for it. */
  /** Peak concurrent users / daily active users. */
  concurrencyShare: number;
  dailyActiveShare: number;
  viralGrowthPerDay: number;
  growthHalfLifeDays: number;
  naturalChurnPerDay: number;
  mbpsPerConcurrentUser: number;
  regionMix: RegionMix;
  storageGrowthGbPerDau: number;
  /** Managed services (what the unit-priced tiers do not explain) per daily active user per month. */
  managedUsdPerDau: number;
  nonInfraOpexUsdPerMonth: number;
  startInfraCostUsdPerMonth: number;
  targetInfraCostUsdPerMonth: number;
  startArpuUsd: number;
  targetArpuUsd: number;
}

export interface SimState {
  /**
   * Simulated days so far (0 = the starting position); in a scenario whose rounds are counted in
   * hours or minutes (rounds.unit), steps of that unit.
   */
  day: number;
  /** mulberry32 state (uint32). */
  rng: number;
  model: SimModel;
  traffic: { registeredUsers: number; trafficMultiplier: number };
  database: { sizeSteps: number; readReplicas: number; connectionPooler: boolean; shards: number };
  cache: { nodes: number; hitRatio: number; coldShare: number };
  app: {
    servers: number;
    /** Daily active users the fixed background fleet is provisioned for: its high-water mark. */
    backgroundProvisionedDau: number;
    vcpusPerServer: number;
    speedup: number;
    autoscaling: { enabled: boolean; minServers: number; maxServers: number; targetUtilization: number };
  };
  cdn: { providers: number; capacityGbps: number; edgeHitRatio: number; baseDiscount: number };
  storage: Record<StorageTier, number>;
  money: {
    cashUsd: number;
    emergencyBudgetUsd: number;
    arpuUsd: number;
    extraOpexUsdPerMonth: CostByCategory;
  };
  people: {
    engineers: Engineers;
    weeklyHours: number;
    /** Weeks of overwork (> 50 h) accumulated; recovers at sane hours. */
    overworkWeeks: number;
    morale: number;
    onCallRotation: number;
  };
  risk: {
    levels: Levels;
    openVulnerabilities: number;
    compliance: Compliance;
    userTrust: number;
    investorConfidence: number;
    /** Moving average of daily downtime (~7-day span): the reliability investors remember. */
    downtimeMemoryMinutes: number;
    /** How worn out recent communication is (each message adds 1; fades daily): see apply-effect.ts. */
    userCommsFatigue: number;
    investorCommsFatigue: number;
  };
  pending: {
    projects: ProjectInProgress[];
    hires: PendingHire[];
    spikes: TrafficSpike[];
    outages: OutageInProgress[];
    growth: GrowthModifier[];
    costShocks: CostShock[];
    deadlines: RegulatorDeadline[];
    commitments: Commitment[];
    /** One-off charges and capex waiting for the day's books. */
    oneOffUsd: number;
    capexUsd: number;
    fundingUsd: number;
    /** Capacity changes and other decisions to record in today's events. */
    events: SimEvent[];
  };
  /** Projects that have landed, in order (re-sharding is a second `sharding`). */
  landed: Project[];
  history: DayOutcome[];
  /**
   * The scenario's own metrics (shared/sim/scenario-metrics.ts), present only when the scenario
   * declares some or turns the infrastructure model off: a SocialWave state has no such key.
   */
  scenarioMetrics?: ScenarioMetricsState;
}

/** A change waiting to land (`after`) or to be undone (`for`). */
export interface PendingMetricChange {
  metric: string;
  op: (typeof METRIC_OPERATIONS)[number];
  /** Drawn when the effect arrived. */
  value: number;
  /** The step it lands on. */
  startStep: number;
  /** The step it is undone on; null = for good. */
  endStep: number | null;
  started: boolean;
  /** For `set`: the value it replaced, restored when the change ends. */
  replaced?: number;
  audience?: string[];
}

export interface ScenarioMetricsState {
  /** Whether the infrastructure model (shared/sim/day.ts) runs too; off, only these metrics move. */
  infrastructure: boolean;
  unit: TimeUnit;
  definitions: MetricDefinition[];
  values: Record<string, number>;
  pending: PendingMetricChange[];
}

/** Inputs to one simulated day: effects applied at its start. */
export interface DayInputs {
  effects: readonly Effect[];
  /**
   * Parallel to `effects`: the audience of each effect's consequences (the roles of the inject it
   * came from), or undefined for everyone. Events and pending items an effect creates carry it.
   */
  audiences?: readonly (readonly string[] | undefined)[];
}
