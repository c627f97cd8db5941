import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exportMselCsv,
  formatInjectTime,
  formatMselProblem,
  type ImportMselOptions,
  type ImportMselResult,
  importMselCsv,
  MSEL_COLUMNS,
  parseInjectTime,
  replaceInjects,
} from '../../../shared/scenario/msel/index';
import { parseScenario } from '../../../shared/scenario/parse';
import {
  type InjectTrigger,
  injectSchema,
  type Scenario,
  scenarioSchema,
} from '../../../shared/scenario/schema';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function load(file: string): Scenario {
  const result = parseScenario(readFileSync(path.join(root, file), 'utf8'), file);
  if (!result.ok)
    throw new Error(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return result.scenario;
}

/** The minimal fixture (roles "lead" = Head of Infrastructure and "cfo" = CFO; 3 rounds of 10 days) with a varied MSEL. */
const scenario: Scenario = scenarioSchema.parse({
  ...load('tests/shared/scenario/fixtures/minimal.yaml'),
  injects: [
    {
      id: 'db-saturation',
      number: 1,
      title: 'Database saturation, again',
      trigger: { type: 'scheduled', round: 2, phase: 'deliberation' },
      audience: ['lead', 'cfo'],
      channel: 'pager',
      from: 'PagerDuty, "primary-01"',
      subject: '=HYPERLINK("http://example.test","click")',
      body: 'The primary is **saturated**, again.\nConnections: 4,990 / 5,000; "retry storms".\n',
      expectedActions: ['Deploy a pooler, then replicas.', 'Post a "status" update.'],
      discussionQuestions: ['Why not add app servers?'],
      objectives: ['availability'],
      effects: [{ type: 'outage', target: 'database', hours: 3 }],
      facilitatorNotes: 'Line one.\nLine two, with a comma.',
    },
    {
      id: 'celebrity',
      number: 2,
      title: 'A celebrity joins',
      trigger: { type: 'day', day: 14 },
      channel: 'chat',
      from: 'Growth team',
      subject: 'Traffic 2x',
      body: '- a list item\n- another one',
      effects: [{ type: 'communication', userTrust: -4, investorConfidence: -2 }],
    },
    {
      id: 'slow-feed',
      number: 3,
      title: 'The feed is slow',
      trigger: {
        type: 'condition',
        condition: { metric: 'p95-latency-ms', comparison: '>', threshold: 2000, windowDays: 7 },
      },
      audience: ['cfo'],
      channel: 'email',
      from: 'Support',
      subject: '+1 on the complaints',
      body: 'Users complain.',
    },
    {
      id: 'breach',
      number: 4,
      title: 'Leaked password',
      trigger: { type: 'manual' },
      channel: 'phone',
      from: '@security',
      subject: 'Rotate now',
      body: 'A password is public.',
      contingency: true,
    },
    {
      id: 'availability-dip',
      number: 5,
      title: 'Availability dips',
      trigger: {
        type: 'condition',
        condition: { metric: 'availability', comparison: '<', threshold: -0.5 },
      },
      channel: 'news',
      from: 'Press',
      subject: 'Down again',
      body: 'Outage.',
    },
  ],
});

function ok(result: ImportMselResult) {
  if (!result.ok) throw new Error(result.problems.map(formatMselProblem).join('\n'));
  return result;
}

function problems(result: ImportMselResult): string[] {
  if (result.ok) throw new Error('expected problems, the MSEL imported');
  return result.problems.map(formatMselProblem);
}

const importText = (text: string, options: Partial<ImportMselOptions> = {}) =>
  importMselCsv(text, { fileName: 'msel.csv', ...options });

const header = MSEL_COLUMNS.map((c) => c.header);

describe('exportMselCsv', () => {
  const csv = exportMselCsv(scenario);
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  const cell = (row: number, name: string) => rows[row]![header.indexOf(name)];

  it('writes a header row with the HSEEP/Conducttr columns and one row per inject', () => {
    expect(rows[0]).toEqual(header);
    expect(header.slice(0, 4)).toEqual(['Inject number', 'Inject id', 'Title', 'Time']);
    expect(rows).toHaveLength(1 + scenario.injects.length);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes times, audiences, lists, flags and effects the way a facilitator reads them', () => {
    expect(rows.slice(1).map((_, i) => cell(i + 1, 'Time'))).toEqual([
      'Round 2 · deliberation',
      'Day 14',
      'When p95-latency-ms > 2000 (7-day mean)',
      'Manual',
      'When availability < -0.5',
    ]);
    expect(cell(1, 'To')).toBe('Head of Infrastructure; CFO');
    expect(cell(2, 'To')).toBe('all');
    expect(cell(1, 'Expected player actions')).toBe(
      'Deploy a pooler, then replicas.\nPost a "status" update.',
    );
    expect(cell(1, 'Objectives')).toBe('availability');
    expect([cell(1, 'Contingency'), cell(4, 'Contingency')]).toEqual(['no', 'yes']);
    expect(cell(1, 'Effects')).toBe('[{"type":"outage","target":"database","hours":3}]');
    expect(cell(2, 'Effects')).toBe('[{"type":"communication","userTrust":-4,"investorConfidence":-2}]');
    expect(cell(3, 'Trigger type')).toBe('condition');
    expect([3, 5].map((row) => cell(row, 'Condition window (days)'))).toEqual(['7', '']);
    expect([cell(1, 'Round'), cell(1, 'Phase'), cell(1, 'Day')]).toEqual(['2', 'deliberation', '']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csv).toContain('"PagerDuty, ""primary-01"""');
    expect(csv).toContain(
      '"The primary is **saturated**, again.\nConnections: 4,990 / 5,000; ""retry storms"".\n"',
    );
  });

  it('writes text a spreadsheet would run as a formula with a leading apostrophe, but not plain numbers', () => {
    expect(cell(1, 'Subject')).toBe(`'=HYPERLINK("http://example.test","click")`);
    expect(cell(2, 'Message')).toBe(`'- a list item\n- another one`);
    expect(cell(3, 'Subject')).toBe(`'+1 on the complaints`);
    expect(cell(4, 'From')).toBe(`'@security`);
    expect(cell(5, 'Condition threshold')).toBe('-0.5');
  });
});

describe('exportMselCsv then importMselCsv', () => {
  const shipped = readdirSync(path.join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));

  it('has shipped scenarios to round-trip', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(2);
  });

  it.each(shipped)('gives back the injects of scenarios/%s exactly', (file) => {
    const original = load(`scenarios/${file}`);
    expect(original.injects.length).toBeGreaterThan(0);
    const result = ok(importText(exportMselCsv(original), { scenario: original }));
    expect(result.injects.map((inject) => injectSchema.parse(inject))).toEqual(original.injects);
    expect(result.ignoredColumns).toEqual([]);
  });

  it('gives back text with commas, quotes, line breaks and formula characters exactly', () => {
    const result = ok(importText(exportMselCsv(scenario), { scenario }));
    expect(result.injects.map((inject) => injectSchema.parse(inject))).toEqual(scenario.injects);
  });

  it('leaves defaults out of the imported injects, as a scenario file would', () => {
    const result = ok(importText(exportMselCsv(scenario), { scenario }));
    expect(result.injects[1]).toEqual({
      id: 'celebrity',
      number: 2,
      title: 'A celebrity joins',
      trigger: { type: 'day', day: 14 },
      channel: 'chat',
      from: 'Growth team',
      subject: 'Traffic 2x',
      body: '- a list item\n- another one',
      effects: [{ type: 'communication', userTrust: -4, investorConfidence: -2 }],
    });
  });
});

describe('exportMselCsv then importMselCsv on arbitrary text', () => {
  // Characters that CSV and spreadsheets treat specially: separators, quotes, line breaks, formula starts.
  const tricky = ['a', 'Z', ' ', ',', ';', '"', "'", '\n', '\t', '=', '+', '-', '@', '#', '·', 'é', '1'];
  const text = (options: { lineBreaks: boolean }) =>
    fc
      .string({
        unit: fc.constantFrom(...tricky.filter((c) => options.lineBreaks || c !== '\n')),
        minLength: 1,
        maxLength: 24,
      })
      .filter((value) => value.trim() !== '');

  it('gives back every text field exactly', () => {
    fc.assert(
      fc.property(
        text({ lineBreaks: true }),
        text({ lineBreaks: true }),
        text({ lineBreaks: true }),
        text({ lineBreaks: true }),
        fc.array(text({ lineBreaks: false }), { maxLength: 3 }),
        fc.option(text({ lineBreaks: true }), { nil: undefined }),
        (title, from, subject, body, expectedActions, facilitatorNotes) => {
          const inject = injectSchema.parse({
            id: 'arbitrary',
            number: 1,
            title,
            trigger: { type: 'manual' },
            channel: 'news',
            from,
            subject,
            body,
            expectedActions,
            ...(facilitatorNotes === undefined ? {} : { facilitatorNotes }),
          });
          const csv = exportMselCsv({ ...scenario, injects: [inject] });
          const result = ok(importText(csv, { scenario }));
          expect(result.injects.map((i) => injectSchema.parse(i))).toEqual([inject]);
        },
      ),
      { seed: 20240611, numRuns: 200 },
    );
  });
});

describe('importMselCsv reads references and trigger columns', () => {
  const head = 'Inject number,Title,Trigger type,Round,Phase,Day,From,To,Channel,Subject,Message,Objectives';

  it('reads objectives by id or title, and roles by id or name, when the scenario is known', () => {
    const text = [
      head,
      '1,T,scheduled,1,injects,,Ops,cfo; head of infrastructure,pager,S,B,99.9% Availability',
    ].join('\n');
    expect(ok(importText(text, { scenario })).injects[0]).toMatchObject({
      audience: ['cfo', 'lead'],
      objectives: ['availability'],
    });
    const unknown = [head, '1,T,,,,3,Ops,all,pager,S,B,uptime'].join('\n');
    expect(problems(importText(unknown, { scenario }))).toEqual([
      'msel.csv:2:12 objectives: unknown objective "uptime"; objectives: availability (column L)',
    ]);
  });

  it('infers the trigger type from the filled cells, and reports cells that contradict it', () => {
    const text = [
      head,
      '1,Inferred day,,,,3,Ops,all,pager,S,B,', // 2
      '2,Day with a round,day,2,,3,Ops,all,pager,S,B,', // 3
      '3,Round and day,,2,,3,Ops,all,pager,S,B,', // 4
      '4,No time,,,,,Ops,all,pager,S,B,', // 5
      '5,Unknown type,sometimes,,,,Ops,all,pager,S,B,', // 6
    ].join('\n');
    expect(problems(importText(text))).toEqual([
      'msel.csv:3:4 trigger: the trigger type is day, which has no Round; clear the cell or change the trigger type (column D)',
      'msel.csv:4:6 trigger: Round, Day are all filled, so the row gives more than one time; fill a Trigger type or clear the cells that do not apply (column F)',
      'msel.csv:5:3 trigger: the row does not say when the inject fires; write e.g. "Round 2 · deliberation", "R2 deliberation", "Day 14", "When availability < 0.99 (7-day mean)", "When action <id> applied" or "Manual" (column C)',
      'msel.csv:6:3 trigger.type: unknown type "sometimes"; must be one of: scheduled, day, condition, manual (column C)',
    ]);
  });

  it('writes role ids where a role name would not read back as that role alone', () => {
    const twins = scenarioSchema.parse({
      ...scenario,
      roles: [
        { ...scenario.roles[0]!, name: 'Lead' },
        { ...scenario.roles[1]!, name: 'lead' },
      ],
    });
    const csv = exportMselCsv(twins);
    expect(Papa.parse<string[]>(csv).data[1]![header.indexOf('To')]).toBe('lead; cfo');
    const result = ok(importText(csv, { scenario: twins }));
    expect(result.injects[0]!.audience).toEqual(['lead', 'cfo']);
  });
});

describe('importMselCsv from a spreadsheet', () => {
  // An Excel export in a locale that separates with ";": byte-order mark, CRLF, HSEEP-style headers,
  // no id column, a status column the engine does not keep, and one column only a mapping explains.
  const spreadsheet = [
    '\uFEFF#;Event synopsis;Scenario time;Method;Recipient;Sender;Summary line;Body;Expected player action;Controller instructions;Status;Sim effects JSON;Capability',
    '1;Database saturation;R1 injects;Pager alert;Head of Infrastructure;Monitoring;Primary at 95% CPU;"The primary is **saturated**.\r\nAct now.";"Deploy a pooler.\r\nAdd replicas.";Watch who asks about the pooler.;ready;"[{""type"":""outage"",""target"":""database"",""hours"":3}]";availability',
    '2;A celebrity joins;Day 14;Press;All;Growth team;Traffic 2x;A pop star posted.;;;sent;;',
    '3;Leaked password;manual;E-mail;cfo, Head of Infrastructure;Security;Password leaked;Rotate it.;;;ready;[{ type: breach, severity: 0.5 }];',
    ';;;;;;;;;;;;',
  ].join('\r\n');
  const mapping = { 'Sim effects JSON': 'effects', 'summary line': 'Subject' };

  it('reads aliased headers, a custom mapping, role names, channel names and YAML or JSON effects', () => {
    const result = ok(importText(spreadsheet, { mapping, scenario }));
    expect(result.injects).toEqual([
      {
        id: 'database-saturation',
        number: 1,
        title: 'Database saturation',
        trigger: { type: 'scheduled', round: 1, phase: 'injects' },
        audience: ['lead'],
        channel: 'pager',
        from: 'Monitoring',
        subject: 'Primary at 95% CPU',
        body: 'The primary is **saturated**.\nAct now.',
        expectedActions: ['Deploy a pooler.', 'Add replicas.'],
        objectives: ['availability'],
        effects: [{ type: 'outage', target: 'database', hours: 3 }],
        facilitatorNotes: 'Watch who asks about the pooler.',
      },
      {
        id: 'a-celebrity-joins',
        number: 2,
        title: 'A celebrity joins',
        trigger: { type: 'day', day: 14 },
        channel: 'news',
        from: 'Growth team',
        subject: 'Traffic 2x',
        body: 'A pop star posted.',
      },
      {
        id: 'leaked-password',
        number: 3,
        title: 'Leaked password',
        trigger: { type: 'manual' },
        audience: ['cfo', 'lead'],
        channel: 'email',
        from: 'Security',
        subject: 'Password leaked',
        body: 'Rotate it.',
        effects: [{ type: 'breach', severity: 0.5 }],
      },
    ]);
    expect(result.ignoredColumns).toEqual([{ column: 11, header: 'Status', reason: 'not an MSEL column' }]);
  });

  it('without the mapping, says which columns are missing and which ignored column may be meant', () => {
    expect(problems(importText(spreadsheet, { scenario }))).toEqual([
      `msel.csv:1:1 (header): no column holds the inject's subject; name one "Subject"`,
    ]);
    const misspelt = spreadsheet.replace('Summary line', 'Subjekt');
    expect(problems(importText(misspelt, { scenario }))).toEqual([
      `msel.csv:1:1 (header): no column holds the inject's subject; name one "Subject", or map the column G "Subjekt" with "Subjekt=subject"`,
    ]);
  });

  it('lets a mapping take a field from another column than the one named after it', () => {
    const text = [
      '#,Title,Event synopsis,Time,Channel,From,Subject,Message',
      '1,DB-1,Database saturation,Day 2,pager,Ops,S,B',
    ].join('\n');
    const result = ok(importText(text, { mapping: { 'Event synopsis': 'title' } }));
    expect(result.injects[0]).toMatchObject({ id: 'database-saturation', title: 'Database saturation' });
    expect(result.ignoredColumns).toEqual([
      { column: 2, header: 'Title', reason: 'the mapping reads title from another column' },
    ]);
  });

  it('maps columns to fields by field name or by their path in the scenario file', () => {
    const text = ['#,Title,Turn,Stage,Channel,From,Subject,Text', '1,T,2,decision,pager,Ops,S,B'].join('\n');
    const mapping = { Turn: 'trigger.round', Stage: 'trigger.phase', Text: 'body' };
    expect(ok(importText(text, { mapping })).injects[0]).toMatchObject({
      trigger: { type: 'scheduled', round: 2, phase: 'decision' },
      body: 'B',
    });
  });

  it('reports a mapping that names a missing column or an unknown field, and two columns for one field', () => {
    const text = [
      '#,Title,Time,Channel,From,Subject,Message,Notes,Controller instructions',
      '1,T,Day 2,pager,Ops,S,B,,',
    ].join('\n');
    expect(problems(importText(text, { mapping: { Sender: 'from', Message: 'bodyy' } }))).toEqual([
      'msel.csv:1:1 (header): the mapping names a column "Sender" that the file does not have; its columns are: #, Title, Time, Channel, From, Subject, Message, Notes, Controller instructions',
      'msel.csv:1:7 (header): the mapping sends column "Message" to "bodyy", which is not a field (did you mean "body"?)',
      'msel.csv:1:9 (header): columns H "Notes" and I "Controller instructions" both hold facilitatorNotes; rename one, or map it with "Controller instructions=ignore"',
    ]);
    expect(ok(importText(text, { mapping: { 'Controller instructions': 'ignore' } })).injects).toHaveLength(
      1,
    );
  });
});

describe('importMselCsv reports malformed rows', () => {
  const malformed = [
    'Inject number,Inject id,Title,Time,Round,Phase,From,To,Channel,Subject,Message', // 1
    '1,ok-one,Fine,Round 1 · injects,,,Monitoring,all,pager,Subject,"A body that', // 2
    'spans two lines, with a comma"', // 3
    '2,bad-channel,Bad channel,Day 3,,,Monitoring,all,twitter,Subject,Body', // 4
    '3,bad-phase,Bad phase,Round 2 · debate,,,Monitoring,all,email,Subject,Body', // 5
    '4,late-round,Late round,,7,review,Monitoring,all,email,Subject,Body', // 6
    '5,no-subject,No subject,Day 2,,,Monitoring,all,email,,Body', // 7
    'two,bad-number,Bad number,Day 2,,,Monitoring,all,email,Subject,Body', // 8
    '7,several,Several,Round 1 · nap,,,Monitoring,Janitor,fax,,Body', // 9
    '8,phase-column,Phase column,,2,lunch,Monitoring,CFO; lead,chat,Subject,Body', // 10
    '9,late-day,Late day,Day 40,,,Monitoring,all,chat,Subject,Body', // 11
    '1,ok-one,Duplicate,Manual,,,Monitoring,all,chat,Subject,Body', // 12
    '10,disagree,Disagree,Round 1 · injects,2,injects,Monitoring,all,chat,Subject,Body', // 13
    '11,time-bad,Bad time,sometime soon,,,Monitoring,all,chat,Subject,Body', // 14
  ].join('\n');

  it('reports every problem of every row at the CSV line of its row and the column of its cell', () => {
    expect(problems(importText(malformed, { scenario }))).toEqual([
      'msel.csv:4:9 channel: unknown channel "twitter"; known: news, email, pager, chat, board-memo, phone (column I)',
      'msel.csv:5:4 trigger.phase: must be one of: injects, deliberation, decision, resolution, review; got text "debate" (column D)',
      'msel.csv:6:5 trigger.round: round 7 is after the last round (rounds.count is 3) (column E)',
      'msel.csv:7:10 subject: required field "subject" is missing (column J)',
      'msel.csv:8:1 number: must be a number, got text "two" (column A)',
      'msel.csv:9:4 trigger.phase: must be one of: injects, deliberation, decision, resolution, review; got text "nap" (column D)',
      'msel.csv:9:8 audience: unknown role "Janitor"; roles: Head of Infrastructure, CFO (column H)',
      'msel.csv:9:9 channel: unknown channel "fax"; known: news, email, pager, chat, board-memo, phone (column I)',
      'msel.csv:9:10 subject: required field "subject" is missing (column J)',
      'msel.csv:10:6 trigger.phase: must be one of: injects, deliberation, decision, resolution, review; got text "lunch" (column F)',
      'msel.csv:11:4 trigger.day: day 40 is after the exercise ends (day 30 = 3 rounds x 10 days) (column D)',
      'msel.csv:12:1 number: inject number 1 is already used by inject "ok-one" (line 2) (column A)',
      'msel.csv:12:2 id: duplicate inject id "ok-one": the row on line 2 already uses it (column B)',
      'msel.csv:13:4 trigger: the Time "Round 1 · injects" and the trigger columns ("Round 2 · injects") disagree; correct one, or clear the Time (column D)',
      'msel.csv:14:4 trigger: cannot read the time "sometime soon"; write e.g. "Round 2 · deliberation", "R2 deliberation", "Day 14", "When availability < 0.99 (7-day mean)", "When action <id> applied" or "Manual" (column D)',
    ]);
  });

  it('checks rounds, days and role names only against a scenario', () => {
    const lines = problems(importText(malformed));
    expect(lines.filter((line) => /msel\.csv:(6|11):/.test(line))).toEqual([]);
    expect(lines).toContain(
      'msel.csv:10:8 audience: "CFO" is not a role id; names are read only when the scenario is known, so write ids or import with the scenario (column H)',
    );
  });

  it('reports a quote that is never closed at the line where its row starts', () => {
    const text = [
      '#,Title,Time,Channel,From,Subject,Message',
      '1,T,Day 2,pager,Ops,S,B',
      '2,T2,Day 3,pager,Ops,"S,B',
    ].join('\n');
    expect(problems(importText(text))).toEqual([
      'msel.csv:3:6 (row): a quoted cell is never closed: a " opens it and no " ends it, so the rest of the file was read into this cell',
    ]);
  });

  it('reports cells that are not yes/no, not JSON, or outside the header', () => {
    const text = [
      '#,Title,Time,Channel,From,Subject,Message,Contingency,Effects',
      '1,T,Day 2,pager,Ops,S,B,maybe,"[{""type"":""outage"""',
      '2,T2,Day 3,pager,Ops,S,B,no,"[{""type"":""outage"",""target"":""app"",""hours"":""two""}]",extra',
    ].join('\n');
    expect(problems(importText(text))).toEqual([
      'msel.csv:2:8 contingency: must be yes or no, got "maybe" (column H)',
      expect.stringMatching(/^msel\.csv:2:9 effects: is not a JSON list of effects: .+ \(column I\)$/),
      'msel.csv:3:9 effects.0.hours: must be a number or a parameter reference such as { param: replicas }; got text "two" (column I)',
      "msel.csv:3:10 (row): this cell is outside the header's 9 columns; add a header for it or move it",
    ]);
  });

  it('refuses a file over the size limit without reading it', () => {
    expect(problems(importText('#\n'.repeat(100), { maxBytes: 50 }))).toEqual([
      'msel.csv:1:1 (root): the file is 200 bytes; an MSEL is limited to 50 bytes, so it was not read',
    ]);
  });
});

describe('the Time column', () => {
  it.each<[string, InjectTrigger]>([
    ['Round 2 · deliberation', { type: 'scheduled', round: 2, phase: 'deliberation' }],
    ['R2 deliberation', { type: 'scheduled', round: 2, phase: 'deliberation' }],
    ['round 3 - review', { type: 'scheduled', round: 3, phase: 'review' }],
    ['Round 1', { type: 'scheduled', round: 1, phase: 'injects' }],
    ['Day 14', { type: 'day', day: 14 }],
    ['D7', { type: 'day', day: 7 }],
    ['Manual', { type: 'manual' }],
    [
      'When p95-latency-ms > 2000 (7-day mean)',
      {
        type: 'condition',
        condition: { metric: 'p95-latency-ms', comparison: '>', threshold: 2000, windowDays: 7 },
      },
    ],
    [
      'availability ≤ 0.99',
      { type: 'condition', condition: { metric: 'availability', comparison: '<=', threshold: 0.99 } },
    ],
    [
      'When action pay-ransom applied',
      { type: 'condition', condition: { action: 'pay-ransom', status: 'applied' } },
    ],
    ['pay-ransom vetoed', { type: 'condition', condition: { action: 'pay-ransom', status: 'vetoed' } }],
    [
      'When the vote on pay-ransom failed',
      { type: 'condition', condition: { vote: 'pay-ransom', result: 'failed' } },
    ],
    [
      'When inject leak-site-sample delivered',
      { type: 'condition', condition: { inject: 'leak-site-sample' } },
    ],
    ['When 72 hours elapsed', { type: 'condition', condition: { elapsed: 72, unit: 'hours' } }],
    ['when 1 day has passed', { type: 'condition', condition: { elapsed: 1, unit: 'days' } }],
    ['Hour 14', { type: 'day', day: 14 }],
  ])('reads "%s"', (text, trigger) => {
    expect(parseInjectTime(text)).toEqual({ ok: true, trigger });
  });

  it("reads steps and averaging windows in the scenario's unit, and says so when they are in another", () => {
    expect(parseInjectTime('Hour 14', 'hours')).toEqual({ ok: true, trigger: { type: 'day', day: 14 } });
    expect(parseInjectTime('When clinical-safety < 60 (8-hour mean)', 'hours')).toEqual({
      ok: true,
      trigger: {
        type: 'condition',
        condition: { metric: 'clinical-safety', comparison: '<', threshold: 60, windowDays: 8 },
      },
    });
    expect(parseInjectTime('Day 14', 'hours')).toEqual({
      ok: false,
      message: 'the scenario counts time in hours, not days: write "Hour 14"',
    });
    expect(parseInjectTime('Hour 14', 'days')).toMatchObject({ ok: false });
    expect(parseInjectTime('When clinical-safety < 60 (8-day mean)', 'hours')).toEqual({
      ok: false,
      message: 'the scenario counts time in hours, not days: write "(8-hour mean)"',
    });
  });

  it('writes every single test of the hospital scenario in words it reads back', () => {
    const hospital = load('scenarios/hospital-ransomware.yaml');
    const unit = hospital.rounds.unit;
    for (const { trigger } of hospital.injects) {
      if (trigger.type === 'condition' && !('all' in trigger.condition || 'any' in trigger.condition)) {
        const read = parseInjectTime(formatInjectTime(trigger, unit), unit);
        expect(read.ok && injectSchema.shape.trigger.parse(read.trigger)).toEqual(trigger);
      } else if (trigger.type !== 'condition') {
        expect(parseInjectTime(formatInjectTime(trigger, unit), unit)).toEqual({ ok: true, trigger });
      }
    }
  });

  it('writes what it reads', () => {
    for (const inject of scenario.injects) {
      expect(parseInjectTime(formatInjectTime(inject.trigger))).toEqual({
        ok: true,
        trigger: inject.trigger,
      });
    }
  });

  it('refuses text that is no time', () => {
    expect(parseInjectTime('after lunch')).toMatchObject({ ok: false });
  });
});

describe('the MSEL of an exercise on its own model (hours, decision-aware conditions)', () => {
  const hospital = load('scenarios/hospital-ransomware.yaml');
  const csv = exportMselCsv(hospital);
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  const headerRow = rows[0]!;
  const row = (id: string) => rows.find((r) => r[headerRow.indexOf('Inject id')] === id)!;
  const cellOf = (id: string, name: string) => row(id)[headerRow.indexOf(name)];

  it('says "Hour" where a scenario in days says "Day", in the header and in the Time', () => {
    expect(headerRow).toContain('Hour');
    expect(headerRow).not.toContain('Day');
    expect([cellOf('ed-medication-cabinets', 'Time'), cellOf('ed-medication-cabinets', 'Hour')]).toEqual([
      'Hour 3',
      '3',
    ]);
  });

  it('writes one metric test in the condition cells, and any other condition whole in the Condition cell', () => {
    expect(
      ['Time', 'Condition metric', 'Condition comparison', 'Condition threshold', 'Condition'].map((name) =>
        cellOf('heparin-error', name),
      ),
    ).toEqual(['When clinical-safety < 62', 'clinical-safety', '<', '62', '']);
    expect(cellOf('decryptor-delivered', 'Time')).toBe('When action pay-ransom applied');
    expect(cellOf('decryptor-delivered', 'Condition')).toBe('{"action":"pay-ransom","status":"applied"}');
    expect(cellOf('reporter-screenshot', 'Time')).toBe('When inject leak-site-sample delivered');
    expect(cellOf('deadline-passes', 'Time')).toBe('When 72 hours elapsed and not action pay-ransom applied');
    expect(JSON.parse(cellOf('deadline-passes', 'Condition')!)).toEqual({
      all: [{ elapsed: 72, unit: 'hours' }, { not: { action: 'pay-ransom', status: 'applied' } }],
    });
    expect(cellOf('refusal-answered', 'Time')).toBe(
      'When action pay-ransom rejected or action pay-ransom vetoed or the vote on pay-ransom failed',
    );
    expect(cellOf('deadline-passes', 'Condition metric')).toBe('');
  });

  it('gives back every inject exactly, conditions included', () => {
    const result = ok(importText(csv, { scenario: hospital }));
    expect(result.injects.map((inject) => injectSchema.parse(inject))).toEqual(hospital.injects);
    expect(result.injects.find((i) => i.id === 'refusal-answered')?.trigger).toEqual({
      type: 'condition',
      condition: {
        any: [
          { action: 'pay-ransom', status: 'rejected' },
          { action: 'pay-ransom', status: 'vetoed' },
          { vote: 'pay-ransom', result: 'failed' },
        ],
      },
    });
  });

  it('reads the conditions from the Condition column alone, or single tests from the Time alone', () => {
    const keep = (names: string[]) =>
      Papa.unparse(
        rows.map((r) => names.map((name) => r[headerRow.indexOf(name)] ?? '')),
        { newline: '\r\n' },
      );
    const base = [
      'Inject number',
      'Inject id',
      'Title',
      'From',
      'To',
      'Channel',
      'Subject',
      'Message',
      'Effects',
    ];
    const structured = ok(
      importText(
        keep([
          ...base,
          'Trigger type',
          'Round',
          'Phase',
          'Hour',
          'Condition metric',
          'Condition comparison',
          'Condition threshold',
          'Condition window (days)',
          'Condition',
        ]),
        {
          scenario: hospital,
        },
      ),
    );
    expect(structured.injects.map((i) => i.trigger)).toEqual(hospital.injects.map((i) => i.trigger));
    // Without the trigger columns, the Time reads every single test; a combined one needs the Condition.
    const timeOnly = importText(keep([...base, 'Time']), { scenario: hospital });
    const combined = hospital.injects.filter(
      (i) => i.trigger.type === 'condition' && ('all' in i.trigger.condition || 'any' in i.trigger.condition),
    );
    expect(problems(timeOnly)).toHaveLength(combined.length);
    expect(problems(timeOnly)[0]).toMatch(
      /^msel\.csv:\d+:10 trigger: cannot read the time "When .+ on its own: a condition that combines tests \(and, or, not\) goes in the Condition column/,
    );
    const timeAndCondition = ok(importText(keep([...base, 'Time', 'Condition']), { scenario: hospital }));
    expect(timeAndCondition.injects.map((i) => i.trigger)).toEqual(hospital.injects.map((i) => i.trigger));
  });

  it('reports malformed Condition cells, and a Time that says otherwise, at their line and column', () => {
    const head = 'Inject number,Inject id,Title,Time,Condition,From,To,Channel,Subject,Message';
    const text = [
      head, // 1
      '1,broken,Broken JSON,,"{""all"": [{""elapsed"": 72}",Ops,all,email,S,B', // 2
      '2,bad-status,Bad status,,"{""action"":""pay-ransom"",""status"":""paid""}",Ops,all,email,S,B', // 3
      '3,unknown-action,Unknown action,,"{""action"":""pay-ransum"",""status"":""applied""}",Ops,all,email,S,B', // 4
      '4,not-a-condition,A list,,"[1, 2]",Ops,all,email,S,B', // 5
      '5,disagree,Disagree,When action pay-ransom rejected,"{""action"":""pay-ransom"",""status"":""applied""}",Ops,all,email,S,B', // 6
      '6,disagree-words,Disagree in words,When 72 hours elapsed and action pay-ransom applied,"{""all"":[{""elapsed"":72,""unit"":""hours""},{""not"":{""action"":""pay-ransom"",""status"":""applied""}}]}",Ops,all,email,S,B', // 7
      '7,yaml-flow,YAML flow,,"{ all: [{ elapsed: 72 }, { not: { inject: broken } }] }",Ops,all,email,S,B', // 8
      '8,wrong-unit,Wrong unit,Day 3,,Ops,all,email,S,B', // 9
    ].join('\n');
    expect(problems(importText(text, { scenario: hospital }))).toEqual([
      expect.stringMatching(
        /^msel\.csv:2:5 trigger\.condition: is not a condition in JSON: .+ \(column E\)$/,
      ),
      'msel.csv:3:5 trigger.condition.status: must be one of: applied, rejected, vetoed; got text "paid" (column E)',
      'msel.csv:4:5 trigger.condition.action: unknown action "pay-ransum" (did you mean "pay-ransom"?) (column E)',
      'msel.csv:5:5 trigger.condition: is not a condition: write one test or all / any / not of tests, e.g. {"action":"pay-ransom","status":"applied"} (column E)',
      'msel.csv:6:4 trigger: the Time "When action pay-ransom rejected" and the Condition ("When action pay-ransom applied") disagree; correct one, or clear the Time (column D)',
      'msel.csv:7:4 trigger: the Time "When 72 hours elapsed and action pay-ransom applied" and the Condition ("When 72 hours elapsed and not action pay-ransom applied") disagree; correct one, or clear the Time (column D)',
      'msel.csv:9:4 trigger: the scenario counts time in hours, not days: write "Hour 3" (column D)',
    ]);
  });

  it('reports a row that gives the condition both whole and as a metric test', () => {
    const text = [
      'Inject number,Title,Condition metric,Condition comparison,Condition threshold,Condition,From,Channel,Subject,Message',
      '1,Both,clinical-safety,<,60,"{""inject"":""x""}",Ops,email,S,B',
    ].join('\n');
    expect(problems(importText(text, { scenario: hospital }))).toEqual([
      'msel.csv:2:3 trigger.condition: the Condition and Condition metric, Condition comparison, Condition threshold are all filled; write the condition in one place: the Condition alone, or the condition metric cells for one metric test (column C)',
    ]);
  });

  it('without the scenario, takes the metrics, actions and channels the rows name as declared', () => {
    // Role names read only with the scenario; the rest of each row reads without it.
    const result = ok(importText(csv, { mapping: { To: 'ignore' } }));
    expect(result.injects.map((i) => [i.trigger, i.channel])).toEqual(
      hospital.injects.map((i) => [i.trigger, i.channel]),
    );
  });
});

describe('npm run scenario:msel', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'msel-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Runs the real CLI, as `npm run scenario:msel -- <args>` does. */
  const msel = (...args: string[]) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/msel.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('exports, then imports with --write keeping everything outside injects: byte for byte', () => {
    const shipped = 'scenarios/socialwave-hypergrowth.yaml';
    const file = path.join(scratch, 'scenario.yaml');
    const csvFile = path.join(scratch, 'msel.csv');
    copyFileSync(path.join(root, shipped), file);
    const before = readFileSync(file, 'utf8');

    expect(msel('export', file, csvFile).status).toBe(0);
    const csv = readFileSync(csvFile, 'utf8');
    expect(csv.startsWith('\uFEFFInject number,')).toBe(true);
    // The facilitator edits the spreadsheet: a new subject for inject 1, the last inject (36) dropped.
    // Records end with CRLF; line breaks inside cells are LF, so splitting at CRLF splits records.
    const edited = csv
      .split('\r\n')
      .filter((record) => !record.startsWith('36,'))
      .join('\r\n')
      .replace('90 days. Here is what the board approved last night.', 'The mandate');
    writeFileSync(csvFile, edited);

    const run = msel('import', file, csvFile, '--write');
    expect(run).toMatchObject({ status: 0, stdout: `wrote 35 injects to ${file}\n` });
    const after = readFileSync(file, 'utf8');
    const start = before.indexOf('\ninjects:\n');
    const end = before.indexOf('\nobjectives:\n');
    expect(after.slice(0, start)).toBe(before.slice(0, start));
    expect(after.slice(after.indexOf('\nobjectives:\n'))).toBe(before.slice(end));
    expect(before.slice(0, start)).toContain('# The MSEL. Days run 1-90;');
    // Section comments above an inject stay above it.
    for (const heading of ['round 1 (days 1-10)', 'round 9 (days 81-90)', 'contingencies (manual)']) {
      expect(after).toContain(
        `  # ------------------------------------------------------------------ ${heading}\n  - id: `,
      );
    }

    const reread = parseScenario(after, file);
    if (!reread.ok) throw new Error(reread.problems.map((p) => p.message).join('\n'));
    const original = load(shipped);
    expect(reread.scenario.injects).toEqual([
      { ...original.injects[0]!, subject: 'The mandate' },
      ...original.injects.slice(1, 35),
    ]);
  });

  it.each([
    'scenarios/socialwave-hypergrowth.yaml',
    'scenarios/socialwave-first-30-days.yaml',
    'scenarios/hospital-ransomware.yaml',
  ])('an unchanged MSEL round trip (export, import --write) leaves %s byte-identical', (shipped) => {
    const file = path.join(scratch, `unchanged-${path.basename(shipped)}`);
    const csvFile = path.join(scratch, `unchanged-${path.basename(shipped)}.csv`);
    copyFileSync(path.join(root, shipped), file);
    expect(msel('export', file, csvFile).status).toBe(0);
    expect(msel('import', file, csvFile, '--write').status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(root, shipped), 'utf8'));
  });

  it("rewrites only the injects that changed, in the file's style: [a] lists, audience: all, quoted comparisons", () => {
    const shipped = 'scenarios/socialwave-first-30-days.yaml';
    const before = readFileSync(path.join(root, shipped), 'utf8');
    const scenario = load(shipped);
    const read = importMselCsv(exportMselCsv(scenario), { fileName: 'msel.csv', scenario });
    if (!read.ok) throw new Error(read.problems.map(formatMselProblem).join('\n'));
    const [first, second, ...others] = read.injects;
    const changed = [
      first!,
      { ...second!, title: 'A changed title' },
      ...others,
      {
        ...first!,
        id: 'late-shock',
        number: 99,
        title: 'A late shock',
        audience: ['cfo', 'investor'],
        trigger: {
          type: 'condition' as const,
          condition: { metric: 'availability' as const, comparison: '<' as const, threshold: 0.9 },
        },
      },
    ];
    const after = replaceInjects(before, changed);
    const removed = before.split('\n').filter((line) => !after.split('\n').includes(line));
    expect(removed).toEqual(['    title: The emergency budget has strings']);
    expect(after).toContain('    title: A changed title\n');
    expect(after).toContain("      condition: { metric: availability, comparison: '<', threshold: 0.9 }\n");
    expect(after).toContain('  - id: late-shock\n    number: 99\n');
    expect(after).toContain('    audience: [cfo, investor]\n');
    // The rest of the file, up to the end of the last old inject, is the author's.
    const tail = before.slice(
      before.indexOf('\nobjectives:') === -1 ? before.length : before.indexOf('\nobjectives:'),
    );
    expect(after.endsWith(tail)).toBe(true);
    const reread = parseScenario(after, shipped);
    expect(reread.ok).toBe(true);
  });

  it('keeps `audience: all` on a rewritten inject that said it', () => {
    const text = [
      'injects:',
      '  - id: a',
      '    number: 1',
      '    title: A',
      '    trigger: { type: manual }',
      '    audience: all',
      '    channel: news',
      '    from: F',
      '    subject: S',
      '    body: B',
      '',
    ].join('\n');
    const after = replaceInjects(text, [
      {
        id: 'a',
        number: 1,
        title: 'A2',
        trigger: { type: 'manual' },
        channel: 'news',
        from: 'F',
        subject: 'S',
        body: 'B',
      },
    ]);
    expect(after).toBe(text.replace('title: A\n', 'title: A2\n'));
  });

  it('prints problems as file:line:column path: message, exits 1 and writes nothing', () => {
    const file = path.join(scratch, 'untouched.yaml');
    const csvFile = path.join(scratch, 'bad.csv');
    copyFileSync(path.join(root, 'scenarios/socialwave-first-30-days.yaml'), file);
    writeFileSync(
      csvFile,
      ['#,Title,Time,Channel,From,Subject,Message,To', '1,T,Round 9 · injects,pager,Ops,S,B,Janitor'].join(
        '\n',
      ),
    );
    const run = msel('import', file, csvFile, '--map', 'Title=title', '--write');
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([
      `${csvFile}:2:3 trigger.round: round 9 is after the last round (rounds.count is 3) (column C)`,
      `${csvFile}:2:8 audience: unknown role "Janitor"; roles: Head of Infrastructure, CFO, Product Lead, Investor (column H)`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe(
      readFileSync(path.join(root, 'scenarios/socialwave-first-30-days.yaml'), 'utf8'),
    );
  });

  it('exports to standard output and explains its usage', () => {
    const run = msel('export', 'tests/shared/scenario/fixtures/minimal.yaml');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\r\n')[0]).toBe(header.join(','));
    expect(msel('import', 'only-one-file.yaml').status).toBe(2);
    expect(msel().stderr).toMatch(/usage:\n {2}npm run scenario:msel -- export/);
  });
});
