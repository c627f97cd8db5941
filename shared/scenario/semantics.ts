import type { NumberOrParam, ScenarioEffect } from '../sim/effects';
import { checkModel } from './model-semantics';
import { type Entry, partsOfScenario, type ScenarioParts, type Section } from './parts';
import type { Action, DecisionRule, Role, Scenario } from './schema';
import { onStep } from './step-grid';
import { didYouMean } from './suggest';

/**
 * Cross-reference checks: the rules a single field cannot express. Every problem carries the path
 * of the field to fix, so the loader can point at its line. Checks that need a whole list (weights,
 * "each required role has something to decide", prerequisite cycles) run only when that list passed
 * the schema entirely; see parts.ts.
 */
export interface SemanticProblem {
  path: (string | number)[];
  message: string;
}

export function checkScenarioSemantics(scenario: Scenario): SemanticProblem[] {
  return checkScenarioParts(partsOfScenario(scenario));
}

export function checkScenarioParts(parts: ScenarioParts): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const report = (path: (string | number)[], message: string) => problems.push({ path, message });

  checkUniqueIds(parts, report);
  checkInjectNumbers(parts, report);
  checkRoles(parts, report);
  checkActions(parts, report);
  checkInjects(parts, report);
  checkObjectiveReferences(parts, report);
  checkTimes(parts, report);
  checkRubricWeights(parts, report);
  checkEveryRequiredRoleDecides(parts, report);
  checkPrerequisiteCycles(parts, report);
  checkModel(parts, report);
  return problems;
}

type Report = (path: (string | number)[], message: string) => void;

const KIND_NAMES = {
  roles: 'role',
  actions: 'action',
  injects: 'inject',
  objectives: 'objective',
  checkpoints: 'checkpoint',
  endStates: 'end state',
  rubric: 'rubric dimension',
} as const;

function at(section: Section<unknown>, index: number, ...rest: (string | number)[]): (string | number)[] {
  return [...section.path, index, ...rest];
}

function checkUniqueIds(parts: ScenarioParts, report: Report): void {
  for (const kind of Object.keys(KIND_NAMES) as (keyof typeof KIND_NAMES)[]) {
    const section = parts[kind] as Section<unknown>;
    const first = new Map<string, number>();
    for (const { index, value: id } of section.declared) {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, index);
      else {
        report(
          at(section, index, 'id'),
          `duplicate ${KIND_NAMES[kind]} id "${id}": ${[...section.path, earlier].join('.')} already uses it`,
        );
      }
    }
  }
}

function checkInjectNumbers(parts: ScenarioParts, report: Report): void {
  const first = new Map<number, Entry<{ id: string }>>();
  for (const entry of parts.injects.entries) {
    const earlier = first.get(entry.value.number);
    if (earlier === undefined) first.set(entry.value.number, entry);
    else {
      report(
        at(parts.injects, entry.index, 'number'),
        `inject number ${entry.value.number} is already used by inject "${earlier.value.id}" (injects.${earlier.index})`,
      );
    }
  }
}

/** Reports `id` when it is not among the ids declared in `section`. */
function checkReference(
  section: Section<unknown>,
  kind: keyof typeof KIND_NAMES,
  id: string,
  path: (string | number)[],
  report: Report,
): void {
  const ids = section.declared.map((d) => d.value);
  if (ids.includes(id)) return;
  const suggestion = didYouMean(id, ids);
  const known =
    suggestion || (ids.length > 0 && ids.length <= 12 ? `; known ${kind}: ${ids.join(', ')}` : '');
  report(path, `unknown ${KIND_NAMES[kind]} "${id}"${known}`);
}

function checkRoles(parts: ScenarioParts, report: Report): void {
  for (const { index, value: role } of parts.roles.entries) {
    if (role.players.min > role.players.max) {
      report(
        at(parts.roles, index, 'players', 'min'),
        `players.min (${role.players.min}) is greater than players.max (${role.players.max})`,
      );
    }
  }
}

function checkDecisionRule(
  rule: DecisionRule,
  path: (string | number)[],
  parts: ScenarioParts,
  report: Report,
) {
  rule.approvals.forEach((approval, i) => {
    checkReference(parts.roles, 'roles', approval.role, [...path, 'approvals', i, 'role'], report);
  });
  rule.vetoes.forEach((role, i) => {
    checkReference(parts.roles, 'roles', role, [...path, 'vetoes', i], report);
  });
  const voters = rule.vote?.voters;
  if (Array.isArray(voters)) {
    voters.forEach((role, i) => {
      checkReference(parts.roles, 'roles', role, [...path, 'vote', 'voters', i], report);
    });
  }
}

function isParamRef(value: unknown): value is { param: string; times?: number } {
  return value !== null && typeof value === 'object' && 'param' in value;
}

/** Every `{ param: x }` among an effect's fields, with the field's name. */
function paramRefs(effect: ScenarioEffect): { field: string; param: string; times: number }[] {
  return Object.entries(effect)
    .filter((entry): entry is [string, { param: string; times?: number }] => isParamRef(entry[1]))
    .map(([field, ref]) => ({ field, param: ref.param, times: ref.times ?? 1 }));
}

type ParameterRanges = Map<string, { min: number; max: number }>;

function checkParamRef(
  param: string,
  path: (string | number)[],
  parameters: ParameterRanges,
  report: Report,
): void {
  if (parameters.has(param)) return;
  const ids = [...parameters.keys()];
  const known =
    ids.length === 0
      ? '; this action declares no parameters'
      : didYouMean(param, ids) || `; parameters: ${ids.join(', ')}`;
  report(path, `unknown parameter "${param}"${known}`);
}

/** `parameters` is undefined for injects, which have none. */
function checkEffects(
  effects: ScenarioEffect[],
  path: (string | number)[],
  parameters: ParameterRanges | undefined,
  report: Report,
): void {
  effects.forEach((effect, i) => {
    for (const ref of paramRefs(effect)) {
      const refPath = [...path, i, ref.field, 'param'];
      if (parameters === undefined) {
        report(refPath, `injects have no parameters: write a number instead of { param: ${ref.param} }`);
      } else checkParamRef(ref.param, refPath, parameters, report);
    }
    if (effect.type === 'move-storage' && effect.from === effect.to) {
      report([...path, i, 'to'], `must differ from "from" (both are "${effect.to}")`);
    }
  });
}

/** The smallest value a cost can take over its parameter's range. */
function lowestValue(value: NumberOrParam, parameters: ParameterRanges): number {
  if (typeof value === 'number') return value;
  const range = parameters.get(value.param);
  if (range === undefined) return 0;
  const times = value.times ?? 1;
  return Math.min(range.min * times, range.max * times);
}

function checkActions(parts: ScenarioParts, report: Report): void {
  if (parts.decisionDefaults) checkDecisionRule(parts.decisionDefaults, ['decisionDefaults'], parts, report);
  for (const { index, value: action } of parts.actions.entries) {
    const path = at(parts.actions, index);
    action.proposers?.forEach((role, i) => {
      checkReference(parts.roles, 'roles', role, [...path, 'proposers', i], report);
    });
    if (action.decision) checkDecisionRule(action.decision, [...path, 'decision'], parts, report);
    action.prerequisites.forEach((id, i) => {
      if (id === action.id) report([...path, 'prerequisites', i], 'an action cannot be its own prerequisite');
      else checkReference(parts.actions, 'actions', id, [...path, 'prerequisites', i], report);
    });

    const parameters: ParameterRanges = new Map();
    action.parameters.forEach((parameter, i) => {
      const paramPath = [...path, 'parameters', i];
      if (parameters.has(parameter.id)) {
        report([...paramPath, 'id'], `duplicate parameter id "${parameter.id}" in this action`);
      }
      parameters.set(parameter.id, parameter);
      if (parameter.min > parameter.max) {
        report([...paramPath, 'max'], `must be at least min (${parameter.min}), got ${parameter.max}`);
      } else if (parameter.default < parameter.min || parameter.default > parameter.max) {
        report(
          [...paramPath, 'default'],
          `must lie between min (${parameter.min}) and max (${parameter.max}), got ${parameter.default}`,
        );
      } else if (!onStep(parameter.default, parameter.min, parameter.step)) {
        report(
          [...paramPath, 'default'],
          `must be min (${parameter.min}) plus a whole number of steps of ${parameter.step}, got ${parameter.default}`,
        );
      }
    });

    checkLimits(action, path, report);
    checkEffects(action.effects, [...path, 'effects'], parameters, report);
    for (const field of ['capexUsd', 'opexUsdPerMonth'] as const) {
      const value = action.cost[field];
      const costPath = [...path, 'cost', field];
      if (isParamRef(value) && !parameters.has(value.param)) {
        checkParamRef(value.param, [...costPath, 'param'], parameters, report);
      } else if (lowestValue(value, parameters) < 0) {
        report(costPath, 'a cost cannot be negative (model savings as effects, e.g. commit-spend)');
      }
    }

    if (action.proposers === undefined && parts.roles.complete) {
      const proposers = parts.roles.entries.filter((r) =>
        r.value.authority.propose.includes(action.category),
      );
      if (proposers.length === 0) {
        report(
          [...path, 'category'],
          `no role may propose this action: no role's authority.propose includes "${action.category}"; ` +
            "add the category to a role or list the action's proposers",
        );
      }
    }
  }
}

function checkInjects(parts: ScenarioParts, report: Report): void {
  for (const { index, value: inject } of parts.injects.entries) {
    const path = at(parts.injects, index);
    if (Array.isArray(inject.audience)) {
      inject.audience.forEach((role, i) => {
        checkReference(parts.roles, 'roles', role, [...path, 'audience', i], report);
      });
    }
    checkEffects(inject.effects, [...path, 'effects'], undefined, report);
  }
}

function checkObjectiveReferences(parts: ScenarioParts, report: Report): void {
  const lists: Section<{ objectives: string[] }>[] = [parts.injects, parts.checkpoints, parts.rubric];
  for (const section of lists) {
    for (const { index, value } of section.entries) {
      value.objectives.forEach((id, i) => {
        checkReference(parts.objectives, 'objectives', id, at(section, index, 'objectives', i), report);
      });
    }
  }
}

function checkTimes(parts: ScenarioParts, report: Report): void {
  const rounds = parts.rounds;
  if (rounds === undefined) return;
  const lastDay = rounds.count * rounds.daysPerRound;
  const unit = rounds.unit ?? 'days';
  const word = unit === 'days' ? 'day' : unit === 'hours' ? 'hour' : 'minute';
  const tooLate = (day: number) =>
    `${word} ${day} is after the exercise ends (${word} ${lastDay} = ${rounds.count} rounds x ${rounds.daysPerRound} ${unit})`;
  for (const { index, value: inject } of parts.injects.entries) {
    const trigger = inject.trigger;
    if (trigger.type === 'scheduled' && trigger.round > rounds.count) {
      report(
        at(parts.injects, index, 'trigger', 'round'),
        `round ${trigger.round} is after the last round (rounds.count is ${rounds.count})`,
      );
    }
    if (trigger.type === 'day' && trigger.day > lastDay) {
      report(at(parts.injects, index, 'trigger', 'day'), tooLate(trigger.day));
    }
  }
  for (const { index, value: checkpoint } of parts.checkpoints.entries) {
    if (checkpoint.day > lastDay) report(at(parts.checkpoints, index, 'day'), tooLate(checkpoint.day));
  }
  for (const { index, value: objective } of parts.objectives.entries) {
    if (objective.byDay !== undefined && objective.byDay > lastDay)
      report(at(parts.objectives, index, 'byDay'), tooLate(objective.byDay));
  }
}

function checkRubricWeights(parts: ScenarioParts, report: Report): void {
  if (!parts.rubric.complete || parts.rubric.entries.length === 0) return;
  const total = parts.rubric.entries.reduce((sum, e) => sum + e.value.weight, 0);
  // Weights are percentages such as 33.3; compare with a tolerance for binary fractions.
  if (Math.abs(total - 100) > 1e-6) {
    const weights = parts.rubric.entries.map((e) => `${e.value.id} ${e.value.weight}`).join(' + ');
    report(
      [...parts.rubric.path],
      `weights must add up to 100, but ${weights} = ${Number(total.toFixed(6))}`,
    );
  }
}

/** May `role` take part in deciding `action` (propose it, approve, veto or vote on it)? */
function decides(role: Role, action: Action, defaults: DecisionRule): boolean {
  const rule = action.decision ?? defaults;
  const proposes = action.proposers
    ? action.proposers.includes(role.id)
    : role.authority.propose.includes(action.category);
  const voters = rule.vote?.voters;
  const votes = voters !== undefined && (voters === 'all' ? role.authority.vote : voters.includes(role.id));
  return (
    proposes ||
    votes ||
    rule.approvals.some((a) => a.role === role.id) ||
    rule.vetoes.includes(role.id) ||
    role.authority.approve.includes(action.category) ||
    role.authority.veto.includes(action.category)
  );
}

function checkEveryRequiredRoleDecides(parts: ScenarioParts, report: Report): void {
  const defaults = parts.decisionDefaults;
  if (!parts.actions.complete || defaults === undefined) return;
  for (const { index, value: role } of parts.roles.entries) {
    if (!role.required) continue;
    if (parts.actions.entries.some((a) => decides(role, a.value, defaults))) continue;
    report(
      at(parts.roles, index),
      `required role "${role.id}" has nothing to decide: it may not propose any action and no action asks it ` +
        'to approve, veto or vote; give it authority over an action category, name it in a decision rule, ' +
        'or make it optional (required: false)',
    );
  }
}

/** An action in a prerequisite cycle can never be proposed; report each cycle once. */
function checkPrerequisiteCycles(parts: ScenarioParts, report: Report): void {
  if (!parts.actions.complete) return;
  const byId = new Map(parts.actions.entries.map((e) => [e.value.id, e]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    const entry = byId.get(id);
    for (const next of entry?.value.prerequisites ?? []) {
      if (next === id || !byId.has(next)) continue; // reported by checkActions
      if (state.get(next) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const from = byId.get(next)!;
        report(
          at(parts.actions, from.index, 'prerequisites'),
          `prerequisites form a cycle (${cycle.join(' -> ')}): none of these actions could ever be proposed`,
        );
      } else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of byId.keys()) if (state.get(id) === undefined) visit(id);
}

/** Repeat limits that cannot all hold: more a round than in the whole exercise, or repeats of a once-only action. */
function checkLimits(action: Action, path: (string | number)[], report: Report): void {
  const limits = action.limits;
  if (!limits) return;
  const { perRound, perExercise } = limits;
  if (perRound !== undefined && perExercise !== undefined && perRound > perExercise) {
    report(
      [...path, 'limits', 'perRound'],
      `perRound (${perRound}) is greater than perExercise (${perExercise}): the exercise limit would never let the round limit be reached`,
    );
  }
  if (!action.repeatable && perExercise !== undefined && perExercise > 1) {
    report(
      [...path, 'limits', 'perExercise'],
      `perExercise (${perExercise}) allows repeats, but the action is not repeatable: set repeatable: true or drop perExercise`,
    );
  }
  if (!action.repeatable && perRound !== undefined && perRound > 1) {
    report(
      [...path, 'limits', 'perRound'],
      `perRound (${perRound}) allows repeats, but the action is not repeatable: set repeatable: true or drop perRound`,
    );
  }
}
