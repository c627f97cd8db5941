import type { Project } from './effects';
import { MAX_SHARD_HOSTS, PROJECT_GAINS } from './model-constants';
import type { SimState } from './state';

/** What a project changes when it lands; `audience`: who may know of it (the inject's roles that started it). */
export function landProject(state: SimState, project: Project, audience?: readonly string[]): void {
  const c = state.model.constants;
  const firstTime = !state.landed.includes(project);
  let text: string;
  switch (project) {
    case 'sharding': {
      // The first sharding splits the primary into shard hosts; re-sharding doubles them (Notion 2021 -> 2023).
      const before = state.database.shards;
      state.database.shards = Math.min(
        MAX_SHARD_HOSTS,
        before <= 1 ? Math.max(2, c.shardsPerShardingProject) : before * 2,
      );
      text = `Sharding landed: ${before} -> ${state.database.shards} shard hosts`;
      break;
    }
    case 'monolith-extraction':
      if (firstTime) state.app.speedup *= c.monolithExtractionSpeedup;
      text = firstTime
        ? `Monolith extraction landed: per-server capacity x${c.monolithExtractionSpeedup}`
        : 'Monolith extraction landed again: the hot paths were already extracted';
      break;
    case 'multi-cdn': {
      // A new provider with the same capacity per provider as the existing ones.
      const providers = Math.max(1, state.cdn.providers);
      state.cdn.capacityGbps += state.cdn.capacityGbps / providers;
      state.cdn.providers = providers + 1;
      text = `Multi-CDN landed: ${state.cdn.providers} providers`;
      break;
    }
    case 'connection-pooler':
      state.database.connectionPooler = true;
      text = 'Connection pooler landed in front of the database';
      break;
    case 'observability-platform':
      state.risk.levels.observability = Math.min(
        100,
        state.risk.levels.observability + PROJECT_GAINS.observabilityPlatform,
      );
      text = 'Observability platform landed: tracing, SLO dashboards, alerting';
      break;
    case 'change-management':
      state.risk.levels['process-maturity'] = Math.min(
        100,
        state.risk.levels['process-maturity'] + PROJECT_GAINS.changeManagement,
      );
      text = 'Change management landed: CI/CD, tests and change review';
      break;
  }
  state.landed.push(project);
  state.pending.events.push({
    kind: 'project-landed',
    text,
    ...(audience ? { audience: [...audience] } : {}),
  });
}
