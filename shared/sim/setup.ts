import { z } from 'zod';

/**
 * The `simulation:` block of a scenario file: the starting position and any constants that
 * override the core's defaults. Every field is optional; `simSetupSchema.parse({})` is the
 * SocialWave case's starting position (shared/case, "The Hypergrowth Infrastructure Crisis").
 * Where a default comes from a published figure the source is named in the description;
 * figures marked "tunable" have no credible source and are calibration choices
 * (docs/simulation.md lists them all).
 */

// Upper bounds are far beyond any real platform; they keep the model's arithmetic finite.
const count = (d: number, text: string) => z.number().int().min(0).max(1e12).default(d).describe(text);
const num = (d: number, text: string) => z.number().finite().min(0).max(1e12).default(d).describe(text);
const ratio = (d: number, text: string) => z.number().finite().min(0).max(1).default(d).describe(text);
const level = (d: number, text: string) => z.number().finite().min(0).max(100).default(d).describe(text);
const usd = (d: number, text: string) =>
  z.number().finite().min(0).max(1e13).default(d).describe(`${text} (US dollars)`);

const regionMixSchema = z
  .object({
    northAmerica: ratio(0.25, 'Share of traffic from North America'),
    europe: ratio(0.25, 'Share of traffic from Europe'),
    asiaPacific: ratio(0.35, 'Share of traffic from Asia-Pacific'),
    restOfWorld: ratio(0.15, 'Share of traffic from the rest of the world'),
  })
  .strict()
  .refine((m) => Math.abs(m.northAmerica + m.europe + m.asiaPacific + m.restOfWorld - 1) < 1e-6, {
    message: 'region shares must sum to 1',
  })
  .describe('Where the traffic comes from; the shares sum to 1. Drives latency and CDN price by region.');

const trafficSchema = z
  .object({
    registeredUsers: count(100_000_000, 'Registered users today (case: 100M)'),
    growthHistory: z
      .object({
        registeredUsersBefore: count(2_000_000, 'Registered users `monthsAgo` months ago (case: 2M)'),
        monthsAgo: num(6, 'How long ago (case: 6 months)'),
      })
      .strict()
      .prefault({})
      .describe('Where growth came from; shown in briefings and used for the "x-fold growth" explanations'),
    growthTarget: z
      .object({
        registeredUsers: count(500_000_000, 'Users the platform must support (case: 500M)'),
        withinMonths: num(12, 'Within this many months (case: 12)'),
      })
      .strict()
      .prefault({})
      .describe(
        'The scalability goal the architecture is judged against; context for briefings and the debrief',
      ),
    countries: count(50, 'Countries the platform operates in, each with its own rules (case: 50+)'),
    dailyActiveShare: ratio(0.5, 'Daily active users / registered users (tunable; not given by the case)'),
    peakConcurrentUsers: count(2_000_000, 'Peak concurrent users today (case: 2M)'),
    viralGrowthPerDay: num(
      0.0065,
      "Daily growth of registered users from virality today; decays with growthHalfLifeDays. Calibrated so the case's 100M -> 500M in 12 months is reachable: 0.65%/day halving yearly integrates to ln 5 plus natural churn over 365 days (tunable)",
    ),
    growthHalfLifeDays: num(
      365,
      'Half-life of viral growth in days (tunable; 45 days made the case target unreachable: issue 12)',
    ),
    naturalChurnPerDay: ratio(0.0005, 'Daily churn of registered users with a working product (tunable)'),
    trafficMultiplier: num(1, 'Multiplier on load for spikes (1 = normal)'),
    mbpsPerConcurrentUser: num(3, 'Media bandwidth per concurrent user at the edge, in Mbit/s (tunable)'),
    regionMix: regionMixSchema.prefault({}),
  })
  .strict();

const databaseSchema = z
  .object({
    primaryLoadVsDesign: num(
      10,
      'Peak load on the Postgres primary as a multiple of the load it was designed for (case: 10x)',
    ),
    designUtilization: ratio(
      0.5,
      'Utilization of the primary at its design load and design size (tunable; 0.5 is the M/M/1 knee)',
    ),
    primarySizeSteps: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(3)
      .describe(
        'Vertical scaling steps taken since the design (each doubles capacity, vCPUs and price; at most 5)',
      ),
    designVcpus: count(16, 'vCPUs of the primary at its design size'),
    readReplicas: count(0, 'Read replicas (case: none)'),
    connectionPooler: z
      .boolean()
      .default(false)
      .describe('A PgBouncer-style pooler is in front of the primary'),
    shards: z
      .number()
      .int()
      .min(1)
      .max(1_024)
      .default(1)
      .describe('Physical shard hosts (1 = unsharded, the case)'),
    readShare: ratio(
      0.6,
      "Share of the primary's load that is reads after the cache (tunable; a social platform writes a lot: posts, likes, follows, fan-out)",
    ),
    readYourWritesShare: ratio(
      0.1,
      'Share of reads that must see the latest write and so still go to the primary (AWS Aurora guide: read-your-writes hits the writer)',
    ),
  })
  .strict();

const cacheSchema = z
  .object({
    nodes: count(40, 'Cache (Redis) nodes'),
    hitRatio: ratio(
      0.92,
      "Cache hit ratio at today's node count (Facebook memcache pools run 0.92-0.999: Nishtala et al., NSDI 2013, table 2); other sizes follow a power law",
    ),
    lookupsPerSecondPerConcurrentUser: num(1, 'Cache lookups per second per concurrent user (tunable)'),
  })
  .strict();

const autoscalingSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Autoscaling on (case: manual scaling only)'),
    minServers: count(50, 'Autoscaling lower bound'),
    maxServers: count(2_000, 'Autoscaling upper bound'),
    targetUtilization: ratio(
      0.6,
      'Peak utilization the autoscaler aims for (USE method: problems begin beyond ~70%; Clubhouse scaled at 30-35% CPU)',
    ),
  })
  .strict();

const appSchema = z
  .object({
    servers: count(50, 'Application servers today (case: 50)'),
    designServers: count(50, 'Application servers in the original design (case: 50)'),
    designConcurrentUsers: count(
      100_000,
      'Concurrent users the fleet was designed for, in total (case: 100K)',
    ),
    designUtilization: ratio(0.42, 'Utilization of the fleet at its design load (tunable)'),
    designVcpusPerServer: count(8, 'vCPUs per server at the design'),
    vcpusPerServer: count(64, 'vCPUs per server today (emergency vertical scaling since the design)'),
    autoscaling: autoscalingSchema.prefault({}),
  })
  .strict();

const cdnSchema = z
  .object({
    providers: count(1, 'CDN providers (case: one)'),
    capacityGbps: num(5_600, 'Edge capacity available to the platform today, Gbit/s'),
    trafficVsDesign: num(
      100,
      'Edge traffic as a multiple of what the CDN set-up was designed for (case: 100x)',
    ),
    edgeHitRatio: ratio(0.85, 'Share of media bytes served from the edge cache rather than origin (tunable)'),
    committedDiscount: ratio(0, 'Discount already negotiated on egress (0 = list price)'),
  })
  .strict();

const storageSchema = z
  .object({
    hotTb: num(2_000, 'Stored content in the standard (hot) tier, TB'),
    infrequentTb: num(0, 'Stored content in the infrequent-access tier, TB'),
    archiveTb: num(0, 'Stored content in the archive tier, TB'),
    dailyGrowthGb: num(500, "New user content per day at today's activity, GB (case: 500 GB/day)"),
  })
  .strict();

const moneySchema = z
  .object({
    monthlyInfraCostUsd: usd(
      50_000_000,
      'Infrastructure cost per month today (case: $50M); what the unit-priced tiers do not explain is managed services',
    ),
    monthlyInfraCostBeforeUsd: usd(2_000_000, 'Infrastructure cost per month before the growth (case: $2M)'),
    emergencyBudgetUsd: usd(100_000_000, 'Emergency budget for infrastructure transformation (case: $100M)'),
    targetMonthlyInfraCostUsd: usd(
      30_000_000,
      'Operational budget: monthly infrastructure cost target (case: $30M)',
    ),
    runwayMonths: num(
      8,
      'Months of runway at the current net burn (case: 8); sets cash unless cashUsd is given',
    ),
    cashUsd: z
      .number()
      .finite()
      .min(0)
      .max(1e13)
      .optional()
      .describe('Cash in the bank (US dollars); derived from runwayMonths when omitted'),
    arpuUsd: num(0.5, 'Revenue per daily active user per month, USD (case: $0.50)'),
    targetArpuUsd: num(2, 'ARPU needed for sustainability, USD (case: $2.00)'),
    nonInfraOpexUsdPerMonth: usd(4_000_000, 'Payroll outside engineering and G&A per month (tunable)'),
  })
  .strict();

const peopleSchema = z
  .object({
    engineers: z
      .object({
        junior: count(17, 'Junior engineers'),
        mid: count(6, 'Mid-level engineers'),
        senior: count(2, 'Senior engineers'),
      })
      .strict()
      .prefault({})
      .describe('Engineers by seniority (case: 25, mostly junior)'),
    engineersBefore: count(8, 'Engineers before the growth (case: 8)'),
    weeklyHours: num(80, 'Hours worked per week (case: 80+)'),
    weeksAtCurrentHours: num(17, 'Weeks worked at these hours so far (case: 4 months)'),
    morale: level(35, 'Team morale, 0-100 (tunable)'),
    onCallRotation: count(0, 'Engineers in a formal on-call rotation (0 = none: everyone gets paged)'),
  })
  .strict();

const complianceSchema = z
  .object({
    gdpr: level(40, 'GDPR readiness, 0-100'),
    ccpa: level(45, 'CCPA readiness, 0-100'),
    payments: level(35, 'Payments (PCI-style) compliance readiness, 0-100'),
    contentModeration: level(25, 'Content moderation readiness, 0-100'),
  })
  .strict();

export const regulatorDeadlineSetupSchema = z
  .object({
    regime: z.enum(['gdpr', 'ccpa', 'payments', 'content-moderation']),
    day: z.number().int().min(1).describe('Simulated day of the deadline'),
    requiredReadiness: level(70, 'Readiness the regulator expects by then'),
    fineUsd: usd(20_000_000, 'Fine if readiness falls short'),
  })
  .strict();

const riskSchema = z
  .object({
    securityPosture: level(30, 'Security posture, 0-100 (case: growth exposed security gaps)'),
    openVulnerabilities: count(60, 'Known open vulnerabilities'),
    observability: level(15, 'Observability maturity, 0-100 (case: limited observability)'),
    onCallMaturity: level(10, 'On-call and incident-response maturity, 0-100'),
    processMaturity: level(
      10,
      'Change management, testing and deployment maturity, 0-100 (case: none formal)',
    ),
    compliance: complianceSchema.prefault({}),
    regulatorDeadlines: z
      .array(regulatorDeadlineSetupSchema)
      .default([])
      .describe('Deadlines known at the start'),
    userTrust: level(45, 'User trust, 0-100'),
    investorConfidence: level(40, 'Investor confidence, 0-100'),
  })
  .strict();

/** Unit prices and tunable model constants; see docs/simulation.md for each one's source. */
const constantsSchema = z
  .object({
    vcpuHourUsd: usd(0.048, 'Compute list price per vCPU-hour (AWS general purpose, us-east-1; secondary)'),
    managedDatabasePremium: num(2, 'Managed database price as a multiple of raw compute (tunable)'),
    backgroundVcpuHoursPerDau: num(
      0.1,
      'Background compute per daily active user per day: feeds, transcoding, moderation models (tunable)',
    ),
    cacheNodeUsdPerMonth: usd(1_500, 'Price of one cache node per month (tunable)'),
    cacheNodeOpsPerSecond: num(
      81_000,
      'GETs per second one Redis node serves unpipelined (redis.io benchmarks)',
    ),
    cdnReservedUsdPerGbpsMonth: usd(150, 'Price of reserved edge capacity per Gbit/s per month (tunable)'),
    multiCdnPriceCut: ratio(0.15, 'Egress price cut from a second CDN competing for volume (tunable)'),
    engineerUsdPerMonth: z
      .object({
        junior: usd(14_000, 'Loaded monthly cost of a junior engineer (tunable)'),
        mid: usd(20_000, 'Loaded monthly cost of a mid-level engineer (tunable)'),
        senior: usd(30_000, 'Loaded monthly cost of a senior engineer (tunable)'),
      })
      .strict()
      .prefault({}),
    shardsPerShardingProject: count(
      32,
      'Shard hosts a landed sharding project gives (Notion: 480 logical shards on 32 hosts, 2021)',
    ),
    monolithExtractionSpeedup: num(
      3,
      'Per-server capacity gain from extracting hot services (Clubhouse tuning gave ~3x)',
    ),
  })
  .strict();

export const simSetupSchema = z
  .object({
    traffic: trafficSchema.prefault({}),
    database: databaseSchema.prefault({}),
    cache: cacheSchema.prefault({}),
    app: appSchema.prefault({}),
    cdn: cdnSchema.prefault({}),
    storage: storageSchema.prefault({}),
    money: moneySchema.prefault({}),
    people: peopleSchema.prefault({}),
    risk: riskSchema.prefault({}),
    constants: constantsSchema.prefault({}),
  })
  .strict()
  .describe("The simulation's starting position and constants; every field defaults to the SocialWave case");

export type SimSetup = z.infer<typeof simSetupSchema>;
export type SimSetupInput = z.input<typeof simSetupSchema>;
