import { describe, expect, test } from 'vitest';
import { type DryRunReport, dryRun } from '../../../server/game/dry-run';
import { metricObjectives } from '../../../shared/scenario/scenario-time';
import type { Scenario } from '../../../shared/scenario/schema';
import { shippedScenario } from '../../shared/session/fixtures/shipped';

/**
 * The dry run rehearses a scenario with computer players: every run must reach the debrief, and
 * what the report says no run reached must agree with the runs themselves.
 */

const SEEDS = [1, 2];

/** The short scenario plus an inject whose condition no run can meet (availability is a ratio, at most 1). */
function withImpossibleInject(scenario: Scenario): Scenario {
  const template = scenario.injects[0];
  if (!template) throw new Error('the short scenario has no injects');
  return {
    ...scenario,
    injects: [
      ...scenario.injects,
      {
        ...template,
        id: 'impossible-uptime',
        number: Math.max(...scenario.injects.map((i) => i.number)) + 1,
        title: 'Availability above 200%',
        trigger: { type: 'condition', condition: { metric: 'availability', comparison: '>', threshold: 2 } },
      },
    ],
  };
}

describe('a dry run of the short scenario with two seeds', async () => {
  const scenario = withImpossibleInject(shippedScenario('socialwave-first-30-days'));
  const report: DryRunReport = await dryRun(scenario, { seeds: SEEDS });

  test('plays one whole game per seed to the debrief', () => {
    expect(report.runs.map((r) => r.seed)).toEqual(SEEDS);
    for (const run of report.runs) {
      expect(run.reachedDebrief).toBe(true);
      expect(run.outcome).not.toBeNull();
      if (run.outcome?.kind === 'completed') expect(run.roundsPlayed).toBe(scenario.rounds.count);
      expect(run.finalDay).toBe(run.roundsPlayed * scenario.rounds.daysPerRound);
      expect(run.score).toBeGreaterThanOrEqual(0);
      expect(run.score).toBeLessThanOrEqual(100);
      expect(run.proposals).toBeGreaterThan(0);
    }
  });

  test('an inject whose condition never holds is reported as never delivered, with its trigger', () => {
    const impossible = report.injectsNeverDelivered.find((i) => i.injectId === 'impossible-uptime');
    expect(impossible).toMatchObject({ trigger: 'condition', number: scenario.injects.at(-1)?.number });
    expect(impossible?.reason).toMatch(/^condition never held: availability > 2 \(reached .+ to .+\)$/);
  });

  test('the injects reported undelivered are exactly those no run sent', () => {
    const undelivered = new Set(report.injectsNeverDelivered.map((i) => i.injectId));
    for (const inject of scenario.injects) {
      const statuses = report.runs.map((run) => run.injects[inject.id]);
      if (undelivered.has(inject.id))
        for (const status of statuses) expect(['ready', 'skipped']).toContain(status);
      else expect(statuses).toContain('sent');
    }
  });

  test('the objectives and actions reported untaken are exactly those no run took', () => {
    const unmet = new Set(report.objectivesNeverMet.map((o) => o.objectiveId));
    for (const objective of scenario.objectives) {
      const metSomewhere = report.runs.some((run) => run.objectivesMet.includes(objective.id));
      expect(unmet.has(objective.id)).toBe(!metSomewhere);
    }
    const neverProposed = new Set(report.actionsNeverProposed.map((a) => a.actionId));
    const neverApplied = new Set(report.actionsNeverApplied.map((a) => a.actionId));
    for (const action of scenario.actions) {
      const proposed = report.runs.some((run) => run.actionsProposed.includes(action.id));
      const applied = report.runs.some((run) => run.actionsApplied.includes(action.id));
      expect(neverProposed.has(action.id)).toBe(!proposed);
      expect(neverApplied.has(action.id)).toBe(proposed && !applied);
    }
  });

  test("every role's decisions add up to the runs' proposals, and a silent role is flagged", () => {
    const proposals = report.runs.reduce((sum, run) => sum + run.proposals, 0);
    expect(report.roles.reduce((sum, role) => sum + role.proposals, 0)).toBe(proposals);
    const rounds = report.runs.reduce((sum, run) => sum + run.roundsPlayed, 0);
    for (const role of report.roles) {
      const decisions = role.proposals + role.approvals + role.votes + role.vetoes;
      expect(role.decisionsPerRound).toBeCloseTo(decisions / rounds, 10);
      expect(role.flag === 'no-decisions').toBe(role.played && decisions === 0);
    }
  });

  test('metric ranges cover every metric an objective tests, and a fixed seed gives the same report', async () => {
    for (const objective of metricObjectives(scenario.objectives)) {
      const range = report.metricRanges.find((r) => r.metric === objective.test.metric);
      expect(range?.min).toBeLessThanOrEqual(range?.max ?? Number.NaN);
    }
    expect(await dryRun(scenario, { seeds: SEEDS })).toEqual(report);
  });
});

test('an objective that no inject names and no action moves is reported as not exercised', async () => {
  const base = shippedScenario('socialwave-first-30-days');
  const scenario: Scenario = {
    ...base,
    objectives: [
      ...base.objectives,
      {
        id: 'store-less',
        title: 'Store under 1 TB',
        description: '',
        test: { metric: 'storage-tb', comparison: '<', threshold: 1 },
        byDay: 10,
      },
    ],
  };
  const moversOfStorage = base.actions.filter((a) =>
    a.effects.some((e) => ['feature-freeze', 'feature-launch', 'competitor-launch'].includes(e.type)),
  );
  const report = await dryRun(
    { ...scenario, actions: base.actions.filter((a) => !moversOfStorage.includes(a)) },
    {
      seeds: [1],
    },
  );
  expect(report.objectivesNotExercised).toContainEqual({
    objectiveId: 'store-less',
    title: 'Store under 1 TB',
    metrics: ['storage-tb'],
    reason: 'no inject names it and no action moves storage-tb',
  });
});
