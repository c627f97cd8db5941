import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { AfterActionReport } from '../../shared/views/after-action-report';
import type { ReportFork } from '../../shared/views/fork-report';

/**
 * The after-action report as a Word document (docx), in the same sections as the print page; with
 * the facilitator's kept forks (shared/views/fork-report.ts) when the download posted them.
 */
export async function reportDocx(
  report: AfterActionReport,
  extras: { forks?: readonly ReportFork[] } = {},
): Promise<Buffer> {
  const h = (text: string, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ text, heading });
  const p = (text: string) => new Paragraph({ text });
  const labelled = (label: string, text: string) =>
    new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)] });
  const bullets = (items: readonly string[], empty: string) =>
    items.length > 0 ? items.map((text) => new Paragraph({ text, bullet: { level: 0 } })) : [p(empty)];
  const table = (header: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [header, ...rows].map(
        (cells, i) =>
          new TableRow({
            tableHeader: i === 0,
            children: cells.map(
              (text) =>
                new TableCell({
                  children: [new Paragraph({ children: [new TextRun({ text, bold: i === 0 })] })],
                }),
            ),
          }),
      ),
    });
  const forkSection = (forks: readonly ReportFork[]) =>
    forks.length === 0
      ? []
      : [
          h('What if: the forks', HeadingLevel.HEADING_1),
          p('Each fork replays the exercise with one decision changed, the same seed and the same injects.'),
          ...forks.flatMap((f) => [
            h(f.name, HeadingLevel.HEADING_2),
            labelled('Changed decision', f.change),
            ...(f.error || !f.original || !f.fork
              ? [p(`This fork cannot be computed: ${f.error ?? 'unknown'}`)]
              : [
                  table(
                    ['', 'As played', 'In the fork'],
                    [
                      ['Outcome', f.original.outcome, f.fork.outcome],
                      ['Objectives', f.original.objectivesMet, f.fork.objectivesMet],
                      ['Score', f.original.score, f.fork.score],
                      [`Round ${f.round} applied`, f.original.applied, f.fork.applied],
                      ...f.original.objectives.map((o, i) => [
                        o.title,
                        o.result,
                        f.fork?.objectives[i]?.result ?? '',
                      ]),
                    ],
                  ),
                  labelled('What differed first', f.firstDifference ?? ''),
                ]),
          ]),
        ];
  const o = report.overview;
  const children = [
    h(report.title, HeadingLevel.TITLE),
    h('Exercise overview', HeadingLevel.HEADING_1),
    labelled('Exercise name', o.exerciseName),
    labelled('Scenario', `${o.scenarioTitle} (version ${o.scenarioVersion})`),
    labelled('Dates', `${o.startDate} to ${o.endDate} (${o.durationMinutes} minutes)`),
    labelled('Scope', o.scope),
    labelled('Outcome', o.outcome),
    labelled('Score', o.score),
    p(o.summary),
    h('Objectives', HeadingLevel.HEADING_2),
    ...bullets(
      report.objectives.map((x) => x.title),
      'None.',
    ),
    h('Participants and roles', HeadingLevel.HEADING_2),
    ...bullets(
      o.participants.map((x) => `${x.name}: ${x.role}`),
      'No players.',
    ),
    h('Analysis of capabilities', HeadingLevel.HEADING_1),
    table(
      ['Objective', 'Capability', 'Result', 'Rating'],
      report.objectives.map((x) => [x.title, x.capabilities.join(', '), x.result, x.ratingLabel]),
    ),
    ...report.objectives.flatMap((x) => [
      h(x.title, HeadingLevel.HEADING_2),
      labelled('Test', x.test),
      labelled('Result', x.result),
      labelled('Rating', x.ratingLabel),
      ...x.observations.map((obs) =>
        p(`Evaluator observation (round ${obs.round}): ${obs.rating}/5${obs.note ? `, ${obs.note}` : ''}`),
      ),
      ...x.decisionTiming.map((line) => p(`Decision timing: ${line}`)),
      h('Strengths', HeadingLevel.HEADING_3),
      ...bullets(x.strengths, 'None recorded.'),
      h('Areas for improvement', HeadingLevel.HEADING_3),
      ...bullets(x.improvements, 'None recorded.'),
    ]),
    h('Decisions, votes and vetoes', HeadingLevel.HEADING_2),
    p(
      `${report.decisions.proposals} proposals, ${report.decisions.approved} approved, ${report.decisions.rejected} rejected.`,
    ),
    ...bullets([...report.decisions.votes, ...report.decisions.vetoes], 'No votes or vetoes.'),
    h('Checkpoint deliverables', HeadingLevel.HEADING_1),
    ...report.deliverables.flatMap((d) => [
      h(d.title, HeadingLevel.HEADING_2),
      p(d.deliverable),
      ...(d.submitted ? [] : [p('Not submitted.')]),
      ...d.sections.flatMap((s) => [labelled(s.roleName, s.text)]),
      ...d.ratings.map((r) => p(`Rated ${r.rating}/5 on ${r.dimension}${r.comment ? `: ${r.comment}` : ''}`)),
    ]),
    ...(report.secretObjectives
      ? [
          h('Secret objectives', HeadingLevel.HEADING_1),
          ...report.secretObjectives.flatMap((r) => [
            h(r.role, HeadingLevel.HEADING_3),
            ...bullets(
              r.objectives.map(
                (x) => `${x.text} (${x.met === null ? 'not judged' : x.met ? 'met' : 'not met'})`,
              ),
              'None.',
            ),
          ]),
        ]
      : []),
    h('Hot wash', HeadingLevel.HEADING_1),
    h('Strengths', HeadingLevel.HEADING_3),
    ...bullets(report.hotWash.strengths, 'None marked.'),
    h('Areas for improvement', HeadingLevel.HEADING_3),
    ...bullets(report.hotWash.improvements, 'None marked.'),
    ...forkSection(extras.forks ?? []),
    h('Appendix A: Improvement plan', HeadingLevel.HEADING_1),
    table(
      ['Issue', 'Corrective action', 'Capability', 'Owner', 'Start', 'Completion', 'Status'],
      report.improvementPlan.map((r) => [
        r.issue,
        r.correctiveAction,
        r.capability,
        r.owner,
        r.start,
        r.completion,
        r.status,
      ]),
    ),
    h('Appendix B: Participants', HeadingLevel.HEADING_1),
    table(
      ['Name', 'Role'],
      o.participants.map((x) => [x.name, x.role]),
    ),
  ];
  const doc = new Document({
    creator: 'Crisis Table',
    title: report.title,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
