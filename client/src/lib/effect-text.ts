import type {
  CostCategory,
  Effect,
  LevelName,
  OUTAGE_TARGETS,
  Project,
  Regime,
  StorageTier,
} from '../../../shared/sim/effects';
import { formatMetric, formatUsd } from './format';
import { metricLabel, span } from './scenario-model';

const CAPACITY: Record<string, string> = {
  'db-primary-size': 'database primary size steps',
  'db-replicas': 'read replicas',
  'cache-nodes': 'cache nodes',
  'app-servers': 'application servers',
  'cdn-capacity': 'Gbps of CDN capacity',
};

/** The simulation's names for projects, levels and cost lines, in the words players read. */
const PROJECT: Record<Project, string> = {
  sharding: 'database sharding',
  'monolith-extraction': 'monolith extraction',
  'multi-cdn': 'second CDN',
  'connection-pooler': 'connection pooler',
  'observability-platform': 'observability platform',
  'change-management': 'change management',
};
const LEVEL: Record<LevelName, string> = {
  observability: 'Observability',
  security: 'Security posture',
  'on-call-maturity': 'On-call maturity',
  'process-maturity': 'Process maturity',
};
const COST: Record<CostCategory, string> = {
  compute: 'compute',
  database: 'database',
  storage: 'storage',
  cdn: 'CDN',
  'managed-services': 'managed services',
  people: 'people',
};
const REGIME: Record<Regime, string> = {
  gdpr: 'GDPR',
  ccpa: 'CCPA',
  payments: 'Payments compliance',
  'content-moderation': 'Content moderation',
};
const TIER: Record<StorageTier, string> = { hot: 'hot', infrequent: 'infrequent-access', archive: 'archive' };
const OUTAGE: Record<(typeof OUTAGE_TARGETS)[number], string> = {
  database: 'Database',
  cache: 'Cache',
  app: 'Application tier',
  cdn: 'CDN',
  storage: 'Storage',
  'payments-vendor': 'Payments vendor',
};

const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
const pct = (n: number) => `${Math.round(n * 1000) / 10} %`;

/** One effect in plain words, for the action catalog and the facilitator's timeline. */
export function effectText(effect: Effect): string {
  switch (effect.type) {
    case 'capacity':
      return `${signed(effect.delta)} ${CAPACITY[effect.target] ?? effect.target}`;
    case 'start-project':
      return `Start the ${PROJECT[effect.project]} project (${effect.days} days, ${pct(effect.incidentRiskPerDay)} incident risk per day while it runs)`;
    case 'cache-hit-ratio':
      return `Cache hit ratio ${effect.delta >= 0 ? '+' : ''}${pct(effect.delta)}`;
    case 'autoscaling':
      return effect.enabled
        ? `Autoscaling on${effect.minServers !== undefined ? ` (${effect.minServers}–${effect.maxServers ?? '∞'} servers)` : ''}`
        : 'Autoscaling off';
    case 'commit-spend':
      return `Commit ${COST[effect.category]} spend for ${effect.months} months at ${pct(effect.discount)} off`;
    case 'move-storage':
      return `Move ${pct(effect.fraction)} of ${TIER[effect.from]} storage to ${TIER[effect.to]}`;
    case 'hire':
      return `Hire ${effect.count} ${effect.seniority} engineer${effect.count === 1 ? '' : 's'} (${effect.leadDays} days to start)`;
    case 'cancel-hires':
      return `Pending ${effect.seniority} hires fall through`;
    case 'on-call-rotation':
      return `On-call rotation of ${effect.engineers} engineers`;
    case 'weekly-hours':
      return `Weekly hours set to ${effect.hours}`;
    case 'raise-level':
      return `${LEVEL[effect.level]} ${signed(effect.delta)}`;
    case 'compliance':
      return `${REGIME[effect.regime]} readiness ${signed(effect.delta)}`;
    case 'feature-freeze':
      return `Feature freeze for ${effect.days} days`;
    case 'feature-launch':
      return `Feature launch: growth +${pct(effect.growthBoost)}/day for ${effect.days} days, ${pct(effect.incidentRiskPerDay)} incident risk per day`;
    case 'communication':
      return `User trust ${signed(effect.userTrust)}, investor confidence ${signed(effect.investorConfidence)}`;
    case 'arpu':
      return `ARPU ${effect.deltaUsd >= 0 ? '+' : '−'}$${Math.abs(effect.deltaUsd).toFixed(2)}`;
    case 'funding':
      return `Funding of ${formatUsd(effect.amountUsd)}`;
    case 'spend':
      return `Spend ${formatUsd(effect.capexUsd)} once and ${formatUsd(effect.opexUsdPerMonth)}/month on ${COST[effect.category]}`;
    case 'traffic-spike':
      return `Traffic ×${effect.multiplier} for ${effect.days} days`;
    case 'outage':
      return `${OUTAGE[effect.target]} outage for ${effect.hours} hours`;
    case 'cost-shock':
      return effect.months === 0
        ? `One-off ${COST[effect.category]} charge of ${formatUsd(effect.amountUsd)}`
        : `${COST[effect.category]} costs +${formatUsd(effect.amountUsd)}/month for ${effect.months} months`;
    case 'morale':
      return `Morale ${signed(effect.delta)}`;
    case 'breach':
      return `Security breach (severity ${effect.severity})`;
    case 'regulator-deadline':
      return `${REGIME[effect.regime]} deadline in ${effect.days} days (readiness ${effect.requiredReadiness} needed, fine ${formatUsd(effect.fineUsd)})`;
    case 'competitor-launch':
      return `Competitor launch: growth −${pct(effect.growthCut)} for ${effect.days} days`;
    case 'metric':
      return metricEffectText(effect);
    case 'engineer-leaves':
      return `${effect.count} ${effect.seniority} engineer${effect.count === 1 ? '' : 's'} leave${effect.count === 1 ? 's' : ''}`;
  }
}

type MetricEffect = Extract<Effect, { type: 'metric' }>;

/**
 * A scenario metric's change in words: "Patients diverted +2d6 x 10 (rolled when it lands), after
 * 2 hours, for 8 hours". An uncertain value is shown as what it is, never as a single number.
 */
export function metricEffectText(effect: MetricEffect): string {
  const label = metricLabel(effect.metric);
  const value = effect.value;
  let amount: string;
  if (typeof value === 'number') {
    amount =
      effect.op === 'set'
        ? `set to ${formatMetric(effect.metric, value)}`
        : effect.op === 'scale'
          ? `×${value}`
          : `${value >= 0 ? '+' : '−'}${formatMetric(effect.metric, Math.abs(value), true)}`;
  } else if ('between' in value) {
    const [low, high] = value.between;
    const signedAmount = (n: number) =>
      `${n >= 0 ? '+' : '−'}${formatMetric(effect.metric, Math.abs(n), true)}`;
    const range =
      effect.op === 'scale'
        ? `×${low} to ×${high}`
        : effect.op === 'set'
          ? `set to ${formatMetric(effect.metric, low)} to ${formatMetric(effect.metric, high)}`
          : `${signedAmount(low)} to ${signedAmount(high)}`;
    amount = `${range} (drawn when it lands)`;
  } else {
    const times = value.times === undefined || value.times === 1 ? '' : ` x ${value.times}`;
    const op = effect.op === 'set' ? 'set to ' : effect.op === 'scale' ? '×' : '+';
    amount = `${op}${value.dice}${times} (rolled when it lands)`;
  }
  const after = effect.after ? `, after ${span(effect.after)}` : '';
  const lasting = effect.for ? `, for ${span(effect.for)}` : '';
  return `${label} ${amount}${after}${lasting}`;
}
