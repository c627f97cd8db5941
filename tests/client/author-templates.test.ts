import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EFFECT_TYPES,
  effectTemplate,
  freshId,
  newAction,
  newEndCondition,
  newItem,
  newObjective,
  newRole,
  templateModel,
} from '../../client/src/lib/author';
import { parseScenario } from '../../shared/scenario/parse';
import { appendYamlItem, deleteYamlValue } from '../../shared/scenario/yaml-edit';
import { scenarioEffectSchema } from '../../shared/sim/effects';

/** The author page's "Add" buttons (client/src/lib/author.ts): what they append must validate. */
const SHORT = readFileSync('scenarios/socialwave-first-30-days.yaml', 'utf8');

describe('the author page list templates', () => {
  it('knows every effect type of the schema, and a new effect of each type validates', () => {
    expect(EFFECT_TYPES.size).toBe(scenarioEffectSchema.options.length);
    for (const type of EFFECT_TYPES.keys()) {
      const result = scenarioEffectSchema.safeParse(effectTemplate(type));
      expect(result.success, `${type}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });

  it('appends a role, an action, an objective and an end state that the scenario accepts', () => {
    let text = SHORT;
    text = appendYamlItem(text, ['roles'], newRole(['cfo']));
    text = appendYamlItem(text, ['actions'], newAction([]));
    text = appendYamlItem(text, ['objectives'], newObjective([], 30));
    text = appendYamlItem(
      text,
      ['endStates'],
      newItem('end-state', [], {
        title: 'New end state',
        condition: { metric: 'user-trust', comparison: '>', threshold: 20 },
      }),
    );
    const parsed = parseScenario(text, 'short.yaml');
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.scenario.roles.at(-1)?.id).toBe('new-role');
    expect(parsed.scenario.actions.at(-1)?.effects).toEqual([{ type: 'morale', delta: 0 }]);
    expect(parsed.scenario.endStates.at(-1)?.condition).toMatchObject({ comparison: '>' });
    // Removing them again gives back the file as written, comments and all.
    let back = text;
    for (const list of ['endStates', 'objectives', 'actions', 'roles']) {
      const length = (parsed.scenario as unknown as Record<string, unknown[]>)[list]?.length ?? 0;
      back = deleteYamlValue(back, [list, length - 1]);
    }
    expect(back.split('\n').filter((l) => l.trim().startsWith('#'))).toEqual(
      SHORT.split('\n').filter((l) => l.trim().startsWith('#')),
    );
  });

  it('starts new items from the scenario’s own metrics and categories when it declares them', () => {
    const hospital = readFileSync('scenarios/hospital-ransomware.yaml', 'utf8');
    const declared = parseScenario(hospital, 'hospital.yaml');
    if (!declared.ok) throw new Error('the hospital scenario must parse');
    const model = templateModel(declared.scenario);
    let text = hospital;
    text = appendYamlItem(
      text,
      ['actions'],
      newAction(
        declared.scenario.actions.map((a) => a.id),
        model,
      ),
    );
    text = appendYamlItem(text, ['objectives'], newObjective([], 40, model));
    text = appendYamlItem(
      text,
      ['endStates'],
      newItem('end-state', [], { title: 'New end state', condition: newEndCondition(model) }),
    );
    const parsed = parseScenario(text, 'hospital.yaml');
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.scenario.actions.at(-1)).toMatchObject({
      category: 'clinical',
      effects: [{ type: 'metric', metric: 'systems-encrypted', op: 'add', value: 1 }],
    });
    expect(parsed.scenario.objectives.at(-1)?.test).toMatchObject({ metric: 'systems-encrypted' });
  });

  it('gives a fresh id that is not taken', () => {
    expect(freshId('new-role', [])).toBe('new-role');
    expect(freshId('new-role', ['new-role', 'new-role-2'])).toBe('new-role-3');
  });
});
