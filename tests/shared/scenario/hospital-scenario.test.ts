import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatScenarioProblem, parseScenario } from '../../../shared/scenario';
import { conditionAtoms } from '../../../shared/scenario/condition-schema';
import type { Scenario } from '../../../shared/scenario/schema';

/**
 * The hospital ransomware exercise (issue 16): a scenario that runs on its own model, with nothing
 * of SocialWave in it, exercising every part of the scenario-defined model at least once.
 */

const FILE = 'scenarios/hospital-ransomware.yaml';
const text = readFileSync(new URL(`../../../${FILE}`, import.meta.url), 'utf8');

function load(): Scenario {
  const result = parseScenario(text, FILE);
  if (!result.ok) throw new Error(result.problems.map(formatScenarioProblem).join('\n'));
  return result.scenario;
}

describe(FILE, () => {
  const scenario = load();

  it('validates without a single problem and points editors at the JSON Schema', () => {
    const result = parseScenario(text, FILE);
    expect(result.ok ? [] : result.problems.map(formatScenarioProblem)).toEqual([]);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
  });

  it('runs on its own model: no infrastructure, five rounds of hours, its own categories, channels and tiles', () => {
    expect(scenario.model?.infrastructure).toBe(false);
    expect(scenario.rounds).toMatchObject({ count: 5, unit: 'hours' });
    // The attacker's 72-hour deadline falls inside the exercise.
    expect(scenario.rounds.count * scenario.rounds.daysPerRound).toBeGreaterThanOrEqual(72);
    expect(scenario.categories?.map((c) => c.id)).toEqual(
      expect.arrayContaining(['clinical', 'containment', 'recovery', 'communication', 'legal', 'ransom']),
    );
    expect(scenario.channels?.length).toBeGreaterThan(0);
    expect(scenario.dashboard?.tiles).toHaveLength(6);
    expect(scenario.modules?.length).toBeGreaterThanOrEqual(2);
    for (const module of scenario.modules ?? []) expect(module.discussionQuestions.length).toBeGreaterThan(0);
  });

  it('has six required roles, each with briefs and secret objectives', () => {
    expect(scenario.roles).toHaveLength(6);
    for (const role of scenario.roles) {
      expect(role.required).toBe(true);
      expect(role.publicBrief.trim()).not.toBe('');
      expect(role.privateBrief.trim()).not.toBe('');
      expect(role.secretObjectives.length).toBeGreaterThan(0);
    }
  });

  it('declares metrics using every kind of dynamics, with noise on at least one', () => {
    const metrics = scenario.metrics ?? [];
    const kinds = new Set(metrics.flatMap((m) => m.dynamics.map((d) => d.type)));
    expect([...kinds].sort()).toEqual(['coupling', 'drift', 'rate', 'table']);
    expect(metrics.some((m) => m.noise !== undefined)).toBe(true);
    expect(new Set(metrics.map((m) => m.format))).toEqual(
      new Set(['percent', 'count', 'number', 'score', 'usd']),
    );
  });

  it('has at least 15 actions with metric effects only, covering every category, with uncertainty, lead times and durations', () => {
    const { actions } = scenario;
    expect(actions.length).toBeGreaterThanOrEqual(15);
    const effects = actions.flatMap((a) => a.effects);
    expect(effects.every((e) => e.type === 'metric')).toBe(true);
    expect(new Set(actions.map((a) => a.category))).toEqual(new Set(scenario.categories?.map((c) => c.id)));
    const values = effects.flatMap((e) => (e.type === 'metric' ? [e.value] : []));
    expect(values.some((v) => typeof v === 'object' && 'between' in v)).toBe(true);
    expect(values.some((v) => typeof v === 'object' && 'dice' in v)).toBe(true);
    expect(effects.some((e) => e.type === 'metric' && e.for !== undefined)).toBe(true);
    expect(effects.some((e) => e.type === 'metric' && e.after !== undefined)).toBe(true);
    expect(actions.some((a) => a.leadTimeDays > 0)).toBe(true);
  });

  it('decides with approvals, vetoes and a vote: the ransom goes to a vote that Legal may veto', () => {
    const rules = scenario.actions.map((a) => a.decision ?? scenario.decisionDefaults);
    expect(rules.some((r) => r.approvals.length > 0)).toBe(true);
    expect(rules.some((r) => r.vetoes.length > 0)).toBe(true);
    const ransom = scenario.actions.find((a) => a.id === 'pay-ransom');
    expect(ransom?.decision?.vote).toBeDefined();
    expect(ransom?.decision?.vetoes).toContain('legal');
  });

  it('has at least 17 injects: scheduled, timed, on metrics, on decisions, chained, and two contingencies', () => {
    const { injects } = scenario;
    expect(injects.length).toBeGreaterThanOrEqual(17);
    const types = new Set(injects.map((i) => i.trigger.type));
    expect([...types].sort()).toEqual(['condition', 'day', 'manual', 'scheduled']);
    const atoms = injects.flatMap((i) =>
      i.trigger.type === 'condition' ? conditionAtoms(i.trigger.condition) : [],
    );
    expect(atoms.some((a) => 'metric' in a)).toBe(true);
    expect(atoms).toContainEqual({ action: 'pay-ransom', status: 'applied' });
    expect(atoms).toContainEqual({ vote: 'pay-ransom', result: 'failed' });
    expect(atoms).toContainEqual({ elapsed: 72, unit: 'hours' });
    expect(atoms.some((a) => 'inject' in a)).toBe(true);
    expect(injects.filter((i) => i.contingency && i.trigger.type === 'manual')).toHaveLength(2);
    expect(injects.some((i) => i.audience !== 'all')).toBe(true);
  });

  it('scores metric tests, decision tests and three rated capabilities in a rubric of 100', () => {
    const { objectives } = scenario;
    expect(objectives.filter((o) => o.rated)).toHaveLength(3);
    expect(objectives.some((o) => o.test !== undefined && 'metric' in o.test)).toBe(true);
    expect(objectives.map((o) => o.test)).toContainEqual({ action: 'notify-hhs', status: 'applied' });
    const weights = scenario.scoring.rubric.reduce((sum, d) => sum + d.weight, 0);
    expect(weights).toBe(100);
    const scored = new Set(scenario.scoring.rubric.flatMap((d) => d.objectives));
    for (const objective of objectives) expect(scored).toContain(objective.id);
    const endAtoms = scenario.endStates.flatMap((e) => conditionAtoms(e.condition));
    expect(endAtoms.some((a) => 'metric' in a)).toBe(true);
    expect(endAtoms.some((a) => 'action' in a)).toBe(true);
    expect(scenario.scoring.hotWash.length).toBeGreaterThan(0);
  });

  it('shows players no infrastructure words', () => {
    const seen: string[] = [
      scenario.title,
      scenario.summary,
      ...scenario.learningObjectives,
      ...scenario.roles.flatMap((r) => [r.name, r.publicBrief, r.privateBrief, ...r.secretObjectives]),
      ...(scenario.metrics ?? []).flatMap((m) => [m.label, m.unit, m.description]),
      ...(scenario.categories ?? []).map((c) => c.label),
      ...(scenario.channels ?? []).map((c) => c.label),
      ...(scenario.modules ?? []).flatMap((m) => [m.title, m.summary, ...m.discussionQuestions]),
      ...scenario.actions.flatMap((a) => [a.title, a.description, ...a.risks]),
      ...scenario.injects.flatMap((i) => [
        i.title,
        i.from,
        i.subject,
        i.body,
        ...i.expectedActions,
        ...i.discussionQuestions,
      ]),
      ...scenario.objectives.flatMap((o) => [o.title, o.description]),
      ...scenario.endStates.flatMap((e) => [e.title, e.description]),
      ...scenario.checkpoints.flatMap((c) => [c.title, c.deliverable ?? '']),
      ...scenario.scoring.rubric.flatMap((d) => [d.title, d.description]),
      ...scenario.scoring.hotWash,
    ];
    const infrastructure =
      /p95|infrastructure cost|\bARPU\b|daily active users|runway|\busers?\b|\bservers?\b/i;
    expect(seen.filter((line) => infrastructure.test(line))).toEqual([]);
  });
});
