import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Action,
  checkScenarioSemantics,
  formatScenarioProblem,
  parseScenario,
  type Scenario,
} from '../../../shared/scenario';

const minimalText = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8');
const parsed = parseScenario(minimalText, 'minimal.yaml');
if (!parsed.ok) throw new Error('the minimal fixture must be valid');
const minimal: Scenario = parsed.scenario;

/** A fresh copy of the minimal scenario, changed by `edit`. */
function variant(edit: (s: Scenario) => void): Scenario {
  const copy = structuredClone(minimal);
  edit(copy);
  return copy;
}

function action(id: string, extra: Partial<Action> = {}): Action {
  return { ...structuredClone(minimal.actions[0]!), id, decision: undefined, ...extra } as Action;
}

const messages = (s: Scenario) => checkScenarioSemantics(s).map((p) => `${p.path.join('.')}: ${p.message}`);

describe('semantic checks', () => {
  it('finds nothing wrong with the minimal scenario', () => {
    expect(checkScenarioSemantics(minimal)).toEqual([]);
  });

  it('reports a prerequisite cycle once, naming every action in it', () => {
    const s = variant((s) => {
      s.actions.push(
        action('shard', { prerequisites: ['pooler'] }),
        action('pooler', { prerequisites: ['shard'] }),
      );
    });
    expect(messages(s)).toEqual([
      'actions.1.prerequisites: prerequisites form a cycle (shard -> pooler -> shard): none of these actions could ever be proposed',
    ]);
  });

  it('refuses an action that is its own prerequisite', () => {
    const s = variant((s) => {
      s.actions[0]!.prerequisites = ['add-replicas'];
    });
    expect(messages(s)).toEqual(['actions.0.prerequisites.0: an action cannot be its own prerequisite']);
  });

  it('reports an action nobody may propose, unless it names its proposers', () => {
    const orphan = variant((s) => {
      s.actions.push(action('bridge-round', { category: 'funding' }));
    });
    expect(messages(orphan)).toEqual([
      'actions.1.category: no role may propose this action: no role\'s authority.propose includes "funding"; ' +
        "add the category to a role or list the action's proposers",
    ]);
    const named = variant((s) => {
      s.actions.push(action('bridge-round', { category: 'funding', proposers: ['cfo'] }));
    });
    expect(messages(named)).toEqual([]);
  });

  it('resolves roles in proposers, vetoes, voters and the default decision rule', () => {
    const s = variant((s) => {
      s.actions[0]!.proposers = ['lead', 'chair'];
      s.actions[0]!.decision = {
        approvals: [],
        vetoes: ['board'],
        vote: { voters: ['cfo', 'investor'], majority: 'simple' },
      };
      s.decisionDefaults = { approvals: [{ role: 'cf0' }], vetoes: [] };
    });
    expect(messages(s)).toEqual([
      'decisionDefaults.approvals.0.role: unknown role "cf0" (did you mean "cfo"?)',
      'actions.0.proposers.1: unknown role "chair"; known roles: lead, cfo',
      'actions.0.decision.vetoes.0: unknown role "board"; known roles: lead, cfo',
      'actions.0.decision.vote.voters.1: unknown role "investor"; known roles: lead, cfo',
    ]);
  });

  it('counts a vote of all roles as something to decide, but only for roles that vote', () => {
    const observer = {
      ...structuredClone(minimal.roles[1]!),
      id: 'observer',
      authority: { propose: [], approve: [], veto: [], vote: true },
    };
    const voting = variant((s) => {
      s.roles.push(observer);
      s.actions[0]!.decision = { approvals: [], vetoes: [], vote: { voters: 'all', majority: 'two-thirds' } };
    });
    expect(messages(voting)).toEqual([]);
    const silent = variant((s) => {
      s.roles.push({ ...observer, authority: { ...observer.authority, vote: false } });
      s.actions[0]!.decision = { approvals: [], vetoes: [], vote: { voters: 'all', majority: 'two-thirds' } };
    });
    expect(messages(silent)).toHaveLength(1);
    expect(messages(silent)[0]).toMatch(/^roles\.2: required role "observer" has nothing to decide/);
    const optional = variant((s) => {
      s.roles.push({ ...observer, required: false, authority: { ...observer.authority, vote: false } });
    });
    expect(messages(optional)).toEqual([]);
  });

  it('checks parameter bounds, duplicate parameters and cost references', () => {
    const s = variant((s) => {
      const a = s.actions[0]!;
      a.parameters.push({ id: 'replicas', label: 'Again', min: 0, max: 1, default: 0, step: 1 });
      a.parameters.push({ id: 'size', label: 'Size', min: 5, max: 1, default: 3, step: 1 });
      a.cost.capexUsd = { param: 'nodes', times: 1000 };
    });
    expect(messages(s)).toEqual([
      'actions.0.parameters.1.id: duplicate parameter id "replicas" in this action',
      'actions.0.parameters.2.max: must be at least min (5), got 1',
      'actions.0.cost.capexUsd.param: unknown parameter "nodes"; parameters: replicas, size',
    ]);
  });

  it('reports repeat limits that cannot hold, and accepts sensible ones', () => {
    const once = variant((s) => {
      s.actions[0]!.repeatable = false;
      s.actions[0]!.limits = { perRound: 2, perExercise: 3 };
    });
    expect(messages(once)).toEqual([
      'actions.0.limits.perExercise: perExercise (3) allows repeats, but the action is not repeatable: set repeatable: true or drop perExercise',
      'actions.0.limits.perRound: perRound (2) allows repeats, but the action is not repeatable: set repeatable: true or drop perRound',
    ]);
    const inverted = variant((s) => {
      s.actions[0]!.repeatable = true;
      s.actions[0]!.limits = { perRound: 4, perExercise: 2 };
    });
    expect(messages(inverted)).toEqual([
      'actions.0.limits.perRound: perRound (4) is greater than perExercise (2): the exercise limit would never let the round limit be reached',
    ]);
    const fine = variant((s) => {
      s.actions[0]!.repeatable = true;
      s.actions[0]!.limits = { perRound: 2, perExercise: 6 };
    });
    expect(messages(fine)).toEqual([]);
  });

  it('accepts weights that add up to 100 in binary fractions, and times on the last round and day', () => {
    const s = variant((s) => {
      s.scoring.rubric = [
        { ...s.scoring.rubric[0]!, id: 'a', weight: 33.3 },
        { ...s.scoring.rubric[0]!, id: 'b', weight: 33.3 },
        { ...s.scoring.rubric[0]!, id: 'c', weight: 33.4 },
      ];
      s.injects[0]!.trigger = { type: 'scheduled', round: 3, phase: 'review' };
      s.checkpoints[0]!.day = 30;
      s.objectives[0]!.byDay = 30;
    });
    expect(messages(s)).toEqual([]);
  });

  it('checks a day trigger against the last simulated day', () => {
    const s = variant((s) => {
      s.injects[0]!.trigger = { type: 'day', day: 31 };
    });
    expect(messages(s)).toEqual([
      'injects.0.trigger.day: day 31 is after the exercise ends (day 30 = 3 rounds x 10 days)',
    ]);
  });
});

describe('semantic checks on a scenario that also fails the schema', () => {
  it('does not report references to an entry that is only malformed', () => {
    const text = minimalText.replace('    name: CFO\n', '');
    const result = parseScenario(text, 'm.yaml');
    expect(result.ok ? [] : result.problems.map(formatScenarioProblem)).toEqual([
      'm.yaml:19:5 roles.1.name: required field "name" is missing',
    ]);
  });

  it('still reports duplicate ids written in malformed entries', () => {
    const text = minimalText.replace('  - id: cfo\n    name: CFO\n', '  - id: lead\n');
    const result = parseScenario(text, 'm.yaml');
    const lines = result.ok ? [] : result.problems.map(formatScenarioProblem);
    expect(lines).toContain('m.yaml:19:9 roles.1.id: duplicate role id "lead": roles.0 already uses it');
  });

  it('skips the weight total while a rubric entry is malformed', () => {
    const text = minimalText.replace('      weight: 40', '      weight: forty');
    const result = parseScenario(text, 'm.yaml');
    expect(result.ok ? [] : result.problems.map(formatScenarioProblem)).toEqual([
      'm.yaml:89:15 scoring.rubric.1.weight: must be a number, got text "forty"',
    ]);
  });
});
