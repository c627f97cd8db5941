import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatScenarioProblem,
  type ParseScenarioResult,
  parseScenario,
  SCENARIO_MAX_BYTES,
  scenarioSizeProblem,
} from '../../../shared/scenario';

const minimal = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8');
const billionLaughs = readFileSync(new URL('./fixtures/billion-laughs.yaml', import.meta.url), 'utf8');

function problems(result: ParseScenarioResult) {
  if (result.ok) throw new Error('expected problems, the scenario parsed');
  return result.problems;
}

describe('parseScenario', () => {
  it('accepts the minimal scenario and fills in the defaults', () => {
    const result = parseScenario(minimal, 'minimal.yaml');
    if (!result.ok) throw new Error(result.problems.map(formatScenarioProblem).join('\n'));
    const { scenario } = result;
    expect(scenario.roles.map((r) => r.id)).toEqual(['lead', 'cfo']);
    expect(scenario.roles[0]!.players).toEqual({ min: 1, max: 4 });
    expect(scenario.roles[1]!.authority).toEqual({
      propose: [],
      approve: ['infrastructure'],
      veto: [],
      vote: true,
    });
    expect(scenario.actions[0]!.cost).toEqual({
      capexUsd: 0,
      opexUsdPerMonth: { param: 'replicas', times: 20000 },
    });
    expect(scenario.injects[0]!.facilitatorNotes).toBe('');
    expect(scenario.decisionDefaults).toEqual({ approvals: [], vetoes: [] });
    expect(scenario.simulation.money.emergencyBudgetUsd).toBe(100_000_000);
  });

  it('accepts JSON, which YAML 1.2 reads too', () => {
    const json = JSON.stringify((parseScenario(minimal, 'm.yaml') as { scenario: unknown }).scenario);
    expect(parseScenario(json, 'minimal.json').ok).toBe(true);
  });

  it('counts lines the same with Windows line endings', () => {
    const crlf = minimal.replace('  count: 3', '  count: 0').replaceAll('\n', '\r\n');
    expect(problems(parseScenario(crlf, 'crlf.yaml')).map(formatScenarioProblem)).toEqual([
      'crlf.yaml:49:10 rounds.count: must be at least 1, got the number 0',
    ]);
  });

  it('refuses a 10 MB file immediately, with the sizes in the message', () => {
    const huge = `summary: ${'x'.repeat(10 * 1024 * 1024)}\n`;
    const started = performance.now();
    const found = problems(parseScenario(huge, 'huge.yaml'));
    const elapsed = performance.now() - started;
    expect(found.map(formatScenarioProblem)).toEqual([
      `huge.yaml:1:1 (root): the file is 10 MB (${huge.length} bytes); scenario files are limited to 1 MB, so it was not read`,
    ]);
    expect(found[0]!.code).toBe('too-large');
    expect(elapsed).toBeLessThan(1000);
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    const under = 'é'.repeat(SCENARIO_MAX_BYTES / 2); // 2 bytes each: exactly the limit
    expect(scenarioSizeProblem('f', new TextEncoder().encode(under).length)).toBeUndefined();
    const over = parseScenario(`${under}é`, 'over.yaml');
    expect(problems(over)[0]!.code).toBe('too-large');
    expect(problems(parseScenario(`${under}`, 'at-limit.yaml'))[0]!.code).not.toBe('too-large');
  });

  it('refuses a billion-laughs file in well under a second', () => {
    const started = performance.now();
    const found = problems(parseScenario(billionLaughs, 'laughs.yaml'));
    const elapsed = performance.now() - started;
    expect(found).toHaveLength(1);
    expect(found[0]!.code).toBe('alias-limit');
    expect(found[0]!.message).toMatch(/billion laughs/);
    expect(elapsed).toBeLessThan(1000);
  });

  it("refuses a large list aliased many times, which yaml's own alias count lets through", () => {
    // 60 copies of a 2,001-value list (the list and its items).
    const list = Array.from({ length: 2000 }, (_, i) => `  - objective ${i}`).join('\n');
    const uses = Array.from({ length: 60 }, (_, i) => `k${i}: *big`).join('\n');
    const found = problems(parseScenario(`big: &big\n${list}\n${uses}\n`, 'wide.yaml'));
    expect(found.map((p) => p.code)).toEqual(['alias-limit']);
    expect(found[0]!.message).toMatch(/expand to 120060 more values \(limit 100000\)/);
  });

  it('refuses an alias inside the value it refers to', () => {
    const found = problems(parseScenario('a: &a [1, *a]\n', 'loop.yaml'));
    expect(found.map(formatScenarioProblem)).toEqual([
      'loop.yaml:1:11 a.1: an alias (*name) refers to the value that contains it, so it expands without end; ' +
        'the file was refused, as it multiplies its content the way a "billion laughs" attack does',
    ]);
  });

  it('allows an anchor reused a few times, e.g. a shared decision rule', () => {
    const text = minimal
      .replace('    decision:\n      approvals:', '    decision: &cfo-approval\n      approvals:')
      .replace('rounds:\n', 'decisionDefaults: *cfo-approval\nrounds:\n');
    const result = parseScenario(text, 'anchors.yaml');
    expect(result.ok && result.scenario.decisionDefaults.approvals).toEqual([
      { role: 'cfo', whenSpendAboveUsd: 50000 },
    ]);
  });

  it('locates a problem reached through an alias at the alias', () => {
    const text = minimal
      .replace(
        '    decision:\n      approvals:\n        - role: cfo',
        '    decision: &rule\n      approvals:\n        - role: cfo',
      )
      .replace('        - role: cfo', '        - role: cf0')
      .replace('rounds:\n', 'decisionDefaults: *rule\nrounds:\n');
    const lines = problems(parseScenario(text, 'a.yaml')).map(formatScenarioProblem);
    expect(lines).toEqual([
      'a.yaml:46:17 actions.0.decision.approvals.0.role: unknown role "cf0" (did you mean "cfo"?)',
      'a.yaml:48:19 decisionDefaults.approvals.0.role: unknown role "cf0" (did you mean "cfo"?)',
    ]);
  });

  it.each([
    ['!!binary aGVsbG8=', '!!binary'],
    ['!!timestamp 2001-12-14', '!!timestamp'],
    ['!!python/object:os.system ls', '!!python/object:os.system'],
    ['!<tag:example.com,2000:app/foo> x', '!<tag:example.com,2000:app/foo>'],
  ])('refuses the tag in %s', (value, tag) => {
    const found = problems(parseScenario(minimal.replace('Minimal exercise', value), 'tag.yaml'));
    expect(found.map((p) => [p.line, p.column, p.path, p.code])).toEqual([[4, 8, 'title', 'custom-tag']]);
    expect(found[0]!.message).toContain(`the tag ${tag} is not allowed`);
  });

  it("accepts the core schema's own explicit tags", () => {
    const result = parseScenario(minimal.replace('version: "1.0"', 'version: !!str 1.0'), 'str.yaml');
    expect(result.ok && result.scenario.version).toBe('1.0');
  });

  it('reports a __proto__ key as an unknown field and does not touch Object.prototype', () => {
    const found = problems(
      parseScenario(
        minimal.replace('simulation: {}', 'simulation: {}\n__proto__: { polluted: true }'),
        'p.yaml',
      ),
    );
    expect(found.map((p) => `${p.line}:${p.column} ${p.path}`)).toEqual(['26:1 __proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws and always locates problems inside the text, whatever the input', () => {
    const fragments = fc.constantFrom(
      'id: x\n',
      'roles:\n',
      '  - id: a\n',
      '  - ',
      '[',
      ']',
      '{',
      '}',
      ': ',
      '&a ',
      '*a ',
      '!!js/x ',
      '"',
      "'",
      '\t',
      '---\n',
      '#',
      '- ',
      'null',
      '1e999',
      '\u{1F600}',
      '\r\n',
      'effects:\n    - type: capacity\n',
    );
    const inputs = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fragments, { maxLength: 40 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        const result = parseScenario(text, 'fuzz.yaml');
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const problem of result.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lineCount);
          expect(problem.column).toBeGreaterThanOrEqual(1);
          expect(problem.message.length).toBeGreaterThan(0);
        }
      }),
      { seed: 20240604, numRuns: 300 },
    );
  });
});
