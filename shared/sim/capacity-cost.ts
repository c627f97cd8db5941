import type { Effect } from './effects';
import { HOURS_PER_MONTH, MAX_DB_SIZE_STEPS } from './model-constants';
import { powInt } from './queueing';
import type { SimState } from './state';

/**
 * What the capacity an action adds costs per month at list price, priced by the same units as
 * `listCosts` (costs.ts): a server or a database host by its vCPU-hours over a whole month, a
 * cache node and reserved CDN Gbit/s at their monthly unit prices. A player reads an action's
 * price as money per month, so the catalog adds this to the action's own running cost instead of
 * naming the unit price. An autoscaled fleet pays for servers only while they run: this is the
 * most it costs. Capacity removed is a saving (negative).
 */
export function addedCapacityUsdPerMonth(state: SimState, effects: readonly Effect[]): number {
  const c = state.model.constants;
  const vcpuMonth = HOURS_PER_MONTH * c.vcpuHourUsd;
  const dbHostVcpus = (steps: number) => state.model.dbDesignVcpus * powInt(2, steps);
  let total = 0;
  for (const effect of effects) {
    if (effect.type !== 'capacity') continue;
    const delta = Math.round(effect.delta);
    switch (effect.target) {
      case 'app-servers':
        total += delta * state.app.vcpusPerServer * vcpuMonth;
        break;
      case 'db-replicas':
        total += delta * dbHostVcpus(state.database.sizeSteps) * c.managedDatabasePremium * vcpuMonth;
        break;
      case 'db-primary-size': {
        // Every shard primary and replica is a host of the primary's size (costs.ts).
        const hosts = Math.max(1, state.database.shards) + state.database.readReplicas;
        const before = state.database.sizeSteps;
        const after = Math.min(MAX_DB_SIZE_STEPS, Math.max(0, before + delta));
        total += hosts * (dbHostVcpus(after) - dbHostVcpus(before)) * c.managedDatabasePremium * vcpuMonth;
        break;
      }
      case 'cache-nodes':
        total += delta * c.cacheNodeUsdPerMonth;
        break;
      case 'cdn-capacity':
        total += delta * c.cdnReservedUsdPerGbpsMonth;
        break;
    }
  }
  return total;
}
