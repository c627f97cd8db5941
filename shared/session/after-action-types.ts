/**
 * The records of what the table and the facilitator add around the exercise (issue 21), as plain
 * data types with no imports, so the state and the events can name them without a cycle. The
 * rules and the evolve step are in ./after-action.ts.
 */

/**
 * The HSEEP participant feedback form, part I: statements rated 1 (strongly disagree) to 5
 * (strongly agree). Part II is free text (strengths, improvements).
 */
export const FEEDBACK_STATEMENTS = [
  'The exercise was well structured and organized.',
  'The scenario was plausible and realistic.',
  'The exercise increased my understanding of my role.',
  'The facilitator kept the exercise on track.',
  'Participation was appropriate for someone in my position.',
] as const;

/** One role's part of a submitted deliverable. */
export interface DeliverableSection {
  roleId: string;
  text: string;
}

/** A checkpoint's deliverable as the table submitted it (a later submission replaces an earlier one). */
export interface DeliverableSubmission {
  checkpointId: string;
  sections: DeliverableSection[];
  submittedBy: string;
  round: number;
  day: number;
  at: number;
}

/** SECRET from players, observers and the projector (the comment is an evaluator's note). */
export interface DeliverableRating {
  id: string;
  checkpointId: string;
  evaluatorId: string;
  dimensionId: string;
  rating: number;
  comment: string;
  at: number;
}

export interface HotWashAnswer {
  id: string;
  /** Index into the scenario's `scoring.hotWash`. */
  question: number;
  answer: string;
  /** Null when the player answered anonymously: no view names them. */
  playerId: string | null;
  roleId: string | null;
  at: number;
}

export interface ParticipantFeedback {
  id: string;
  /** One rating per FEEDBACK_STATEMENTS entry, 1..5. */
  ratings: number[];
  strengths: string;
  improvements: string;
  playerId: string | null;
  roleId: string | null;
  at: number;
}

export type DebriefMarkKind = 'strength' | 'improvement' | 'none';

/** The facilitator's grouping of one hot-wash answer or feedback item; the latest mark of an item wins. */
export interface DebriefMark {
  itemId: string;
  group: string;
  mark: DebriefMarkKind;
  /** The objective the item bears on, when the facilitator names one. */
  objectiveId: string | null;
}

export interface SecretObjectiveJudgement {
  roleId: string;
  index: number;
  met: boolean;
}

export interface ImprovementPlanRow {
  id: string;
  objectiveId: string | null;
  issue: string;
  correctiveAction: string;
  capability: string;
  owner: string;
  start: string;
  completion: string;
  status: 'open' | 'closed';
}

export type ReportEdit =
  | { kind: 'analysis'; objectiveId: string; strengths: string[]; improvements: string[] }
  | { kind: 'plan-row'; row: ImprovementPlanRow };

/** An open corrective action of an earlier exercise of the same scenario, to be re-tested in this one. */
export interface CarriedAction {
  fromSessionId: string;
  actionId: string;
  issue: string;
  correctiveAction: string;
  capability: string;
  owner: string;
  objectiveIds: string[];
}

export interface AfterActionRecord {
  deliverables: DeliverableSubmission[];
  deliverableRatings: DeliverableRating[];
  hotWash: HotWashAnswer[];
  feedback: ParticipantFeedback[];
  marks: DebriefMark[];
  secretObjectives: SecretObjectiveJudgement[];
  reportEdits: ReportEdit[];
  carriedActions: CarriedAction[];
}
