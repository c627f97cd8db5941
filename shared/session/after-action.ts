import type { AfterActionRecord } from './after-action-types';
import type { SessionEvent, SessionEventOf } from './events';
import type { SessionState } from './state';

export * from './after-action-types';

/**
 * What the table and the facilitator add around the exercise (issue 21): the checkpoint
 * deliverables the roles draft and submit, the evaluators' ratings of them, the hot-wash answers
 * and participant feedback of the debrief, the facilitator's grouping of them, the judgement of
 * each role's secret objectives, the facilitator's edits of the after-action report, and the
 * corrective actions carried in from an earlier exercise. All of it comes from logged events and
 * sits in one optional field of the state, absent until the first such event, so an exercise that
 * uses none of it replays to the same state as before.
 */

export const EMPTY_AFTER_ACTION: AfterActionRecord = {
  deliverables: [],
  deliverableRatings: [],
  hotWash: [],
  feedback: [],
  marks: [],
  secretObjectives: [],
  reportEdits: [],
  carriedActions: [],
};

export function afterActionOf(state: Pick<SessionState, 'afterAction'>): AfterActionRecord {
  return state.afterAction ?? EMPTY_AFTER_ACTION;
}

export const AFTER_ACTION_EVENT_TYPES = [
  'deliverable-submitted',
  'deliverable-rated',
  'hot-wash-answered',
  'feedback-submitted',
  'debrief-item-marked',
  'secret-objective-judged',
  'report-edited',
  'corrective-actions-imported',
] as const satisfies readonly SessionEvent['type'][];
export type AfterActionEvent = SessionEventOf<(typeof AFTER_ACTION_EVENT_TYPES)[number]>;

/** Applies one after-action event (pure; called by shared/session/evolve.ts). */
export function evolveAfterAction(state: SessionState, event: AfterActionEvent): SessionState {
  const record = afterActionOf(state);
  const next = (changes: Partial<AfterActionRecord>): SessionState => ({
    ...state,
    afterAction: { ...record, ...changes },
  });
  switch (event.type) {
    case 'deliverable-submitted':
      return next({
        deliverables: [
          ...record.deliverables.filter((d) => d.checkpointId !== event.checkpointId),
          {
            checkpointId: event.checkpointId,
            sections: event.sections,
            submittedBy: event.submittedBy,
            round: state.round,
            day: state.sim.day,
            at: event.at,
          },
        ],
      });
    case 'deliverable-rated':
      return next({
        deliverableRatings: [
          ...record.deliverableRatings,
          {
            id: event.ratingId,
            checkpointId: event.checkpointId,
            evaluatorId: event.evaluatorId,
            dimensionId: event.dimensionId,
            rating: event.rating,
            comment: event.comment,
            at: event.at,
          },
        ],
      });
    case 'hot-wash-answered':
      return next({
        hotWash: [
          ...record.hotWash,
          {
            id: event.answerId,
            question: event.question,
            answer: event.answer,
            playerId: event.playerId,
            roleId: event.roleId,
            at: event.at,
          },
        ],
      });
    case 'feedback-submitted':
      return next({
        feedback: [
          ...record.feedback,
          {
            id: event.feedbackId,
            ratings: event.ratings,
            strengths: event.strengths,
            improvements: event.improvements,
            playerId: event.playerId,
            roleId: event.roleId,
            at: event.at,
          },
        ],
      });
    case 'debrief-item-marked':
      return next({
        marks: [
          ...record.marks.filter((m) => m.itemId !== event.itemId),
          { itemId: event.itemId, group: event.group, mark: event.mark, objectiveId: event.objectiveId },
        ],
      });
    case 'secret-objective-judged':
      return next({
        secretObjectives: [
          ...record.secretObjectives.filter((j) => !(j.roleId === event.roleId && j.index === event.index)),
          { roleId: event.roleId, index: event.index, met: event.met },
        ],
      });
    case 'report-edited':
      return next({ reportEdits: [...record.reportEdits, event.edit] });
    case 'corrective-actions-imported':
      return next({
        carriedActions: [
          ...record.carriedActions.filter(
            (a) =>
              !event.actions.some((b) => b.actionId === a.actionId && b.fromSessionId === a.fromSessionId),
          ),
          ...event.actions,
        ],
      });
  }
}

/**
 * The checkpoint whose deliverable the table drafts now: the first checkpoint with a deliverable
 * that has not been judged yet and that the current round's resolution reaches (or has passed the
 * day of, when rounds are long). Null between checkpoints and outside the rounds.
 */
export function dueDeliverable<C extends { id: string; day: number; deliverable?: string | undefined }>(
  scenario: { checkpoints: readonly C[]; rounds: { daysPerRound: number } },
  situation: { phase: string; round: number; checkpoints: readonly { checkpointId: string }[]; day: number },
): C | null {
  if (situation.round < 1 || situation.phase === 'debrief' || situation.phase === 'ended') return null;
  const judged = new Set(situation.checkpoints.map((c) => c.checkpointId));
  const reach = situation.day + scenario.rounds.daysPerRound;
  return (
    scenario.checkpoints.find((c) => c.deliverable !== undefined && !judged.has(c.id) && c.day <= reach) ??
    null
  );
}
