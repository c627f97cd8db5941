import type { RoundPlan } from './policies';

/**
 * What a good plan looks like, per scenario, as the scenario's own action ids and parameters per
 * round: the game can play it as written (server/game/balance/play.ts does), the tests check it wins,
 * and the balance report measures every other policy against it. docs/simulation.md describes both
 * plans and the trajectories they produce.
 */

/** SocialWave, 90 days (scenarios/socialwave-hypergrowth.yaml). */
export const SOCIALWAVE_HYPERGROWTH: RoundPlan = {
  // Days 1-10: stop the bleeding cheaply (pooler, replicas, cache, freeze, autoscaling that scales
  // down at night), commit CDN and compute at baselines the CFO chose, start the long projects.
  1: [
    { actionId: 'connection-pooler' },
    { actionId: 'read-replicas', params: { replicas: 4 } },
    { actionId: 'cache-cluster', params: { nodes: 40 } },
    { actionId: 'cdn-committed-pricing', params: { discount: 0.45, months: 36, commit: 25000000 } },
    { actionId: 'multi-cdn' },
    { actionId: 'autoscaling', params: { 'min-servers': 50, 'max-servers': 2000 } },
    { actionId: 'compute-savings-plan', params: { discount: 0.45, months: 36, commit: 7000000 } },
    { actionId: 'feature-freeze', params: { days: 14 }, by: 'head-of-infra' },
    { actionId: 'observability-platform' },
    { actionId: 'change-management' },
    { actionId: 'monolith-extraction' },
    { actionId: 'on-call-rotation', params: { engineers: 10 } },
    { actionId: 'cap-weekly-hours', params: { hours: 55 }, by: 'head-of-infra' },
    { actionId: 'security-hardening' },
    { actionId: 'privacy-program', by: 'product-lead' },
    { actionId: 'status-page', by: 'product-lead' },
    { actionId: 'team-all-hands', by: 'head-of-infra' },
    { actionId: 'investor-update', by: 'investor' },
    { actionId: 'series-c-prep', by: 'investor' },
  ],
  // Days 11-20: the database wall (sharding, once the pooler is in), incident command, cold storage,
  // revenue, and an honest postmortem of the CDN outage.
  2: [
    { actionId: 'sharding' },
    { actionId: 'incident-command' },
    { actionId: 'cache-leases' },
    { actionId: 'storage-tiering', params: { fraction: 0.8 }, by: 'cfo' },
    { actionId: 'feature-freeze', params: { days: 14 }, by: 'head-of-infra' },
    { actionId: 'payments-compliance', by: 'product-lead' },
    { actionId: 'public-postmortem', by: 'product-lead' },
    { actionId: 'monetization-push', params: { arpu: 0.2 } },
    { actionId: 'investor-update', by: 'investor' },
  ],
  // Days 21-30: archive, a short freeze while sharding migrates, CDN burst until the second CDN lands.
  3: [
    { actionId: 'archive-old-content', params: { fraction: 0.9 }, by: 'cfo' },
    { actionId: 'feature-freeze', params: { days: 10 }, by: 'head-of-infra' },
    { actionId: 'cdn-burst-capacity', params: { gbps: 1000 } },
    { actionId: 'investor-update', by: 'investor' },
  ],
  4: [
    { actionId: 'series-c-close', by: 'cfo' },
    { actionId: 'creator-marketplace' },
    { actionId: 'content-moderation', params: { moderators: 100 }, by: 'product-lead' },
  ],
  5: [{ actionId: 'investor-update', by: 'investor' }],
  // Days 61-70: edge capacity and a freeze ahead of the day-64 World Cup final.
  7: [
    { actionId: 'investor-update', by: 'investor' },
    { actionId: 'cdn-burst-capacity', params: { gbps: 4000 } },
    { actionId: 'feature-freeze', params: { days: 14 }, by: 'head-of-infra' },
  ],
  9: [{ actionId: 'investor-update', by: 'investor' }],
};

/** SocialWave, first 30 days (scenarios/socialwave-first-30-days.yaml). */
export const SOCIALWAVE_FIRST_30_DAYS: RoundPlan = {
  1: [
    { actionId: 'connection-pooler' },
    { actionId: 'read-replicas', params: { replicas: 4 } },
    { actionId: 'cache-cluster', params: { nodes: 16 } },
    { actionId: 'autoscaling', params: { 'min-servers': 50, 'max-servers': 2000 } },
    { actionId: 'cdn-burst-capacity', params: { gbps: 2000 } },
    { actionId: 'multi-cdn' },
    { actionId: 'observability-platform' },
    { actionId: 'security-hardening' },
    { actionId: 'on-call-rotation', params: { engineers: 8 } },
    { actionId: 'cap-weekly-hours', params: { hours: 55 } },
    { actionId: 'feature-freeze', params: { days: 14 }, by: 'head-of-infra' },
    { actionId: 'status-page', by: 'product-lead' },
    { actionId: 'investor-update', by: 'investor' },
    { actionId: 'compute-savings-plan', params: { discount: 0.45, months: 36, commit: 9000000 }, by: 'cfo' },
  ],
  2: [
    { actionId: 'investor-update', by: 'investor' },
    { actionId: 'feature-freeze', params: { days: 14 }, by: 'head-of-infra' },
    { actionId: 'monetization-push', params: { arpu: 0.1 } },
  ],
  3: [
    { actionId: 'investor-update', by: 'investor' },
    { actionId: 'feature-freeze', params: { days: 10 }, by: 'head-of-infra' },
  ],
};

export const REFERENCE_PLANS: Record<string, RoundPlan> = {
  'socialwave-hypergrowth': SOCIALWAVE_HYPERGROWTH,
  'socialwave-first-30-days': SOCIALWAVE_FIRST_30_DAYS,
};
