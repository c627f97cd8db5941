import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { balanceReport } from '../../../server/game/balance/report';
import { dryRun } from '../../../server/game/dry-run';
import { METRIC_NAMES } from '../../../shared/sim/metrics';
import { loadScenario, OWN_MODEL_FILES } from './fixtures/own-model';

/**
 * The dry run and the balance report of a scenario with its own model (issue 16) speak of that
 * model only: the scenario's metrics, its tested objectives, its rated ones as judged by
 * evaluators, and nothing of the infrastructure model's (latency, cost, users, runway).
 */

const INFRASTRUCTURE_WORDS =
  /p95|infrastructure cost|infra-cost|arpu|daily active users|daily-active-users|runway/i;

function script(name: string, ...args: string[]): string {
  return execFileSync('npx', ['tsx', `scripts/${name}.ts`, ...args], { encoding: 'utf8', timeout: 120_000 });
}

describe.each(OWN_MODEL_FILES)('the reports on %s', (file) => {
  const scenario = loadScenario(file);

  test('npm run scenario:dry-run and scenario:balance run and name no infrastructure metric', () => {
    const dry = script('scenario-dry-run', file);
    expect(dry).toContain(`# Dry run of ${scenario.id}`);
    expect(dry).toContain('values each hour');
    expect(dry).not.toMatch(INFRASTRUCTURE_WORDS);
    const balance = script('scenario-balance', file, '--seeds', '3', '--workers', '1');
    expect(balance).toContain(`# Balance of ${scenario.id}`);
    expect(balance).toContain('reference plan (the computer players, seed 1)');
    expect(balance).not.toMatch(INFRASTRUCTURE_WORDS);
    expect(balance).not.toContain('spend only');
  }, 120_000);

  test("the dry run's ranges are the scenario's metrics, and rated objectives are left to evaluators", async () => {
    const report = await dryRun(scenario, { seeds: [1] });
    expect(report.metricRanges.map((r) => r.metric)).toEqual((scenario.metrics ?? []).map((m) => m.id));
    for (const range of report.metricRanges) expect(METRIC_NAMES).not.toContain(range.metric);
    const rated = scenario.objectives.filter((o) => o.rated).map((o) => o.id);
    expect(rated.length).toBeGreaterThan(0);
    expect(report.objectivesRated.map((o) => o.objectiveId)).toEqual(rated);
    for (const id of rated) {
      expect(report.objectivesNeverMet.map((o) => o.objectiveId)).not.toContain(id);
      expect(report.objectivesNotExercised.map((o) => o.objectiveId)).not.toContain(id);
    }
  }, 60_000);

  test('a win in the balance report counts tested objectives only, never the rated ones', () => {
    const report = balanceReport(scenario, 1);
    const nothing = report.rows.find((r) => r.policy === 'do nothing');
    expect(Object.keys(nothing?.objectiveFailures ?? {}).length).toBeGreaterThan(0);
    for (const row of report.rows)
      for (const o of scenario.objectives.filter((x) => x.rated))
        expect(row.objectiveFailures[o.id]).toBeUndefined();
  }, 60_000);
});

test('an objective on a decision is steered by the table; one on a metric nothing moves is reported', async () => {
  const scenario = loadScenario(OWN_MODEL_FILES.at(-1) ?? '');
  const [first] = scenario.metrics ?? [];
  if (!first) throw new Error('no metrics');
  const report = await dryRun(
    {
      ...scenario,
      metrics: [...(scenario.metrics ?? []), { ...first, id: 'unmoved', label: 'Unmoved', dynamics: [] }],
      objectives: [
        ...scenario.objectives,
        {
          id: 'decide',
          title: 'Decide',
          description: '',
          test: { action: scenario.actions[0]?.id ?? '', status: 'applied' },
          byDay: 2,
        },
        {
          id: 'steer',
          title: 'Steer',
          description: '',
          test: { metric: 'unmoved', comparison: '>', threshold: 1e9 },
          byDay: 2,
        },
      ],
    },
    { seeds: [1] },
  );
  const unexercised = report.objectivesNotExercised.map((o) => o.objectiveId);
  expect(unexercised).toContain('steer');
  expect(unexercised).not.toContain('decide');
  expect(report.objectivesNotExercised.find((o) => o.objectiveId === 'steer')?.reason).toBe(
    'no inject names it and no action moves unmoved',
  );
}, 60_000);
