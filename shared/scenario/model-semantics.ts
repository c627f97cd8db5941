import type { ScenarioEffect } from '../sim/effects';
import { METRIC_NAMES } from '../sim/metrics';
import { type Condition, conditionAtoms } from './condition-schema';
import type { ScenarioParts, Section } from './parts';
import { ACTION_CATEGORIES, CHANNELS } from './schema';
import { didYouMean } from './suggest';

/**
 * The checks of what a scenario declares of its own model (issue 16): its metrics and their
 * dynamics, the categories, channels and tiles it names, its modules, what its conditions refer
 * to, and which effects need the infrastructure model. Every problem carries the path to fix.
 */

type Report = (path: (string | number)[], message: string) => void;

const at = (section: Section<unknown>, index: number, ...rest: (string | number)[]) => [
  ...section.path,
  index,
  ...rest,
];

function unknown(kind: string, id: string, known: readonly string[]): string {
  const hint =
    didYouMean(id, known) || (known.length > 0 && known.length <= 12 ? `; known: ${known.join(', ')}` : '');
  return `unknown ${kind} "${id}"${hint}`;
}

/** The metrics a scenario may test and chart: the infrastructure model's (when it runs) and its own. */
function knownMetricIds(parts: ScenarioParts): string[] {
  const own = parts.metrics.declared.map((d) => d.value);
  return parts.infrastructure ? [...METRIC_NAMES, ...own] : own;
}

export function checkModel(parts: ScenarioParts, report: Report): void {
  const metrics = knownMetricIds(parts);
  const own = parts.metrics.declared.map((d) => d.value);
  const first = new Map<string, number>();
  for (const { index, value: id } of parts.metrics.declared) {
    if (first.has(id)) report(at(parts.metrics, index, 'id'), `duplicate metric id "${id}"`);
    else first.set(id, index);
    if (parts.infrastructure && (METRIC_NAMES as readonly string[]).includes(id))
      report(
        at(parts.metrics, index, 'id'),
        `"${id}" is an infrastructure metric already; choose another id`,
      );
  }
  for (const { index, value: metric } of parts.metrics.entries) {
    if (metric.min > metric.max)
      report(at(parts.metrics, index, 'min'), `min (${metric.min}) is greater than max (${metric.max})`);
    else if (metric.start < metric.min || metric.start > metric.max)
      report(
        at(parts.metrics, index, 'start'),
        `start (${metric.start}) is outside min..max (${metric.min}..${metric.max})`,
      );
    metric.dynamics.forEach((dynamic, i) => {
      if ((dynamic.type === 'coupling' || dynamic.type === 'table') && !metrics.includes(dynamic.metric))
        report(at(parts.metrics, index, 'dynamics', i, 'metric'), unknown('metric', dynamic.metric, metrics));
      if (
        dynamic.type === 'coupling' &&
        dynamic.min !== undefined &&
        dynamic.max !== undefined &&
        dynamic.min > dynamic.max
      )
        report(
          at(parts.metrics, index, 'dynamics', i, 'min'),
          `min (${dynamic.min}) is greater than max (${dynamic.max})`,
        );
      if (dynamic.type === 'table') {
        dynamic.points.forEach((point, k) => {
          const before = dynamic.points[k - 1];
          if (before && point[0] <= before[0])
            report(
              at(parts.metrics, index, 'dynamics', i, 'points', k),
              `points must be in ascending order of the first number (${point[0]} follows ${before[0]})`,
            );
        });
      }
    });
  }

  const unit = parts.rounds?.unit ?? 'days';
  if (parts.infrastructure && unit !== 'days')
    report(
      ['rounds', 'unit'],
      `the infrastructure model steps in days: use unit days, or set model.infrastructure: false`,
    );
  if (!parts.infrastructure && own.length === 0)
    report(['metrics'], 'with model.infrastructure false the scenario needs metrics of its own');

  const categories = parts.categories.length > 0 ? parts.categories : [...ACTION_CATEGORIES];
  const channels = [...CHANNELS, ...parts.channels];
  for (const { index, value: role } of parts.roles.entries) {
    for (const kind of ['propose', 'approve', 'veto'] as const) {
      role.authority[kind].forEach((category, i) => {
        if (!categories.includes(category))
          report(
            at(parts.roles, index, 'authority', kind, i),
            unknown('action category', category, categories),
          );
      });
    }
  }
  for (const { index, value: category } of parts.actionCategories)
    if (!categories.includes(category))
      report(at(parts.actions, index, 'category'), unknown('action category', category, categories));
  for (const { index, value: channel } of parts.injectChannels)
    if (!channels.includes(channel))
      report(at(parts.injects, index, 'channel'), unknown('channel', channel, channels));
  for (const { index, value: action } of parts.actions.entries) {
    checkModelEffects(parts, action.effects, [...at(parts.actions, index), 'effects'], report);
    const price = [action.cost.capexUsd, action.cost.opexUsdPerMonth];
    if (!parts.infrastructure && price.some((x) => x !== 0))
      report(
        [...at(parts.actions, index), 'cost'],
        'without the infrastructure model there is no cash to pay from: give the cost as a metric effect on a money metric of your own',
      );
  }
  for (const { index, value: inject } of parts.injects.entries) {
    checkModelEffects(parts, inject.effects, [...at(parts.injects, index), 'effects'], report);
    if (inject.trigger.type === 'condition')
      checkCondition(
        parts,
        inject.trigger.condition,
        [...at(parts.injects, index), 'trigger', 'condition'],
        report,
      );
  }
  for (const { index, value: objective } of parts.objectives.entries) {
    const path = at(parts.objectives, index);
    if (objective.rated && objective.test !== undefined)
      report([...path, 'test'], 'a rated objective is judged by evaluators: remove test, or remove rated');
    if (!objective.rated && objective.test === undefined)
      report([...path, 'test'], 'give a test (with byDay), or rated: true for a capability evaluators rate');
    if (!objective.rated && objective.byDay === undefined)
      report([...path, 'byDay'], 'a tested objective needs byDay: when the test is taken');
    if (objective.test) checkCondition(parts, objective.test, [...path, 'test'], report);
  }
  for (const { index, value: end } of parts.endStates.entries)
    checkCondition(parts, end.condition, [...at(parts.endStates, index), 'condition'], report);

  if (parts.tiles)
    parts.tiles.forEach((tile, i) => {
      if (!metrics.includes(tile)) report(['dashboard', 'tiles', i], unknown('metric', tile, metrics));
    });
  const count = parts.rounds?.count;
  for (const { index, value: module } of parts.modules.entries) {
    module.rounds.forEach((round, i) => {
      if (count !== undefined && round > count)
        report(
          at(parts.modules, index, 'rounds', i),
          `round ${round} is after the last round (rounds.count is ${count})`,
        );
    });
  }
}

function checkModelEffects(
  parts: ScenarioParts,
  effects: ScenarioEffect[],
  path: (string | number)[],
  report: Report,
) {
  const own = parts.metrics.declared.map((d) => d.value);
  effects.forEach((effect, i) => {
    if (effect.type === 'metric') {
      if (!own.includes(effect.metric))
        report([...path, i, 'metric'], unknown('scenario metric', effect.metric, own));
      const value = effect.value;
      if (typeof value === 'object' && 'between' in value && value.between[0] > value.between[1])
        report([...path, i, 'value', 'between'], 'the first number must not be greater than the second');
    } else if (!parts.infrastructure && effect.type !== 'spend')
      report(
        [...path, i, 'type'],
        `a ${effect.type} effect needs the infrastructure model (model.infrastructure is false): use a metric effect`,
      );
  });
}

function checkCondition(
  parts: ScenarioParts,
  condition: Condition,
  path: (string | number)[],
  report: Report,
) {
  const metrics = knownMetricIds(parts);
  const actions = parts.actions.declared.map((d) => d.value);
  const injects = parts.injects.declared.map((d) => d.value);
  // Paths point at the condition as a whole when it is nested; a single atom gets its own field.
  const single = !('all' in condition || 'any' in condition || 'not' in condition);
  for (const atom of conditionAtoms(condition)) {
    const where = (field: string) => (single ? [...path, field] : path);
    if ('metric' in atom && !metrics.includes(atom.metric))
      report(where('metric'), unknown('metric', atom.metric, metrics));
    if ('action' in atom && !actions.includes(atom.action))
      report(where('action'), unknown('action', atom.action, actions));
    if ('vote' in atom) {
      if (!actions.includes(atom.vote)) report(where('vote'), unknown('action', atom.vote, actions));
      else {
        const action = parts.actions.entries.find((e) => e.value.id === atom.vote)?.value;
        const rule = action?.decision ?? parts.decisionDefaults;
        if (action && rule && !rule.vote)
          report(where('vote'), `action "${atom.vote}" is not decided by a vote`);
      }
    }
    if ('inject' in atom && !injects.includes(atom.inject))
      report(where('inject'), unknown('inject', atom.inject, injects));
  }
}
