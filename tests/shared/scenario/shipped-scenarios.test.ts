import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatScenarioProblem, parseScenario } from '../../../shared/scenario';

const SHIPPED = ['scenarios/socialwave-hypergrowth.yaml', 'scenarios/socialwave-first-30-days.yaml'];

describe('the shipped scenarios', () => {
  it.each(SHIPPED)('%s exists and validates without a single problem', (file) => {
    const text = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
    const result = parseScenario(text, file);
    expect(result.ok ? [] : result.problems.map(formatScenarioProblem)).toEqual([]);
  });

  it.each(SHIPPED)('%s points editors at the JSON Schema', (file) => {
    const text = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
  });
});
