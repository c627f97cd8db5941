import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { scenarioSchema } from '../../../shared/scenario';

const guide = readFileSync(new URL('../../../docs/authoring.md', import.meta.url), 'utf8');
const blocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const sections = new Set(Object.keys(scenarioSchema.shape));

describe('docs/authoring.md', () => {
  it('has YAML examples', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it.each(blocks.map((block, i) => [i + 1, block] as const))('example %i is well-formed YAML', (_, block) => {
    const doc = parseDocument(block);
    expect([...doc.errors, ...doc.warnings].map((e) => e.message)).toEqual([]);
  });

  it('uses only real section names at the top level of its scenario examples', () => {
    // The first example illustrates YAML syntax with fields from all over the file.
    for (const block of blocks.slice(1)) {
      const keys = Object.keys((parseDocument(block).toJS() as Record<string, unknown> | null) ?? {});
      for (const key of keys) expect(sections).toContain(key);
    }
  });
});
