import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  checkScenarioSemantics,
  formatScenarioProblem,
  parseScenario,
  type Scenario,
} from '../../../shared/scenario';
import { wardScenario, wardScenarioInput } from '../session/fixtures/ward-scenario';

/** The checks of a scenario's own model (issue 16), each problem with the path (and line) to fix. */

const messages = (s: Scenario) => checkScenarioSemantics(s).map((p) => `${p.path.join('.')}: ${p.message}`);

function variant(edit: (s: Scenario) => void): Scenario {
  const copy = structuredClone(wardScenario());
  edit(copy);
  return copy;
}

describe('checks of a scenario with its own model', () => {
  it('accepts the ward scenario', () => {
    expect(messages(wardScenario())).toEqual([]);
  });

  it('refuses infrastructure effects, prices and metrics without the infrastructure model', () => {
    const s = variant((x) => {
      x.actions[0]!.effects.push({ type: 'capacity', target: 'app-servers', delta: 2 });
      x.actions[1]!.cost = { capexUsd: 1000, opexUsdPerMonth: 0 };
      x.objectives[0]!.test = { metric: 'availability', comparison: '>', threshold: 0.99 };
    });
    expect(messages(s)).toEqual([
      'actions.0.effects.1.type: a capacity effect needs the infrastructure model (model.infrastructure is false): use a metric effect',
      'actions.1.cost: without the infrastructure model there is no cash to pay from: give the cost as a metric effect on a money metric of your own',
      'objectives.0.test.metric: unknown metric "availability"; known: diverted, on-diversion, trust',
    ]);
  });

  it('checks what conditions, effects, dynamics, tiles and modules name', () => {
    const s = variant((x) => {
      x.injects[0]!.trigger = {
        type: 'condition',
        condition: { any: [{ action: 'pay-ransum', status: 'applied' }, { inject: 'nope' }] },
      };
      x.endStates[0]!.condition = { vote: 'statement', result: 'passed' };
      x.actions[2]!.effects[0] = { type: 'metric', metric: 'trsut', op: 'add', value: 1 };
      x.metrics![0]!.dynamics = [{ type: 'coupling', metric: 'ghost', factor: 1, per: 'hours' }];
      x.dashboard = { tiles: ['diverted', 'beds'] };
      x.modules![1]!.rounds = [3, 4];
      x.metrics![2]!.start = 150;
    });
    expect(messages(s)).toEqual([
      'metrics.0.dynamics.0.metric: unknown metric "ghost"; known: diverted, on-diversion, trust',
      'metrics.2.start: start (150) is outside min..max (0..100)',
      'actions.2.effects.0.metric: unknown scenario metric "trsut" (did you mean "trust"?)',
      'injects.0.trigger.condition: unknown action "pay-ransum" (did you mean "pay-ransom"?)',
      'injects.0.trigger.condition: unknown inject "nope"; known: ransom-paid, ransom-vetoed, deadline',
      'endStates.0.condition.vote: action "statement" is not decided by a vote',
      'dashboard.tiles.1: unknown metric "beds"; known: diverted, on-diversion, trust',
      'modules.1.rounds.1: round 4 is after the last round (rounds.count is 3)',
    ]);
  });

  it('needs days for the infrastructure model, and a test or a rating for each objective', () => {
    const s = variant((x) => {
      x.model = { infrastructure: true };
      delete x.objectives[0]!.byDay;
      x.objectives[2]!.test = { inject: 'deadline' };
    });
    expect(messages(s)).toContain(
      'rounds.unit: the infrastructure model steps in days: use unit days, or set model.infrastructure: false',
    );
    expect(messages(s)).toContain(
      'objectives.0.byDay: a tested objective needs byDay: when the test is taken',
    );
    expect(messages(s)).toContain(
      'objectives.2.test: a rated objective is judged by evaluators: remove test, or remove rated',
    );
  });

  it('reports a bad dice or an undeclared category at its line and column in the file', () => {
    const input = structuredClone(wardScenarioInput) as Record<string, unknown> & typeof wardScenarioInput;
    const text = stringify({
      ...input,
      actions: [
        { ...input.actions[0], category: 'surgery' },
        { ...input.actions[1], effects: [{ type: 'metric', metric: 'trust', value: { dice: '2x6' } }] },
        input.actions[2],
      ],
    });
    const result = parseScenario(text, 'ward.yaml');
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map(formatScenarioProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^ward\.yaml:\d+:\d+ actions\.0\.category: unknown action category "surgery"; known: clinical, ransom, communication$/,
        ),
        expect.stringMatching(/^ward\.yaml:\d+:\d+ actions\.1\.effects\.0\.value/),
      ]),
    );
  });
});
