import type { Region } from './state';

/**
 * Fixed figures of the model. Published figures name their source; figures marked "tunable" have no
 * credible published source and are calibration choices. docs/simulation.md lists every one.
 */

export const DAYS_PER_MONTH = 365.25 / 12;
export const HOURS_PER_MONTH = 24 * DAYS_PER_MONTH;
export const MINUTES_PER_DAY = 1440;
/** Runway is reported up to ten years; beyond that (or when revenue covers costs) it is "enough". */
export const RUNWAY_CAP_MONTHS = 120;

/**
 * Load over the day relative to the busy hour (hour 0 = the busy hour). A cosine with mean 0.6 and
 * trough 0.2 (tunable shape: global traffic flattens the trough). Effects land at the start of a
 * day, so an outage that starts with the day starts at the busy hour: the conservative case.
 */
export const DIURNAL_PROFILE: readonly number[] = Array.from(
  { length: 24 },
  (_, h) => 0.6 + 0.4 * Math.cos((2 * Math.PI * h) / 24),
);
export const DIURNAL_MEAN = 0.6;

// --- Queueing (service times and pool sizes are tunable; the formula is in queueing.ts) ---
export const QUEUE = {
  /** A request waits at most this many service times before the tier sheds it (tunable). */
  bound: 10,
  /** Coefficient of variation of load within an hour (tunable; USE method: averages hide bursts). */
  burstCv: 0.1,
  app: { serviceMs: 60, m: 8 }, // knee at rho 0.76 for m = 8: xaprb.com "queueing knee"
  // knee 0.84 (m = 16); OpenAI: low double-digit ms p99. A saturated primary makes requests wait for a
  // connection up to the pool's checkout timeout, 500 ms a call (tunable), not 10 service times (issue 12).
  db: { serviceMs: 4, m: 16, callsPerRequest: 2, bound: 125 },
  cache: { serviceMs: 0.5, lookupsPerRequest: 5 }, // a network round trip to Redis (tunable)
  cdn: { serviceMs: 150, m: 32, originFetchMs: 250 }, // knee 0.90 (m = 32); media fetch times tunable
} as const;

/** Connection set-up latency without / with a pooler: OpenAI, "Scaling PostgreSQL" (PgBouncer 50 ms -> 5 ms). */
export const CONNECTION_MS = { direct: 50, pooled: 5 } as const;

/**
 * Postgres forks a process per connection; past a few hundred, per-connection overhead cuts
 * throughput. Capacity factor = 1 / (1 + sqrt(connections / knee)) (shape and figures tunable).
 */
export const CONNECTIONS = { perAppServer: 20, pooledTotal: 200, knee: 1_800 } as const;

/** Network and rendering time before the backend, by region, ms (tunable: not found). */
export const NETWORK_BASE_MS: Record<Region, number> = {
  northAmerica: 120,
  europe: 140,
  asiaPacific: 260,
  restOfWorld: 380,
};

/** p95 of an exponential response time = ln(20) x mean ~ 3.0 x mean (derived from M/M/1). */
export const P95_OVER_MEAN = Math.log(20);

/** Replica lag at low write load, ms: AWS Aurora user guide ("usually well under 100 ms"). */
export const REPLICA_LAG_BASE_MS = 20;

/** Best cache hit ratio reachable: Facebook memcache pools reach 99.9% (Nishtala et al., NSDI 2013). */
export const MAX_HIT_RATIO = 0.999;
/** Hours for a cold cache to warm (Nishtala et al.: "hours"; 6 is tunable). */
export const CACHE_WARMUP_HOURS = 6;

// --- Prices ---
/** S3 standard $/GB-month: $0.023 first 50 TB, $0.022 next 450 TB, $0.021 beyond (AWS S3 pricing, secondary). */
export const S3_HOT_TIERS: ReadonlyArray<readonly [number, number]> = [
  [50_000, 0.023],
  [450_000, 0.022],
  [Number.POSITIVE_INFINITY, 0.021],
];
/** Infrequent access $0.0125, archive $0.0036 per GB-month (AWS S3 pricing, secondary). */
export const S3_INFREQUENT_USD_PER_GB = 0.0125;
export const S3_ARCHIVE_USD_PER_GB = 0.0036;
/**
 * Retrieval: cold tiers charge per GB read back (AWS re:Post on retrieval fees). Share of each tier read
 * back per month and the fee are tunable.
 */
export const RETRIEVAL = {
  infrequent: { shareReadPerMonth: 0.1, usdPerGb: 0.01 },
  archive: { shareReadPerMonth: 0.02, usdPerGb: 0.03 },
} as const;
/**
 * CloudFront egress, US/EU, $/GB by monthly volume: 0.085 first 10 TB, 0.080 next 40, 0.060 next 100,
 * 0.040 next 350, 0.030 next 524, 0.025 next 4 PB, 0.020 beyond 5 PB (aws.amazon.com/cloudfront/pricing).
 */
export const CDN_EGRESS_TIERS: ReadonlyArray<readonly [number, number]> = [
  [10_000, 0.085],
  [40_000, 0.08],
  [100_000, 0.06],
  [350_000, 0.04],
  [524_000, 0.03],
  [4_000_000, 0.025],
  [Number.POSITIVE_INFINITY, 0.02],
];
/** Asia/India egress is $0.08-0.12 vs $0.085 in the US at the first tier: ~1.18x (CloudFront pricing). */
export const CDN_REGION_PRICE: Record<Region, number> = {
  northAmerica: 1,
  europe: 1,
  asiaPacific: 1.18,
  restOfWorld: 1.18,
};
/**
 * Vertical scaling ends: at most this many doublings of the primary over its design size (16 vCPUs ->
 * 256, about the largest managed Postgres instance class; tunable). Figma's escalation order starts
 * with a bigger instance and then has to move on.
 */
export const MAX_DB_SIZE_STEPS = 4;
/**
 * Capacity is bought until it is decommissioned: removed servers, replicas, cache nodes and reserved
 * edge capacity stay on the bill this many days (notice periods, drain and billing cycles; tunable).
 */
export const DECOMMISSION_LAG_DAYS = 14;
/**
 * Sizing the 12-month architecture: the primary should run at or under the USE method's ~70% at the
 * projected busy hour (brendangregg.com/usemethod.html: problems can begin beyond ~70%).
 */
export const TARGET_HEADROOM_UTILIZATION = 0.7;
/**
 * Cache miss ratio falls as a power of the cluster's size relative to its reference size:
 * miss = miss_ref x (ref / nodes)^exponent (diminishing returns; the exponent is tunable, no published
 * figure; 0.5 is the square-root rule of thumb for skewed working sets).
 */
export const CACHE_SIZE_EXPONENT = 0.5;
/** Shard hosts at most (Instagram's IDs carry a 13-bit shard field: 8,192 logical shards; tunable). */
export const MAX_SHARD_HOSTS = 1_024;
/** A pooler is two small hosts (tunable). */
export const POOLER_VCPUS = 16;

// --- Reliability and operations ---
/** MTTR in minutes, from no observability or on-call practice to elite (DORA 2023: elite recover < 1 h). */
export const MTTR_MINUTES = { worst: 240, best: 30 } as const;
/** Change failure rate by process maturity: DORA 2023 low 64%, medium 15%, high 10%, elite 5%. */
export const CHANGE_FAILURE_RATE: ReadonlyArray<readonly [number, number]> = [
  [0, 0.64],
  [33, 0.15],
  [66, 0.1],
  [100, 0.05],
];
export const DEPLOYS = {
  /** Production deploys per day with feature work in flight (tunable). */
  perDay: 4,
  /** Deploys during a feature freeze: fixes only (tunable). */
  freezeFactor: 0.1,
  launchFactor: 1.5,
  /** Mean share of requests a failed change breaks while it lasts (tunable). */
  impact: 0.05,
  /** Rolling a change back is quicker than diagnosing a failure: its duration as a share of MTTR (tunable). */
  repairShare: 0.5,
  /** Mature delivery (canaries, progressive rollout) shrinks a failed change's blast radius by up to this share (tunable). */
  blastRadiusCut: 0.7,
} as const;
export const HOST_FAILURE = {
  /** Days between failures of one database host (tunable); without a replica the shard is down for MTTR. */
  dbMttfDays: 180,
  /** Days between major incidents of one CDN provider (tunable). */
  cdnMttfDays: 60,
  /** Vendor-side repair time, minutes: our MTTR does not help (tunable). */
  cdnVendorMttrMinutes: 60,
  /** Share of requests that need the CDN (media) (tunable). */
  cdnImpact: 0.7,
  /** Minutes to fail over to a replica or a second provider: ~10 s (Figma's first sharded table had ~10 s of partial downtime). */
  failoverMinutes: 10 / 60,
} as const;
export const MIGRATION_INCIDENT_IMPACT = 0.1; // partial downtime share while a migration incident lasts (tunable)
export const LAUNCH_INCIDENT_IMPACT = 0.2; // (tunable)
/** Share of revenue that flows through the payments vendor (in-app purchases, creator payouts) (tunable). */
export const PAYMENTS_REVENUE_SHARE = 0.3;

/** On-call: <= 2 incidents per 12-hour shift, <= 25% of time on call, >= 8 engineers for one-site 24/7 (Google SRE book, "Being On-Call"). */
export const ON_CALL = {
  shiftsPerDay: 2,
  maxIncidentsPerShift: 2,
  maxOnCallShare: 0.25,
  fullRotation: 8,
} as const;

// --- People (tunable unless stated) ---
export const PEOPLE = {
  moraleBaseline: 70,
  moraleRecoveryPerDay: 0.02,
  /** Morale lost per day per weekly hour above 50, scaled up by accumulated overwork. */
  hoursPenaltyPerHour: 0.01,
  saneWeeklyHours: 50,
  /** Morale lost per day per incident per shift above the SRE book's 2. */
  incidentPenalty: 0.3,
  /** Morale lost per day per unit of on-call share above the SRE book's 25%. */
  onCallPenalty: 0.5,
  /** DORA 2023: fair work distribution lowers burnout. */
  fairRotationBonus: 0.2,
  annualAttrition: 0.13,
  /** Attrition multiplier at morale 0 is 1 + this. */
  attritionMoraleFactor: 8,
  /** Output per engineer by seniority, in senior-equivalents... relative to a mid-level engineer. */
  output: { junior: 0.5, mid: 1, senior: 1.5 },
  /** Effective engineers one project needs to progress at its nominal pace. */
  engineersPerProject: 4,
  maxPace: 1.25,
  minPace: 0.25,
} as const;

// --- Users (tunable unless stated) ---
/** Bounce-probability uplift vs a 1 s load: +32% at 3 s, +90% at 5 s, +123% at 10 s (Think with Google, secondary). */
export const ABANDONMENT_UPLIFT: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [3, 0.32],
  [5, 0.9],
  [10, 1.23],
];
export const CHURN = {
  /** Daily churn per unit of bounce uplift (tunable: outage/latency -> churn was not found). */
  perUplift: 0.004,
  /** Daily churn per share of the day down (tunable: "outage -> churn: not found"). */
  perDowntimeShare: 0.05,
  /** Daily churn at zero trust (tunable). */
  atZeroTrust: 0.002,
  /** Daily churn per 100% of ARPU above its starting level, before the latency factor (tunable). */
  perArpuUplift: 0.0006,
} as const;
export const GROWTH = {
  /** Feature freeze slows viral growth by this share (tunable). */
  freezeCut: 0.15,
} as const;
export const TRUST = { fallPerDay: 0.05, risePerDay: 0.02, ceiling: 85 } as const;
export const INVESTOR = { adjustPerDay: 0.04 } as const;

// --- Risk (tunable) ---
export const SECURITY = {
  vulnerabilitiesFoundPerDay: 0.3,
  vulnerabilitiesPerDeploy: 0.1,
  /** Share of open vulnerabilities fixed per day at security posture 100. */
  fixShareAtFullPosture: 0.03,
  /** Breach probability per day at posture 0 with 60 open vulnerabilities. */
  breachPerDay: 0.004,
  referenceVulnerabilities: 60,
} as const;

/**
 * What a breach of severity 1 (a typical breach) costs; severity scales it linearly up to maxSeverity
 * (tunable: breach costs vary by orders of magnitude and no single published figure fits).
 */
export const BREACH = {
  maxSeverity: 5,
  trustPerSeverity: 5,
  confidencePerSeverity: 3,
  gdprPerSeverity: 3,
  costUsdPerSeverity: 2_000_000,
  /** The daily draw's severity is uniform in [min, max]. */
  drawnMin: 1,
  drawnMax: 3,
} as const;

/** GDPR readiness lost per day at security posture 0, and readiness a missed deadline costs (tunable). */
export const COMPLIANCE_DRIFT = { gdprPerDayAtZeroSecurity: 0.2, missedDeadlinePenalty: 10 } as const;

/** Repeated communication wears out: fatigue fades by this share a day (tunable). */
export const COMMUNICATION = { fatigueDecayPerDay: 0.1 } as const;

/** What a landed project changes (tunable unless stated). */
export const PROJECT_GAINS = {
  observabilityPlatform: 40,
  changeManagement: 35,
} as const;

/**
 * Without autoscaling nobody resizes a fleet at 3 am, so fixed fleets keep headroom over the busy hour:
 * sized to run at ~70% there (USE method: problems begin beyond ~70% utilization).
 */
export const MANUAL_PEAK_UTILIZATION = 0.7;

/** A commitment covers this share of the category's spend at signing (tunable). */
export const COMMIT_COVERAGE = 0.9;
