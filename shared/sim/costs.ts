import type { CapacityTarget, CostCategory } from './effects';
import {
  CDN_EGRESS_TIERS,
  CDN_REGION_PRICE,
  COMMIT_COVERAGE,
  DAYS_PER_MONTH,
  DIURNAL_MEAN,
  HOURS_PER_MONTH,
  MANUAL_PEAK_UTILIZATION,
  POOLER_VCPUS,
  RETRIEVAL,
  S3_ARCHIVE_USD_PER_GB,
  S3_HOT_TIERS,
  S3_INFREQUENT_USD_PER_GB,
} from './model-constants';
import { powInt } from './queueing';
import type { CostByCategory, SimState } from './state';
import type { TierDay } from './tiers';

export const INFRA_CATEGORIES: readonly CostCategory[] = [
  'compute',
  'database',
  'storage',
  'cdn',
  'managed-services',
];

export function zeroCosts(): CostByCategory {
  return { compute: 0, database: 0, storage: 0, cdn: 0, 'managed-services': 0, people: 0 };
}

/** Price of `volume` units under a tiered price list of [size of tier, price per unit]. */
export function tieredPrice(volume: number, tiers: ReadonlyArray<readonly [number, number]>): number {
  let left = volume;
  let total = 0;
  for (let i = 0; i < tiers.length && left > 0; i++) {
    const tier = tiers[i];
    if (!tier) break;
    const used = Math.min(left, tier[0]);
    total += used * tier[1];
    left -= used;
  }
  return total;
}

/**
 * The same price list, precomputed: the price of everything below the open-ended last tier is fixed,
 * so volumes beyond it (every region of a 100M-user platform) cost one multiply-add.
 */
function precomputedTiers(tiers: ReadonlyArray<readonly [number, number]>): (volume: number) => number {
  let bound = 0;
  for (let i = 0; i < tiers.length - 1; i++) bound += tiers[i]?.[0] ?? 0;
  const below = tieredPrice(bound, tiers);
  const lastPrice = tiers[tiers.length - 1]?.[1] ?? 0;
  return (volume) => (volume > bound ? below + (volume - bound) * lastPrice : tieredPrice(volume, tiers));
}

const cdnEgressPrice = precomputedTiers(CDN_EGRESS_TIERS);
const s3HotPrice = precomputedTiers(S3_HOT_TIERS);

/** vCPUs of one database host (every shard primary and replica is the primary's size). */
export function dbHostVcpus(state: SimState): number {
  return state.model.dbDesignVcpus * powInt(2, state.database.sizeSteps);
}

/** Monthly list price of one unit of a capacity target, for the bill a decommissioned unit leaves behind. */
export function unitMonthlyUsd(state: SimState, target: CapacityTarget): number {
  const c = state.model.constants;
  switch (target) {
    case 'app-servers':
      return state.app.vcpusPerServer * HOURS_PER_MONTH * c.vcpuHourUsd;
    case 'db-replicas':
      return dbHostVcpus(state) * c.managedDatabasePremium * HOURS_PER_MONTH * c.vcpuHourUsd;
    case 'cache-nodes':
      return c.cacheNodeUsdPerMonth;
    case 'cdn-capacity':
      return c.cdnReservedUsdPerGbpsMonth;
    case 'db-primary-size':
      return 0;
  }
}

/** Seconds in an average month. */
const SECONDS_PER_MONTH = DAYS_PER_MONTH * 86_400;

/**
 * Monthly list cost of each category at today's capacity and load, before commitments: capacity
 * is priced by unit (vCPU-hours, GB-months, GB delivered), so adding servers raises the bill.
 */
export function listCosts(state: SimState, dailyActiveUsers: number, tiers: TierDay): CostByCategory {
  const m = state.model;
  const c = m.constants;
  const costs = zeroCosts();

  // Compute: the app fleet's server-hours, and background work (feeds, transcoding, moderation models)
  // that a fixed fleet provisions for the busy hour and an autoscaled one follows.
  // A fixed fleet is provisioned for the busy hour (at ~70%) of the most users it has had to serve and
  // stays on the bill until decommissioned. An autoscaled one follows today's users and saves only what
  // it actually scales down over the day: pinned at its bounds, it saves nothing (issue 12). Extracted
  // services (feeds, media, notifications) do the background work with the same speed-up as the app tier.
  const appVcpuHours = (tiers.appServerHours / 24) * state.app.vcpusPerServer * HOURS_PER_MONTH;
  const autoscaled = state.app.autoscaling.enabled;
  const provisionedDau = autoscaled
    ? dailyActiveUsers
    : Math.max(dailyActiveUsers, state.app.backgroundProvisionedDau);
  const followShare = autoscaled
    ? Math.min(1, tiers.appServerHours / (24 * Math.max(1, tiers.appServersAtPeak)))
    : 1;
  const backgroundPaid =
    ((provisionedDau * c.backgroundVcpuHoursPerDau * DAYS_PER_MONTH) /
      (DIURNAL_MEAN * MANUAL_PEAK_UTILIZATION)) *
    (followShare / state.app.speedup);
  costs.compute = (appVcpuHours + backgroundPaid) * c.vcpuHourUsd;

  // Database: every shard primary and replica is a host of the primary's size, at a managed premium.
  const hostVcpus = dbHostVcpus(state);
  const hosts = Math.max(1, state.database.shards) + state.database.readReplicas;
  const poolerVcpus = state.database.connectionPooler ? POOLER_VCPUS : 0;
  costs.database =
    (hosts * hostVcpus * c.managedDatabasePremium + poolerVcpus) * HOURS_PER_MONTH * c.vcpuHourUsd;

  // Storage: S3-style tiers, with retrieval fees on what is read back from cold tiers.
  const hotGb = state.storage.hot * 1000;
  const infrequentGb = state.storage.infrequent * 1000;
  const archiveGb = state.storage.archive * 1000;
  costs.storage =
    s3HotPrice(hotGb) +
    infrequentGb *
      (S3_INFREQUENT_USD_PER_GB + RETRIEVAL.infrequent.shareReadPerMonth * RETRIEVAL.infrequent.usdPerGb) +
    archiveGb * (S3_ARCHIVE_USD_PER_GB + RETRIEVAL.archive.shareReadPerMonth * RETRIEVAL.archive.usdPerGb);

  // CDN: egress of the media actually delivered, priced per region on the tiered list, plus reserved capacity.
  const meanServedUsers = tiers.servedUserHours / 24;
  const gbPerMonth = (meanServedUsers * m.mbpsPerConcurrentUser * SECONDS_PER_MONTH) / 8 / 1000;
  const mix = m.regionMix;
  const egress =
    cdnEgressPrice(gbPerMonth * mix.northAmerica) * CDN_REGION_PRICE.northAmerica +
    cdnEgressPrice(gbPerMonth * mix.europe) * CDN_REGION_PRICE.europe +
    cdnEgressPrice(gbPerMonth * mix.asiaPacific) * CDN_REGION_PRICE.asiaPacific +
    cdnEgressPrice(gbPerMonth * mix.restOfWorld) * CDN_REGION_PRICE.restOfWorld;
  const competition = state.cdn.providers > 1 ? 1 - c.multiCdnPriceCut : 1;
  costs.cdn =
    egress * (1 - state.cdn.baseDiscount) * competition +
    state.cdn.capacityGbps * c.cdnReservedUsdPerGbpsMonth;

  // Managed services: cache nodes, and the vendors the tiers above do not explain, per active user.
  costs['managed-services'] =
    state.cache.nodes * c.cacheNodeUsdPerMonth + m.managedUsdPerDau * dailyActiveUsers;

  const e = state.people.engineers;
  const pay = c.engineerUsdPerMonth;
  costs.people = e.junior * pay.junior + e.mid * pay.mid + e.senior * pay.senior + m.nonInfraOpexUsdPerMonth;
  return costs;
}

/**
 * Billed monthly cost by category: list costs with commitments applied (the discount, but never less
 * than the committed floor), plus the actions' own running costs and active cost shocks.
 * Sets the floor of commitments signed since the last bill.
 */
export function billedCosts(state: SimState, list: CostByCategory): CostByCategory {
  const extra = state.money.extraOpexUsdPerMonth;
  const billed: CostByCategory = {
    compute: list.compute,
    database: list.database,
    storage: list.storage,
    cdn: list.cdn,
    'managed-services': list['managed-services'],
    people: list.people,
  };
  for (const commitment of state.pending.commitments) {
    const amount = list[commitment.category];
    const covered = commitment.commitUsdPerMonth;
    if (covered !== null) {
      // A savings plan: the covered spend at the discount, used or not; the rest at list.
      billed[commitment.category] = covered * (1 - commitment.discount) + Math.max(0, amount - covered);
      continue;
    }
    if (commitment.floorUsdPerMonth === null)
      commitment.floorUsdPerMonth = amount * COMMIT_COVERAGE * (1 - commitment.discount);
    billed[commitment.category] = Math.max(amount * (1 - commitment.discount), commitment.floorUsdPerMonth);
  }
  billed.compute += extra.compute;
  billed.database += extra.database;
  billed.storage += extra.storage;
  billed.cdn += extra.cdn;
  billed['managed-services'] += extra['managed-services'];
  billed.people += extra.people;
  for (const shock of state.pending.costShocks) billed[shock.category] += shock.usdPerMonth;
  return billed;
}

export function infraCost(c: CostByCategory): number {
  return c.compute + c.database + c.storage + c.cdn + c['managed-services'];
}

export function totalCost(costs: CostByCategory): number {
  return infraCost(costs) + costs.people;
}
