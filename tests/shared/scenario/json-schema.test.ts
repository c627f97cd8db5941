import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../../shared/scenario';

const committedPath = new URL('../../../scenarios/scenario.schema.json', import.meta.url);

describe('the JSON Schema for editors', () => {
  it('is committed and up to date with the zod schema (run `npm run scenario:schema` when this fails)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes what an author writes: fields with defaults are optional', () => {
    const schema = scenarioJsonSchema() as {
      required: string[];
      properties: { roles: { items: { required: string[] } } };
      $defs: Record<string, unknown>;
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'title', 'roles', 'actions', 'rounds', 'scoring']),
    );
    expect(schema.required).not.toContain('injects');
    // An exercise with its own metrics (model.infrastructure: false) leaves the simulation out.
    expect(schema.required).not.toContain('simulation');
    expect(schema.properties.roles.items.required).toEqual([
      'id',
      'name',
      'publicBrief',
      'privateBrief',
      'authority',
    ]);
    expect(Object.keys(schema.$defs)).toEqual(['Effect', 'DecisionRule', 'Condition']);
  });

  it('refers to the shared definitions wherever they occur', () => {
    const text = scenarioJsonSchemaText();
    expect(text.match(/"\$ref": "#\/\$defs\/Effect"/g)).toHaveLength(2);
    // Triggers, objectives and end states take any condition (and a condition its parts).
    expect(text.match(/"\$ref": "#\/\$defs\/Condition"/g)?.length).toBeGreaterThanOrEqual(4);
    expect(text.match(/"\$ref": "#\/\$defs\/DecisionRule"/g)).toHaveLength(2);
  });
});
