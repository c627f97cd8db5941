import { describe, expect, it } from 'vitest';
import { yamlReader } from '../../../shared/scenario/yaml-edit';

describe('yamlReader: the file read once for the author page forms', () => {
  const read = yamlReader(
    [
      '# a comment',
      'roles:',
      '  - id: cfo',
      '    authority: { veto: [finance] }',
      'rounds: { count: 3 }',
      '',
    ].join('\n'),
  );

  it('reads scalars, lists and mappings by path', () => {
    expect(read(['rounds', 'count'])).toBe(3);
    expect(read(['roles', 0, 'id'])).toBe('cfo');
    expect(read(['roles', 0, 'authority', 'veto'])).toEqual(['finance']);
  });

  it('answers undefined for a path that is not there, through a scalar, or in a file that is no mapping', () => {
    expect(read(['endStates'])).toBeUndefined();
    expect(read(['rounds', 'count', 'more'])).toBeUndefined();
    expect(read(['roles', 5, 'id'])).toBeUndefined();
    expect(yamlReader('- just a list')(['roles'])).toBeUndefined();
    expect(yamlReader('')(['roles'])).toBeUndefined();
  });
});
