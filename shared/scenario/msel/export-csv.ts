import Papa from 'papaparse';
import type { TimeUnit } from '../../sim/scenario-metrics-schema';
import { metricTestOf } from '../scenario-time';
import type { Inject, Scenario } from '../schema';
import { EVERYONE, protectFormula } from './cell-text';
import { MSEL_COLUMNS, type MselField, stepHeader } from './columns';
import { formatInjectTime } from './inject-time';

export function exportMselCsv(scenario: Scenario): string {
  const roleLabel = roleLabels(scenario);
  const unit = scenario.rounds.unit ?? 'days';
  const rows = scenario.injects.map((inject) => {
    const cells = cellsOf(inject, roleLabel, unit);
    return MSEL_COLUMNS.map((column) => protectFormula(cells[column.field]));
  });
  // RFC 4180 ends records with CRLF; line breaks inside a cell stay as written (LF).
  const csv = Papa.unparse(
    { fields: MSEL_COLUMNS.map((column) => stepHeader(column, unit)), data: rows },
    { newline: '\r\n' },
  );
  return `${csv}\r\n`;
}

/**
 * Role names read better than ids in a spreadsheet; a name is used only when it reads back as that
 * role alone (unique, not "all", no list separator in it), otherwise the id.
 */
function roleLabels(scenario: Scenario): (id: string) => string {
  const key = (text: string) => text.trim().toLowerCase();
  const labels = new Map(
    scenario.roles.map((role) => {
      const name = role.name.trim();
      const readsBack =
        !/[;,\n]/.test(name) &&
        !EVERYONE.has(key(name)) &&
        scenario.roles.every(
          (other) => other === role || (key(other.name) !== key(name) && other.id !== key(name)),
        );
      return [role.id, readsBack ? name : role.id];
    }),
  );
  return (id) => labels.get(id) ?? id;
}

/** List items are one per line in their cell; a line break inside an item would split it on import. */
function oneLine(item: string): string {
  return item.replace(/\s*\r?\n\s*/g, ' ');
}

/**
 * A condition that is one metric test fills the four condition cells; any other (a decision, a
 * delivery, time, or tests combined with all / any / not) is written whole, as compact JSON, in the
 * Condition cell, which reads back exactly; the Time cell says it in words either way.
 */
function cellsOf(
  inject: Inject,
  roleLabel: (id: string) => string,
  unit: TimeUnit,
): Record<MselField, string> {
  const trigger = inject.trigger;
  const condition = trigger.type === 'condition' ? metricTestOf(trigger.condition) : undefined;
  const whole =
    trigger.type === 'condition' && condition === undefined ? JSON.stringify(trigger.condition) : '';
  return {
    number: String(inject.number),
    id: inject.id,
    title: inject.title,
    time: formatInjectTime(trigger, unit),
    triggerType: trigger.type,
    round: trigger.type === 'scheduled' ? String(trigger.round) : '',
    phase: trigger.type === 'scheduled' ? trigger.phase : '',
    day: trigger.type === 'day' ? String(trigger.day) : '',
    conditionMetric: condition?.metric ?? '',
    conditionComparison: condition?.comparison ?? '',
    conditionThreshold: condition === undefined ? '' : String(condition.threshold),
    conditionWindowDays: condition?.windowDays === undefined ? '' : String(condition.windowDays),
    condition: whole,
    from: inject.from,
    audience: inject.audience === 'all' ? 'all' : inject.audience.map(roleLabel).join('; '),
    channel: inject.channel,
    subject: inject.subject,
    body: inject.body,
    expectedActions: inject.expectedActions.map(oneLine).join('\n'),
    discussionQuestions: inject.discussionQuestions.map(oneLine).join('\n'),
    objectives: inject.objectives.join('; '),
    facilitatorNotes: inject.facilitatorNotes,
    contingency: inject.contingency ? 'yes' : 'no',
    effects: inject.effects.length === 0 ? '' : JSON.stringify(inject.effects),
  };
}
