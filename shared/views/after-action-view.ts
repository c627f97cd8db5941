import { afterActionOf } from '../session/after-action';
import type {
  CarriedAction,
  DebriefMark,
  DeliverableRating,
  DeliverableSubmission,
  HotWashAnswer,
  ParticipantFeedback,
} from '../session/after-action-types';
import type { SessionState } from '../session/state';
import type { Viewer } from './viewer';

/** One role's secret objectives as everyone sees them once the debrief opens, with the facilitator's judgement. */
export interface RevealedSecretObjectives {
  roleId: string;
  roleName: string;
  objectives: { index: number; text: string; met: boolean | null }[];
}

/**
 * What a viewer sees of the after-exercise record (shared/session/after-action.ts). Deliverables
 * are the table's own work: everyone sees them. Deliverable ratings carry evaluator comments:
 * the facilitator's and evaluators' only. Hot-wash answers and feedback: the facilitator sees all
 * (anonymous ones without a name), a player their own. Secret objectives: from the debrief on,
 * every role's to the facilitator and each player its own role's, with the judgement; to nobody
 * else, ever (a player reads their own in `role` before).
 */
export interface AfterActionView {
  deliverables: DeliverableSubmission[];
  deliverableRatings: DeliverableRating[];
  hotWash: HotWashAnswer[];
  feedback: ParticipantFeedback[];
  marks: DebriefMark[];
  secretObjectives: RevealedSecretObjectives[] | null;
  carriedActions: CarriedAction[];
}

/**
 * The viewer's part, or nothing while the exercise has no such record and the debrief has not
 * come (so the views of an exercise that uses none of it stay as they were).
 */
export function afterActionView(state: SessionState, viewer: Viewer): { afterAction?: AfterActionView } {
  const finished = state.phase === 'debrief' || state.phase === 'ended';
  if (state.afterAction === undefined && !finished) return {};
  const record = afterActionOf(state);
  const staff = viewer.kind === 'facilitator' || viewer.kind === 'evaluator';
  const own = <T extends { playerId: string | null }>(items: readonly T[]): T[] =>
    viewer.kind === 'facilitator'
      ? [...items]
      : viewer.kind === 'player'
        ? items.filter((item) => item.playerId === viewer.playerId)
        : [];
  return {
    afterAction: {
      deliverables: record.deliverables,
      deliverableRatings: staff ? record.deliverableRatings : [],
      hotWash: own(record.hotWash),
      feedback: own(record.feedback),
      marks: viewer.kind === 'facilitator' ? record.marks : [],
      secretObjectives: finished ? revealed(state, viewer) : null,
      carriedActions: viewer.kind === 'facilitator' ? record.carriedActions : [],
    },
  };
}

/**
 * The debrief is built around the reveal (issue 21): once the exercise is in its debrief, every
 * role's secret objectives are shown to everyone with the facilitator's judgement of whether they
 * were met. Before the debrief they reach only their own role and the facilitator (the player's
 * own view carries them; this field is null until then). Need to know (DESIGN.md invariant 4,
 * tests/server/realtime/need-to-know.test.ts) checks both halves.
 */
function revealed(state: SessionState, _viewer: Viewer): RevealedSecretObjectives[] {
  const judged = afterActionOf(state).secretObjectives;
  return state.scenario.roles
    .filter((role) => role.secretObjectives.length > 0)
    .map((role) => ({
      roleId: role.id,
      roleName: role.name,
      objectives: role.secretObjectives.map((text, index) => ({
        index,
        text,
        met: judged.find((j) => j.roleId === role.id && j.index === index)?.met ?? null,
      })),
    }));
}
