import type { Actor } from './actor';
import { afterActionOf } from './after-action';
import { findRole, seatOf } from './authority';
import type { CommandOf } from './commands';
import { isActiveEvaluator } from './credentials';
import type { Decision } from './decision';
import { rejection } from './errors';
import type { SessionEvent } from './events';
import { isLive } from './phases';
import type { SessionState } from './state';

export type AfterActionCommand = CommandOf<
  | 'submit-deliverable'
  | 'rate-deliverable'
  | 'answer-hot-wash'
  | 'submit-feedback'
  | 'mark-debrief-item'
  | 'judge-secret-objective'
  | 'edit-report'
  | 'import-corrective-actions'
>;

const FACILITATOR_ONLY: readonly AfterActionCommand['type'][] = [
  'mark-debrief-item',
  'judge-secret-objective',
  'edit-report',
  'import-corrective-actions',
];

/**
 * The commands around the exercise (shared/session/after-action.ts): deliverables while the
 * rounds run, the hot wash, feedback and the report's edits in the debrief (the game master
 * takes those events only there, shared/session/machine.ts), ratings whenever a deliverable exists.
 */
export function decideAfterAction(
  state: SessionState,
  actor: Actor,
  command: AfterActionCommand,
  at: number,
): Decision {
  const accept = (...events: SessionEvent[]): Decision => ({ ok: true, events });
  const record = afterActionOf(state);
  const inDebrief = state.phase === 'debrief';
  if (FACILITATOR_ONLY.includes(command.type) && actor.kind !== 'facilitator') {
    return rejection('not-authorized', `only the facilitator may ${command.type}`);
  }

  switch (command.type) {
    case 'submit-deliverable': {
      const seat = actor.kind === 'player' ? seatOf(state, actor) : undefined;
      if (!seat || actor.kind !== 'player')
        return rejection('not-authorized', 'only a player of the table submits its deliverables');
      if (!isLive(state.phase) || state.round < 1)
        return rejection(
          'wrong-phase',
          `deliverables are submitted during the rounds, not in ${state.phase}`,
        );
      const checkpoint = state.scenario.checkpoints.find((c) => c.id === command.checkpointId);
      if (!checkpoint?.deliverable)
        return rejection('not-found', `no deliverable at checkpoint ${command.checkpointId}`);
      if (state.checkpoints.some((c) => c.checkpointId === checkpoint.id)) {
        return rejection('wrong-phase', `${checkpoint.title} has passed: its deliverable was due before it`);
      }
      const unknown = command.sections.find((s) => !findRole(state.scenario, s.roleId));
      if (unknown) return rejection('not-found', `no role ${unknown.roleId}`);
      return accept({
        type: 'deliverable-submitted',
        checkpointId: checkpoint.id,
        sections: command.sections,
        submittedBy: actor.playerId,
        at,
        actor,
      });
    }

    case 'rate-deliverable': {
      if (actor.kind !== 'evaluator' || !isActiveEvaluator(state, actor.evaluatorId)) {
        return rejection('not-authorized', 'only an evaluator rates deliverables');
      }
      if (!record.deliverables.some((d) => d.checkpointId === command.checkpointId)) {
        return rejection('not-found', `no deliverable was submitted for ${command.checkpointId}`);
      }
      if (!state.scenario.scoring.rubric.some((d) => d.id === command.dimensionId)) {
        return rejection('not-found', `no dimension ${command.dimensionId}`);
      }
      return accept({
        type: 'deliverable-rated',
        ratingId: `deliverable-rating-${record.deliverableRatings.length + 1}`,
        checkpointId: command.checkpointId,
        evaluatorId: actor.evaluatorId,
        dimensionId: command.dimensionId,
        rating: command.rating,
        comment: command.comment,
        at,
        actor,
      });
    }

    case 'answer-hot-wash':
    case 'submit-feedback': {
      const seat = actor.kind === 'player' ? seatOf(state, actor) : undefined;
      if (!seat || actor.kind !== 'player')
        return rejection('not-authorized', 'only players answer the hot wash');
      if (!inDebrief) return rejection('wrong-phase', 'the hot wash and feedback are for the debrief');
      const who = command.anonymous
        ? { playerId: null, roleId: null }
        : { playerId: actor.playerId, roleId: seat.roleId };
      if (command.type === 'answer-hot-wash') {
        if (command.question >= state.scenario.scoring.hotWash.length)
          return rejection('not-found', `no hot-wash question ${command.question + 1}`);
        return accept({
          type: 'hot-wash-answered',
          answerId: `hot-wash-${record.hotWash.length + 1}`,
          question: command.question,
          answer: command.answer,
          ...who,
          at,
          actor,
        });
      }
      return accept({
        type: 'feedback-submitted',
        feedbackId: `feedback-${record.feedback.length + 1}`,
        ratings: command.ratings,
        strengths: command.strengths,
        improvements: command.improvements,
        ...who,
        at,
        actor,
      });
    }

    case 'mark-debrief-item': {
      if (!inDebrief) return rejection('wrong-phase', 'answers are grouped in the debrief');
      const exists =
        record.hotWash.some((a) => a.id === command.itemId) ||
        record.feedback.some((f) => f.id === command.itemId);
      if (!exists) return rejection('not-found', `no hot-wash answer or feedback ${command.itemId}`);
      if (
        command.objectiveId !== null &&
        !state.scenario.objectives.some((o) => o.id === command.objectiveId)
      )
        return rejection('not-found', `no objective ${command.objectiveId}`);
      return accept({
        type: 'debrief-item-marked',
        itemId: command.itemId,
        group: command.group,
        mark: command.mark,
        objectiveId: command.objectiveId,
        at,
        actor,
      });
    }

    case 'judge-secret-objective': {
      if (!inDebrief)
        return rejection('wrong-phase', 'secret objectives are revealed and judged at the debrief');
      const role = findRole(state.scenario, command.roleId);
      if (!role || command.index >= role.secretObjectives.length)
        return rejection('not-found', `no secret objective ${command.index + 1} of ${command.roleId}`);
      return accept({
        type: 'secret-objective-judged',
        roleId: role.id,
        index: command.index,
        met: command.met,
        at,
        actor,
      });
    }

    case 'edit-report': {
      if (!inDebrief) return rejection('wrong-phase', 'the after-action report is edited in the debrief');
      const { edit } = command;
      const objectiveId = edit.kind === 'analysis' ? edit.objectiveId : edit.row.objectiveId;
      if (objectiveId !== null && !state.scenario.objectives.some((o) => o.id === objectiveId))
        return rejection('not-found', `no objective ${objectiveId}`);
      return accept({ type: 'report-edited', edit, at, actor });
    }

    case 'import-corrective-actions': {
      if (state.phase === 'debrief') return rejection('wrong-phase', 'carry actions in before the debrief');
      if (command.scenarioId !== state.scenario.id) {
        return rejection(
          'conflict',
          `the actions come from an exercise of ${command.scenarioId}, this one plays ${state.scenario.id}`,
        );
      }
      if (command.actions.some((a) => a.fromSessionId === state.sessionId))
        return rejection('conflict', 'an exercise cannot carry its own actions forward');
      return accept({ type: 'corrective-actions-imported', actions: command.actions, at, actor });
    }
  }
}
