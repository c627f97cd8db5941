import { z } from 'zod';
import { PHASES } from '../scenario/schema';
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
  overrideDecisionCommand,
  assignRoleCommand,
  removePlayerCommand,
  broadcastCommand,
  endCommand,
  issueCredentialCommand,
  revokeTokenCommand,
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
  'override-decision',
  'assign-role',
  'remove-player',
  'broadcast',
  'end',
  'issue-credential',
  'revoke-token',
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
