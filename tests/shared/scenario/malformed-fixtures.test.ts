import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatScenarioProblem, parseScenario } from '../../../shared/scenario';

const fixtures = new URL('./fixtures/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');

/** Each malformed fixture and exactly what the validator must say about it, where. */
const EXPECTED: Record<string, string[]> = {
  'missing-required-field.yaml': ['12:5 roles.0.name: required field "name" is missing'],
  'missing-nested-field.yaml': [
    '61:14 injects.0.trigger.phase: required field "phase" is missing; it must be one of: injects, deliberation, decision, resolution, review',
  ],
  'unknown-field.yaml': [
    '40:5 actions.0.color: unknown field "color"; allowed here: id, title, description, category, proposers, parameters, cost, leadTimeDays, effects, risks, prerequisites, repeatable, limits, decision',
  ],
  'misspelt-field.yaml': [
    '39:5 actions.0.leadTimDays: unknown field "leadTimDays" (did you mean "leadTimeDays"?)',
  ],
  'wrong-type.yaml': ['7:18 durationMinutes: must be a number, got text "thirty"'],
  'unquoted-version.yaml': [
    '5:10 version: must be text, got the number 1 (YAML reads 1.0 as a value, not text: put it in quotes, "1.0")',
  ],
  'empty-value.yaml': ['65:13 injects.0.subject: must be text, got an empty value'],
  'empty-text.yaml': ['4:8 title: must not be empty'],
  'empty-list.yaml': ['9:21 learningObjectives: must list at least one item'],
  'bad-enum.yaml': ['63:14 injects.0.channel: unknown channel "emial" (did you mean "email"?)'],
  'unknown-effect-type.yaml': [
    '41:15 actions.0.effects.0.type: unknown type "capacty"; must be one of: capacity, start-project, cache-hit-ratio, ' +
      'autoscaling, commit-spend, move-storage, hire, cancel-hires, on-call-rotation, weekly-hours, raise-level, compliance, ' +
      'feature-freeze, feature-launch, communication, arpu, funding, spend, traffic-spike, outage, cost-shock, morale, ' +
      'breach, regulator-deadline, competitor-launch, engineer-leaves, metric (did you mean "capacity"?)',
  ],
  'bad-id-format.yaml': [
    '78:9 endStates.0.id: must be lower-case letters, digits and dashes, e.g. "head-of-infra"; got text "User Exodus"',
  ],
  'number-out-of-range.yaml': ['49:10 rounds.count: must be at least 1, got the number 0'],
  'number-or-param-wrong.yaml': [
    '71:15 injects.0.effects.0.days: must be a number or a parameter reference such as { param: replicas }; got text "two"',
  ],
  'param-ref-malformed.yaml': [
    '43:35 actions.0.effects.0.delta.plus: unknown field "plus"; allowed here: param, times',
  ],
  'json-out-of-range.json': ['6:22 durationMinutes: must be at least 5, got the number 2'],
  'not-a-mapping.yaml': ['2:1 (root): must be a mapping (key: value), got a list'],
  'empty.yaml': ['1:1 (root): the file is empty; a scenario starts with id, title, version, ...'],
  // YAML itself
  'duplicate-key.yaml': [
    '61:5 injects.0.title: duplicate key "title": a key may appear only once in a mapping',
  ],
  'custom-tag.yaml': [
    '66:11 injects.0.body: the tag !!js/function is not allowed: scenario files use plain YAML values (text, numbers, true/false, lists and mappings) only',
  ],
  'local-tag.yaml': [
    '50:17 rounds.daysPerRound: the tag !days is not allowed: scenario files use plain YAML values (text, numbers, true/false, lists and mappings) only',
  ],
  'yaml-syntax.yaml': [
    '18:7 roles.0.authority.approve: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  'tab-indent.yaml': ['55:1 (root): a tab is used for indentation; YAML indents with spaces only'],
  'multiple-documents.yaml': [
    '92:1 (root): a scenario file holds a single YAML document; remove the extra "---"',
  ],
  'billion-laughs.yaml': [
    '3:8 b.0: aliases (*name) expand to 1234567880 more values (limit 100000); the file was refused, as it ' +
      'multiplies its content the way a "billion laughs" attack does',
  ],
  // semantic checks
  'duplicate-id.yaml': [
    '87:11 scoring.rubric.1.id: duplicate rubric dimension id "leadership": scoring.rubric.0 already uses it',
  ],
  'duplicate-inject-number.yaml': [
    '73:13 injects.1.number: inject number 1 is already used by inject "db-saturation" (injects.0)',
  ],
  'unknown-role.yaml': [
    '46:17 actions.0.decision.approvals.0.role: unknown role "cf0" (did you mean "cfo"?)',
  ],
  'unknown-audience.yaml': ['62:22 injects.0.audience.1: unknown role "legal" (did you mean "lead"?)'],
  'unknown-prerequisite.yaml': [
    '40:21 actions.0.prerequisites.0: unknown action "shard-database"; known actions: add-replicas',
  ],
  'unknown-objective.yaml': [
    '56:18 checkpoints.0.objectives.0: unknown objective "uptime"; known objectives: availability',
  ],
  'unknown-parameter.yaml': [
    '43:25 actions.0.effects.0.delta.param: unknown parameter "replica" (did you mean "replicas"?)',
  ],
  'inject-parameter.yaml': [
    '70:30 injects.0.effects.0.multiplier.param: injects have no parameters: write a number instead of { param: replicas }',
  ],
  'parameter-default-out-of-range.yaml': [
    '36:18 actions.0.parameters.0.default: must lie between min (1) and max (10), got 20',
  ],
  'parameter-default-off-step.yaml': [
    '36:18 actions.0.parameters.0.default: must be min (1) plus a whole number of steps of 1, got 2.5',
  ],
  'players-min-above-max.yaml': [
    '25:21 roles.1.players.min: players.min (3) is greater than players.max (2)',
  ],
  'weights-not-100.yaml': [
    '83:5 scoring.rubric: weights must add up to 100, but leadership 60 + strategy 30 = 90',
  ],
  'round-after-last.yaml': [
    '61:40 injects.0.trigger.round: round 4 is after the last round (rounds.count is 3)',
  ],
  'day-after-end.yaml': [
    '76:12 objectives.0.byDay: day 31 is after the exercise ends (day 30 = 3 rounds x 10 days)',
  ],
  'role-with-nothing-to-decide.yaml': [
    '25:5 roles.2: required role "press-officer" has nothing to decide: it may not propose any action and no action ' +
      'asks it to approve, veto or vote; give it authority over an action category, name it in a decision rule, ' +
      'or make it optional (required: false)',
  ],
  'move-storage-same-tier.yaml': ['71:13 injects.0.effects.0.to: must differ from "from" (both are "hot")'],
  'limits-per-round-above-per-exercise.yaml': [
    '45:25 actions.0.limits.perRound: perRound (3) is greater than perExercise (2): the exercise limit would never let the round limit be reached',
  ],
  'limits-zero.yaml': ['45:17 actions.0.limits.perRound: must be at least 1, got the number 0'],
  'negative-cost.yaml': [
    '38:24 actions.0.cost.opexUsdPerMonth: a cost cannot be negative (model savings as effects, e.g. commit-spend)',
  ],
  // all at once
  'several-problems.yaml': [
    '10:1 facilitator: unknown field "facilitator"; allowed here: $schema, id, title, version, summary, durationMinutes, ' +
      'audience, learningObjectives, roles, model, simulation, metrics, categories, channels, dashboard, modules, decisionDefaults, actions, rounds, checkpoints, injects, ' +
      'objectives, endStates, scoring',
    '19:5 roles.1.name: required field "name" is missing',
    '36:17 actions.0.decision.approvals.0.role: unknown role "cf0" (did you mean "cfo"?)',
    '46:14 injects.0.channel: unknown channel "twitter"; known: news, email, pager, chat, board-memo, phone',
    '53:5 injects.1.title: duplicate key "title": a key may appear only once in a mapping',
    '54:32 injects.1.trigger.day: day 45 is after the exercise ends (day 30 = 3 rounds x 10 days)',
    '66:5 scoring.rubric: weights must add up to 100, but leadership 60 + strategy 30 = 90',
  ],
};

describe('malformed scenario fixtures', () => {
  it.each(Object.entries(EXPECTED))(
    '%s: reports exactly the expected problems at their line:column',
    (name, expected) => {
      const result = parseScenario(read(name), name);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map(formatScenarioProblem)).toEqual(expected.map((line) => `${name}:${line}`));
    },
  );

  it('has at least 20 malformed fixtures, and every fixture file is in the table', () => {
    const files = readdirSync(fixtures).filter((f) => f !== 'minimal.yaml');
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it('reports every problem of a file with several, from YAML, the schema and the semantic checks', () => {
    const result = parseScenario(read('several-problems.yaml'), 'several-problems.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(new Set(result.problems.map((p) => p.code))).toEqual(
      new Set(['schema', 'semantic', 'duplicate-key']),
    );
    expect(result.problems).toHaveLength(7);
  });
});
