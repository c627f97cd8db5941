import { parseDocument } from 'yaml';
import type { ScenarioProblem } from '../../../shared/scenario/problem';
import type { YamlPath } from '../../../shared/scenario/yaml-edit';

/**
 * Helpers of the author page (routes/author.tsx). The rules are the scenario code's own
 * (shared/scenario: parseScenario, replaceInjects, setYamlValue); these only adapt them to forms.
 */

/** A raw inject as the file holds it (maybe invalid while the author types). */
export type RawInject = Record<string, unknown> & { id?: unknown; number?: unknown; title?: unknown };

/** The problems at `path` or inside it (e.g. `injects.3` has `injects.3.from`). */
export function problemsAt(
  problems: readonly ScenarioProblem[],
  path: YamlPath,
  exact = false,
): ScenarioProblem[] {
  const key = path.join('.');
  return problems.filter((p) => p.path === key || (!exact && p.path.startsWith(`${key}.`)));
}

/** The file's injects as written, whatever their state: the MSEL editor works on these. */
export function rawInjects(text: string): RawInject[] {
  try {
    const injects: unknown = parseDocument(text).toJS()?.injects;
    return Array.isArray(injects) ? (injects.filter((i) => i && typeof i === 'object') as RawInject[]) : [];
  } catch {
    return [];
  }
}

/** A fresh inject for the timeline: the author still has to say who sends it (the form shows that problem). */
export function newInject(existing: readonly RawInject[], trigger: Record<string, unknown>): RawInject {
  const numbers = existing.map((i) => (typeof i.number === 'number' ? i.number : 0));
  const number = Math.max(0, ...numbers) + 1;
  const ids = new Set(existing.map((i) => i.id));
  let n = number;
  while (ids.has(`inject-${n}`)) n++;
  return {
    id: `inject-${n}`,
    number,
    title: 'New inject',
    trigger,
    audience: 'all',
    channel: 'email',
    from: '',
    subject: 'New inject',
    body: 'What happens.\n',
  };
}

/** How an inject is placed on the timeline. */
export function whenOf(inject: RawInject): { lane: string; order: number; label: string } {
  const trigger = (inject.trigger ?? {}) as Record<string, unknown>;
  switch (trigger.type) {
    case 'scheduled':
      return {
        lane: `Round ${String(trigger.round)}`,
        order: Number(trigger.round) * 10,
        label: `round ${String(trigger.round)}, ${String(trigger.phase)}`,
      };
    case 'day':
      return { lane: 'By simulated day', order: 1000, label: `day ${String(trigger.day)}` };
    case 'condition': {
      const c = (trigger.condition ?? {}) as Record<string, unknown>;
      return {
        lane: 'When a condition holds',
        order: 2000,
        label: `when ${String(c.metric)} ${String(c.comparison)} ${String(c.threshold)}`,
      };
    }
    default:
      return { lane: 'By hand (manual)', order: 3000, label: 'fired by hand' };
  }
}

export function audienceText(audience: unknown): string {
  return Array.isArray(audience) ? audience.join(', ') : 'all';
}
