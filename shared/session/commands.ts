import { z } from 'zod';
import { PHASES } from '../scenario/schema';
import { effectSchema } from '../sim/effects';
import { type Rejection, rejection } from './errors';

/**
 * Every command a session accepts, written once as zod schemas (the server validates with them,
 * the client types with them). Who may issue which command is the session's business
 * (shared/session/decide.ts); this file only fixes the shapes and their size limits.
 */

const ref = z.string().min(1).max(64);
const line = (max: number) => z.string().trim().min(1).max(max);
/** The gateway hashes credentials (SHA-256, hex); the session only ever sees and stores hashes. */
const tokenHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256 hash');
const confidence = z.number().int().min(1).max(5).describe('1 = a guess, 5 = certain');
const roleList = z.array(ref).min(1).max(20);

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).strict();

// --- facilitator ---
export const startCommand = command('start', {});
export const advanceCommand = command('advance', {});
/** Adds time to the current phase (30 s by default) and reopens submissions (clears "ready"). */
export const extendCommand = command('extend', { seconds: z.number().int().min(5).max(600).default(30) });
export const pauseCommand = command('pause', {});
export const resumeCommand = command('resume', {});
export const fireInjectCommand = command('fire-inject', { injectId: ref });
export const skipInjectCommand = command('skip-inject', { injectId: ref });
export const rescheduleTriggerSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('scheduled'), round: z.number().int().min(1).max(50), phase: z.enum(PHASES) })
    .strict(),
  z.object({ type: z.literal('day'), day: z.number().int().min(0).max(3650) }).strict(),
]);
export type RescheduleTrigger = z.infer<typeof rescheduleTriggerSchema>;
export const rescheduleInjectCommand = command('reschedule-inject', {
  injectId: ref,
  trigger: rescheduleTriggerSchema,
});
/**
 * An inject written during the exercise (live authoring): what the console's form asks for. Effects
 * are the simulation's primitives with plain numbers (an inject has no parameters to refer to).
 */
export const liveInjectSchema = z
  .object({
    title: line(160),
    body: line(5000),
    /** A built-in channel or one the scenario declares (checked against the scenario when decided). */
    channel: ref,
    audience: z.union([z.literal('all'), roleList]).default('all'),
    from: line(120).default('Exercise control'),
    subject: z.string().trim().max(200).default(''),
    effects: z.array(effectSchema).max(10).default([]),
  })
  .strict();
export type LiveInject = z.infer<typeof liveInjectSchema>;
/** A live inject: sent now when `trigger` is absent, otherwise held until its round and phase, or day. */
export const addInjectCommand = command('add-inject', {
  inject: liveInjectSchema,
  trigger: rescheduleTriggerSchema.optional(),
});
/** Rewrites a live inject that has not been sent (rescheduling is `reschedule-inject`). */
export const editInjectCommand = command('edit-inject', { injectId: ref, inject: liveInjectSchema });
export const overrideDecisionCommand = command('override-decision', {
  proposalId: ref,
  decision: z.enum(['approve', 'reject']),
  reason: line(1000),
});
export const assignRoleCommand = command('assign-role', { playerId: ref, roleId: ref });
export const removePlayerCommand = command('remove-player', { playerId: ref });
export const broadcastCommand = command('broadcast', {
  body: line(2000),
  audience: z.union([z.literal('all'), roleList]).default('all'),
});
/** A facilitator message to one player only (a reply), not to their role. */
export const messagePlayerCommand = command('message-player', { playerId: ref, body: line(2000) });
export const endCommand = command('end', {});
export const CREDENTIAL_KINDS = ['facilitator', 'screen', 'observer', 'evaluator'] as const;
export const credentialKindSchema = z.enum(CREDENTIAL_KINDS);
export type CredentialKind = z.infer<typeof credentialKindSchema>;
export const issueCredentialCommand = command('issue-credential', {
  kind: credentialKindSchema,
  name: line(60),
  tokenHash,
});
export const revokeTokenCommand = command('revoke-token', { tokenHash });
/** Bulk credentials for a class (observers, evaluators, screens): one command, one rate-limit point. */
export const MAX_BULK_CREDENTIALS = 500;
export const issueCredentialsCommand = command('issue-credentials', {
  kind: credentialKindSchema,
  credentials: z
    .array(z.object({ name: line(60), tokenHash }).strict())
    .min(1)
    .max(MAX_BULK_CREDENTIALS),
});
/** Seating (shared/session/seating.ts): lock the lobby, require approval of joins. Omitted fields stay. */
export const setSeatingCommand = command('set-seating', {
  locked: z.boolean().optional(),
  approval: z.boolean().optional(),
});
/** Keep a role for the computer (nobody may join it), or open it again. */
export const reserveRoleCommand = command('reserve-role', { roleId: ref, reserved: z.boolean() });
/** Admit or refuse a join waiting for approval. */
export const admitJoinCommand = command('admit-join', { requestId: ref, admit: z.boolean() });

// --- players (and computer players) ---
export const joinCommand = command('join', {
  name: line(40),
  preferredRole: ref.optional(),
  tokenHash,
});
export const readyCommand = command('ready', {});
export const proposeCommand = command('propose', {
  actionId: ref,
  params: z.record(ref, z.number().finite()).default({}),
  rationale: line(1000),
});
export const withdrawCommand = command('withdraw', { proposalId: ref });
export const approveCommand = command('approve', { proposalId: ref, rationale: line(1000), confidence });
export const rejectCommand = command('reject', { proposalId: ref, rationale: line(1000), confidence });
export const vetoCommand = command('veto', { proposalId: ref, rationale: line(1000) });
export const voteCommand = command('vote', {
  proposalId: ref,
  vote: z.enum(['yes', 'no']),
  rationale: z.string().trim().max(1000).default(''),
  confidence: confidence.default(3),
});
export const messageFacilitatorCommand = command('message-facilitator', { body: line(2000) });

// --- evaluators ---
export const observationTargetSchema = z
  .object({ kind: z.enum(['objective', 'dimension']), id: ref })
  .strict()
  .describe('An objective of the scenario or a dimension of its scoring rubric');
export type ObservationTarget = z.infer<typeof observationTargetSchema>;
export const observeCommand = command('observe', {
  target: observationTargetSchema,
  /** 1 = unable to perform, 5 = performed without challenges (HSEEP's P/S/M/U ratings, widened to 5). */
  rating: z.number().int().min(1).max(5),
  note: z.string().trim().max(2000).default(''),
});

// --- after the exercise (shared/session/after-action.ts) ---
const longText = (max: number) => z.string().trim().max(max);
/** The table submits a checkpoint's deliverable: each role's section as drafted together. */
export const submitDeliverableCommand = command('submit-deliverable', {
  checkpointId: ref,
  sections: z
    .array(z.object({ roleId: ref, text: longText(8000) }).strict())
    .min(1)
    .max(20),
});
/** An evaluator rates a submitted deliverable on one rubric dimension (1..5, as observations). */
export const rateDeliverableCommand = command('rate-deliverable', {
  checkpointId: ref,
  dimensionId: ref,
  rating: z.number().int().min(1).max(5),
  comment: longText(2000).default(''),
});
export const answerHotWashCommand = command('answer-hot-wash', {
  question: z.number().int().min(0).max(49),
  answer: line(2000),
  anonymous: z.boolean().default(false),
});
export const submitFeedbackCommand = command('submit-feedback', {
  ratings: z.array(z.number().int().min(1).max(5)).min(1).max(10),
  strengths: longText(2000).default(''),
  improvements: longText(2000).default(''),
  anonymous: z.boolean().default(false),
});
/** The facilitator groups a hot-wash answer or feedback item and marks it a strength or an area for improvement. */
export const markDebriefItemCommand = command('mark-debrief-item', {
  itemId: ref,
  group: longText(80).default(''),
  mark: z.enum(['strength', 'improvement', 'none']),
  objectiveId: ref.nullable().default(null),
});
export const judgeSecretObjectiveCommand = command('judge-secret-objective', {
  roleId: ref,
  index: z.number().int().min(0).max(49),
  met: z.boolean(),
});
const shortField = longText(500);
export const improvementPlanRowSchema = z
  .object({
    id: ref,
    objectiveId: ref.nullable(),
    issue: longText(1000),
    correctiveAction: longText(1000),
    capability: shortField,
    owner: shortField,
    start: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'must be YYYY-MM-DD or empty'),
    completion: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'must be YYYY-MM-DD or empty'),
    status: z.enum(['open', 'closed']),
  })
  .strict();
export const reportEditSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('analysis'),
      objectiveId: ref,
      strengths: z.array(longText(1000)).max(30),
      improvements: z.array(longText(1000)).max(30),
    })
    .strict(),
  z.object({ kind: z.literal('plan-row'), row: improvementPlanRowSchema }).strict(),
]);
/** The facilitator edits the drafted after-action report: an objective's analysis, or an improvement-plan row. */
export const editReportCommand = command('edit-report', { edit: reportEditSchema });
export const carriedActionSchema = z
  .object({
    fromSessionId: ref,
    actionId: ref,
    issue: longText(1000),
    correctiveAction: longText(1000),
    capability: shortField,
    owner: shortField,
    objectiveIds: z.array(ref).max(50),
  })
  .strict();
/** The facilitator carries open corrective actions of an earlier exercise of the same scenario into this one. */
export const importCorrectiveActionsCommand = command('import-corrective-actions', {
  scenarioId: ref,
  actions: z.array(carriedActionSchema).min(1).max(100),
});

// --- system ---
/** Submitted by the scheduler when the phase deadline it watched has passed. */
export const timerExpiredCommand = command('timer-expired', { deadline: z.number().int().min(0) });

export const commandSchema = z.discriminatedUnion('type', [
  startCommand,
  advanceCommand,
  extendCommand,
  pauseCommand,
  resumeCommand,
  fireInjectCommand,
  skipInjectCommand,
  rescheduleInjectCommand,
  addInjectCommand,
  editInjectCommand,
  overrideDecisionCommand,
  assignRoleCommand,
  removePlayerCommand,
  broadcastCommand,
  messagePlayerCommand,
  endCommand,
  issueCredentialCommand,
  revokeTokenCommand,
  issueCredentialsCommand,
  setSeatingCommand,
  reserveRoleCommand,
  admitJoinCommand,
  joinCommand,
  readyCommand,
  proposeCommand,
  withdrawCommand,
  approveCommand,
  rejectCommand,
  vetoCommand,
  voteCommand,
  messageFacilitatorCommand,
  observeCommand,
  submitDeliverableCommand,
  rateDeliverableCommand,
  answerHotWashCommand,
  submitFeedbackCommand,
  markDebriefItemCommand,
  judgeSecretObjectiveCommand,
  editReportCommand,
  importCorrectiveActionsCommand,
  timerExpiredCommand,
]);

/** A command as the session handles it (defaults filled in). */
export type Command = z.infer<typeof commandSchema>;
/** A command as a client may send it (defaulted fields optional). */
export type CommandInput = z.input<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export const COMMAND_TYPES = commandSchema.options.map((o) => o.shape.type.value) as CommandType[];

export const FACILITATOR_COMMANDS = [
  'start',
  'advance',
  'extend',
  'pause',
  'resume',
  'fire-inject',
  'skip-inject',
  'reschedule-inject',
  'add-inject',
  'edit-inject',
  'override-decision',
  'assign-role',
  'remove-player',
  'broadcast',
  'message-player',
  'end',
  'issue-credential',
  'revoke-token',
  'issue-credentials',
  'set-seating',
  'reserve-role',
  'admit-join',
  'mark-debrief-item',
  'judge-secret-objective',
  'edit-report',
  'import-corrective-actions',
] as const satisfies readonly CommandType[];

/** Commands a player may issue; computer players issue the same ones except `message-facilitator`. */
export const PLAYER_COMMANDS = [
  'ready',
  'propose',
  'withdraw',
  'approve',
  'reject',
  'veto',
  'vote',
  'message-facilitator',
  'submit-deliverable',
  'answer-hot-wash',
  'submit-feedback',
] as const satisfies readonly CommandType[];

export type ParsedCommand = { ok: true; command: Command } | Rejection;

/** Validates an untrusted payload: `unknown-command` for an unknown type, `invalid-payload` otherwise. */
export function parseCommand(input: unknown): ParsedCommand {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !(COMMAND_TYPES as string[]).includes(type)) {
    return rejection('unknown-command', `unknown command type ${JSON.stringify(type ?? null).slice(0, 80)}`);
  }
  const parsed = commandSchema.safeParse(input);
  if (parsed.success) return { ok: true, command: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(command)'}: ${i.message}`);
  return rejection('invalid-payload', `${type}: ${problems.join('; ')}`);
}
