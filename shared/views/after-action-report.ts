import { conditionText } from '../scenario/condition-text';
import { metricTestOf, timeLabel } from '../scenario/scenario-time';
import type { Scenario } from '../scenario/schema';
import { afterActionOf } from '../session/after-action';
import type { ImprovementPlanRow } from '../session/after-action-types';
import type { SessionState } from '../session/state';

/**
 * The HSEEP After-Action Report / Improvement Plan of one exercise, drafted from its state alone
 * (which is the replay of its log), so the same log always drafts the same report: no clock, no
 * randomness. The facilitator's edits are logged events too (`report-edited`), applied last.
 * Outline (research/facilitation.md, "AAR/IP outline"): exercise overview; analysis of each
 * objective (capabilities, rating, checkpoint results, evaluator observations, decision timing,
 * strengths and areas for improvement); Appendix A, the improvement plan; Appendix B, participants.
 *
 * Two audiences: the facilitator's report, and the participants' (the share link), which leaves
 * out evaluator notes and comments, hot-wash names, and every role's secret objectives (a role
 * sees its own, judged, in its debrief view). Private briefs and facilitator notes are in neither: the report never reads them.
 */

export type ReportAudience = 'facilitator' | 'participants';

export interface ReportObjective {
  objectiveId: string;
  title: string;
  description: string;
  /** The rubric dimensions (capabilities) the objective scores. */
  capabilities: string[];
  test: string;
  result: string;
  met: boolean | null;
  /** Mean evaluator rating 1..5 (observations on the objective or its dimensions, and deliverable ratings), or null. */
  rating: number | null;
  ratingLabel: string;
  observations: { rating: number; note: string; round: number }[];
  decisionTiming: string[];
  strengths: string[];
  improvements: string[];
  edited: boolean;
}

export interface ReportDeliverable {
  checkpointId: string;
  title: string;
  deliverable: string;
  submitted: boolean;
  submittedOn: string;
  sections: { roleName: string; text: string }[];
  ratings: { dimension: string; rating: number; comment: string }[];
}

export interface AfterActionReport {
  audience: ReportAudience;
  title: string;
  overview: {
    exerciseName: string;
    scenarioTitle: string;
    scenarioVersion: string;
    sessionId: string;
    startDate: string;
    endDate: string;
    durationMinutes: number;
    scope: string;
    summary: string;
    outcome: string;
    score: string;
    learningObjectives: string[];
    participants: { name: string; role: string }[];
  };
  objectives: ReportObjective[];
  decisions: { proposals: number; approved: number; rejected: number; vetoes: string[]; votes: string[] };
  deliverables: ReportDeliverable[];
  /** Null in the participants' report (need to know). */
  secretObjectives: { role: string; objectives: { text: string; met: boolean | null }[] }[] | null;
  hotWash: {
    strengths: string[];
    improvements: string[];
    answers: { question: string; answers: string[] }[];
  };
  improvementPlan: ImprovementPlanRow[];
  carriedForward: { issue: string; correctiveAction: string; fromSessionId: string }[];
}

const RATING_LABELS = [
  '',
  'Unable to be performed',
  'Major challenges',
  'Some challenges',
  'Minor challenges',
  'Performed without challenges',
];

/** HSEEP's P/S/M/U ratings, widened to 1..5 as the evaluators rate. */
export function ratingLabel(rating: number | null): string {
  if (rating === null) return 'Not rated';
  return `${rating.toFixed(1)} / 5 (${RATING_LABELS[Math.round(rating)] ?? ''})`;
}

/** A calendar date (UTC) of an epoch-ms stamp from the log: deterministic, no clock read. */
export function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

export function afterActionReport(state: SessionState, audience: ReportAudience): AfterActionReport {
  const { scenario } = state;
  const record = afterActionOf(state);
  const forFacilitator = audience === 'facilitator';
  const finished = state.phase === 'debrief' || state.phase === 'ended';
  const started = state.deliveries[0]?.at ?? state.createdAt;
  const ended = finished
    ? state.phaseStartedAt
    : Math.max(started, ...state.proposals.map((p) => p.submittedAt));
  const roleName = (roleId: string | null) => scenario.roles.find((r) => r.id === roleId)?.name ?? 'Computer';

  const markedItems = record.marks.flatMap((mark) => {
    const answer = record.hotWash.find((a) => a.id === mark.itemId);
    const feedback = record.feedback.find((f) => f.id === mark.itemId);
    const text = answer?.answer ?? [feedback?.strengths, feedback?.improvements].filter(Boolean).join(' / ');
    if (!text || mark.mark === 'none') return [];
    const label = mark.group ? `${mark.group}: ${text}` : text;
    return [{ mark: mark.mark, objectiveId: mark.objectiveId, text: label }];
  });

  const objectives = scenario.objectives.map((objective): ReportObjective => {
    const dimensions = scenario.scoring.rubric.filter((d) => d.objectives.includes(objective.id));
    const result = state.objectives.find((r) => r.objectiveId === objective.id);
    const observations = state.observations.filter(
      (o) =>
        (o.target.kind === 'objective' && o.target.id === objective.id) ||
        (o.target.kind === 'dimension' && dimensions.some((d) => d.id === o.target.id)),
    );
    const deliverableRatings = record.deliverableRatings.filter((r) =>
      dimensions.some((d) => d.id === r.dimensionId),
    );
    const ratings = [...observations.map((o) => o.rating), ...deliverableRatings.map((r) => r.rating)];
    const rating =
      ratings.length > 0 ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null;
    const timing = decisionTiming(state, objective.id);
    const metricTest = metricTestOf(objective.test);
    const test = metricTest
      ? `${metricTest.metric} ${metricTest.comparison} ${metricTest.threshold} by day ${objective.byDay}`
      : objective.test
        ? `${conditionText(objective.test)} by ${timeLabel(scenario.rounds.unit, objective.byDay ?? 0)}`
        : 'rated by evaluators (HSEEP)';
    const strengths: string[] = [];
    const improvements: string[] = [];
    const reading = (value: number) =>
      metricTest ? `${metricTest.metric} was ${round2(value)}` : value === 1 ? 'it held' : 'it did not hold';
    if (result?.met) strengths.push(`Met on day ${result.day}: ${reading(result.value)}.`);
    else if (result)
      improvements.push(
        `Not met on day ${result.day}: ${reading(result.value)}${metricTest ? ` (target ${metricTest.comparison} ${metricTest.threshold})` : ''}.`,
      );
    if (rating !== null && rating >= 4) strengths.push(`Evaluators rated it ${ratingLabel(rating)}.`);
    if (rating !== null && rating <= 2.5) improvements.push(`Evaluators rated it ${ratingLabel(rating)}.`);
    for (const line of timing.slow) improvements.push(line);
    for (const item of markedItems.filter((m) => m.objectiveId === objective.id)) {
      (item.mark === 'strength' ? strengths : improvements).push(item.text);
    }
    const edit = [...record.reportEdits]
      .reverse()
      .find((e) => e.kind === 'analysis' && e.objectiveId === objective.id);
    return {
      objectiveId: objective.id,
      title: objective.title,
      description: objective.description,
      capabilities: dimensions.map((d) => d.title),
      test,
      result: result
        ? `${result.met ? 'Met' : 'Not met'} (day ${result.day}, ${round2(result.value)})`
        : 'Not judged (its day did not come)',
      met: result ? result.met : null,
      rating,
      ratingLabel: ratingLabel(rating),
      observations: observations.map((o) => ({
        rating: o.rating,
        note: forFacilitator ? o.note : '',
        round: o.round,
      })),
      decisionTiming: timing.lines,
      strengths: edit?.kind === 'analysis' ? edit.strengths : strengths,
      improvements: edit?.kind === 'analysis' ? edit.improvements : improvements,
      edited: edit !== undefined,
    };
  });

  // Appendix A: one row per objective with an area for improvement, then the facilitator's rows.
  const drafted = objectives
    .filter((o) => o.improvements.length > 0)
    .map(
      (o): ImprovementPlanRow => ({
        id: `ip-${o.objectiveId}`,
        objectiveId: o.objectiveId,
        issue: o.improvements[0] ?? '',
        correctiveAction: `Rehearse "${o.title}" and review the decision path that led here.`,
        capability: o.capabilities.join(', '),
        owner: 'To be assigned',
        start: isoDate(ended),
        completion: isoDate(ended + 30 * DAY_MS),
        status: 'open',
      }),
    );
  const plan = new Map(drafted.map((row) => [row.id, row]));
  for (const edit of record.reportEdits) if (edit.kind === 'plan-row') plan.set(edit.row.id, edit.row);

  const proposals = state.proposals;
  // Need to know (tests/server/realtime/need-to-know.test.ts): a role's secret objectives reach only
  // its own players and the facilitator, so a report anyone with the share link reads has none.
  const revealSecrets = forFacilitator;
  return {
    audience,
    title: `After-Action Report / Improvement Plan: ${scenario.title}`,
    overview: {
      exerciseName: scenario.title,
      scenarioTitle: scenario.title,
      scenarioVersion: scenario.version,
      sessionId: state.sessionId,
      startDate: isoDate(started),
      endDate: isoDate(ended),
      durationMinutes: Math.max(0, Math.round((ended - started) / 60_000)),
      scope: `${scenario.audience} ${state.rounds.length} of ${scenario.rounds.count} rounds played, ${scenario.rounds.daysPerRound} simulated days each (simulated day ${state.sim.day}).`,
      summary: scenario.summary,
      outcome: outcomeText(state),
      score: state.score ? `${Math.round(state.score.total)} / 100` : 'Not scored yet',
      learningObjectives: scenario.learningObjectives,
      participants: state.players
        .filter((p) => !p.removed)
        .map((p) => ({ name: p.name, role: roleName(p.roleId) })),
    },
    objectives,
    decisions: {
      proposals: proposals.length,
      approved: proposals.filter((p) => p.status === 'approved').length,
      rejected: proposals.filter((p) => p.status === 'rejected').length,
      vetoes: proposals.flatMap((p) =>
        p.vetoes.map(
          (v) =>
            `${actionTitle(scenario, p.actionId)} vetoed by the ${roleName(v.roleId)} (round ${p.round}): ${v.rationale}`,
        ),
      ),
      votes: proposals
        .filter((p) => p.votes.length > 0)
        .map((p) => {
          const yes = p.votes.filter((v) => v.vote === 'yes').length;
          return `${actionTitle(scenario, p.actionId)} (round ${p.round}): ${yes} yes, ${p.votes.length - yes} no; ${p.status}`;
        }),
    },
    deliverables: scenario.checkpoints
      .filter((c) => c.deliverable !== undefined)
      .map((c) => {
        const submission = record.deliverables.find((d) => d.checkpointId === c.id);
        return {
          checkpointId: c.id,
          title: c.title,
          deliverable: c.deliverable ?? '',
          submitted: submission !== undefined,
          submittedOn: submission ? `round ${submission.round}, simulated day ${submission.day}` : '',
          sections: (submission?.sections ?? []).map((s) => ({ roleName: roleName(s.roleId), text: s.text })),
          ratings: record.deliverableRatings
            .filter((r) => r.checkpointId === c.id)
            .map((r) => ({
              dimension: scenario.scoring.rubric.find((d) => d.id === r.dimensionId)?.title ?? r.dimensionId,
              rating: r.rating,
              comment: forFacilitator ? r.comment : '',
            })),
        };
      }),
    secretObjectives: revealSecrets
      ? scenario.roles
          .filter((r) => r.secretObjectives.length > 0)
          .map((role) => ({
            role: role.name,
            objectives: role.secretObjectives.map((text, index) => ({
              text,
              met:
                record.secretObjectives.find((j) => j.roleId === role.id && j.index === index)?.met ?? null,
            })),
          }))
      : null,
    hotWash: {
      strengths: markedItems
        .filter((m) => m.mark === 'strength' && m.objectiveId === null)
        .map((m) => m.text),
      improvements: markedItems
        .filter((m) => m.mark === 'improvement' && m.objectiveId === null)
        .map((m) => m.text),
      answers: forFacilitator
        ? scenario.scoring.hotWash.map((question, index) => ({
            question,
            answers: record.hotWash
              .filter((a) => a.question === index)
              .map((a) => `${a.answer} (${a.roleId === null ? 'anonymous' : roleName(a.roleId)})`),
          }))
        : [],
    },
    improvementPlan: [...plan.values()],
    carriedForward: record.carriedActions.map((a) => ({
      issue: a.issue,
      correctiveAction: a.correctiveAction,
      fromSessionId: a.fromSessionId,
    })),
  };
}

/**
 * How long the table took from each inject that exercises the objective to the first proposal
 * made after it (the decision that answered it), in minutes of the exercise; slow answers (longer
 * than a round's deliberation and decision phases together) are areas for improvement.
 */
function decisionTiming(state: SessionState, objectiveId: string): { lines: string[]; slow: string[] } {
  const { scenario } = state;
  const lines: string[] = [];
  const slow: string[] = [];
  const limitMs = (scenario.rounds.phaseSeconds.deliberation + scenario.rounds.phaseSeconds.decision) * 1000;
  for (const delivery of state.deliveries) {
    const inject = scenario.injects.find((i) => i.id === delivery.injectId);
    if (!inject?.objectives.includes(objectiveId)) continue;
    const answer = state.proposals.find((p) => p.submittedAt >= delivery.at);
    if (!answer) {
      lines.push(`"${inject.title}" (round ${delivery.round}): no decision followed.`);
      continue;
    }
    const minutes = Math.round((answer.submittedAt - delivery.at) / 6000) / 10;
    const line = `"${inject.title}" (round ${delivery.round}) to "${actionTitle(scenario, answer.actionId)}" (${answer.status}): ${minutes} min.`;
    lines.push(line);
    if (answer.submittedAt - delivery.at > limitMs) slow.push(`Slow answer: ${line}`);
  }
  return { lines, slow };
}

function actionTitle(scenario: Scenario, actionId: string): string {
  return scenario.actions.find((a) => a.id === actionId)?.title ?? actionId;
}

function outcomeText(state: SessionState): string {
  const o = state.outcome;
  if (!o) return 'Not decided yet.';
  if (o.kind === 'end-state') return `Ended in an end state: ${o.title}.`;
  return o.kind === 'completed'
    ? `All ${state.scenario.rounds.count} rounds played.`
    : 'Ended by the facilitator.';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
