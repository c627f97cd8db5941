import type { TimeUnit } from '../../sim/scenario-metrics-schema';

/** What a column holds. `ignore` is for mappings: "read nothing from this column". */
export const MSEL_FIELDS = [
  'number',
  'id',
  'title',
  'time',
  'triggerType',
  'round',
  'phase',
  'day',
  'conditionMetric',
  'conditionComparison',
  'conditionThreshold',
  'conditionWindowDays',
  'condition',
  'from',
  'audience',
  'channel',
  'subject',
  'body',
  'expectedActions',
  'discussionQuestions',
  'objectives',
  'facilitatorNotes',
  'contingency',
  'effects',
] as const;
export type MselField = (typeof MSEL_FIELDS)[number];
export type MselMappingTarget = MselField | 'ignore';

export interface MselColumn {
  field: MselField;
  /** The export's header. */
  header: string;
  /** Other headers read as this column (matched ignoring case, spaces and punctuation). */
  aliases: readonly string[];
}

/** The export's columns, in order, with the names other MSEL spreadsheets give them. */
export const MSEL_COLUMNS: readonly MselColumn[] = [
  {
    field: 'number',
    header: 'Inject number',
    aliases: ['#', 'No.', 'Number', 'Inject #', 'Inject no.'],
  },
  { field: 'id', header: 'Inject id', aliases: ['Id'] },
  { field: 'title', header: 'Title', aliases: ['Event synopsis', 'Synopsis', 'Event', 'Inject title'] },
  { field: 'time', header: 'Time', aliases: ['Scenario time', 'Exercise time', 'When', 'Timing'] },
  { field: 'triggerType', header: 'Trigger type', aliases: [] },
  { field: 'round', header: 'Round', aliases: ['Move'] },
  { field: 'phase', header: 'Phase', aliases: [] },
  {
    field: 'day',
    header: 'Day',
    // A scenario that counts in hours or minutes exports this column as "Hour" or "Minute" (stepHeader).
    aliases: ['Scenario day', 'Simulated day', 'Hour', 'Scenario hour', 'Minute', 'Scenario minute'],
  },
  { field: 'conditionMetric', header: 'Condition metric', aliases: ['Metric'] },
  { field: 'conditionComparison', header: 'Condition comparison', aliases: ['Comparison'] },
  { field: 'conditionThreshold', header: 'Condition threshold', aliases: ['Threshold'] },
  {
    field: 'conditionWindowDays',
    header: 'Condition window (days)',
    aliases: ['Condition window', 'Window days', 'Window'],
  },
  {
    field: 'condition',
    header: 'Condition',
    aliases: ['Trigger condition', 'Condition (JSON)'],
  },
  { field: 'from', header: 'From', aliases: ['Sender', 'Simulated sender', 'Source'] },
  {
    field: 'audience',
    header: 'To',
    aliases: ['Audience', 'Recipient', 'Recipients', 'Player', 'Players', 'Roles', 'Player role'],
  },
  { field: 'channel', header: 'Channel', aliases: ['Method', 'Delivery method', 'Medium'] },
  { field: 'subject', header: 'Subject', aliases: ['Headline'] },
  { field: 'body', header: 'Message', aliases: ['Body', 'Content', 'Inject text', 'Message text'] },
  {
    field: 'expectedActions',
    header: 'Expected player actions',
    aliases: ['Expected player action', 'Expected actions', 'Expected action', 'Expected response'],
  },
  { field: 'discussionQuestions', header: 'Discussion questions', aliases: ['Questions', 'Key questions'] },
  {
    field: 'objectives',
    header: 'Objectives',
    aliases: ['Objective', 'Capability', 'Objective / capability addressed', 'Objectives addressed'],
  },
  {
    field: 'facilitatorNotes',
    header: 'Facilitator notes',
    aliases: ['Notes', 'Controller notes', 'Controller instructions', 'Facilitator instructions'],
  },
  { field: 'contingency', header: 'Contingency', aliases: ['Contingency inject', 'Contingency flag'] },
  { field: 'effects', header: 'Effects', aliases: ['Simulation effects'] },
];

export const HEADER_OF = Object.fromEntries(MSEL_COLUMNS.map((c) => [c.field, c.header])) as Record<
  MselField,
  string
>;

/** The export's header of a column in a scenario counting time in `unit`: the Day column is "Hour" in hours. */
export function stepHeader(column: MselColumn, unit: TimeUnit = 'days'): string {
  if (column.field !== 'day' || unit === 'days') return column.header;
  return unit === 'hours' ? 'Hour' : 'Minute';
}

/** A, B, ..., Z, AA, AB, ...: how spreadsheets name column `index` (1-based). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
