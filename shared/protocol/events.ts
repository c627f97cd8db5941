import { z } from 'zod';
import type { Command, CommandInput } from '../session/commands';
import type { View, ViewerScenario } from '../views/view';
import type { Viewer } from '../views/viewer';

/**
 * The socket.io protocol, written once. One namespace ("/"). Every client-to-server event carries
 * an acknowledgement callback answered exactly once (./ack.ts); events are validated here before
 * anything else sees them. Server-to-client events are pushed without acknowledgement.
 *
 * Handshake: connect, then either `join` (a player with the join code) or `authenticate` (anyone
 * holding a token: facilitator, player, screen, observer, evaluator). Both push the viewer's
 * `scenario` and first `view`, then answer with the identity. On every reconnect the client sends `authenticate` again with
 * its stored token and then `sync` with the last seq it holds (or relies on the pushed view).
 */

export const CLIENT_EVENTS = [
  'join',
  'authenticate',
  'command',
  'issue-credential',
  'issue-credentials',
  'sync',
  'draft',
] as const;
export type ClientEventName = (typeof CLIENT_EVENTS)[number];

export const SERVER_EVENTS = [
  'scenario',
  'view',
  'view-patch',
  'presence',
  'signed-out',
  'protocol-error',
  'draft',
] as const;
export type ServerEventName = (typeof SERVER_EVENTS)[number];

const ref = z.string().min(1).max(64);
/** Tokens are 16 random bytes, base64url: 22 characters. */
const token = z.string().min(16).max(64);

/** `join`: a player joins with the code on the projector. Answers `JoinAck`; the token is shown once. */
export const joinPayloadSchema = z
  .object({
    joinCode: z.string().min(1).max(16),
    name: z.string().trim().min(1).max(40),
    preferredRole: ref.optional(),
  })
  .strict();
export type JoinPayload = z.infer<typeof joinPayloadSchema>;

/** `authenticate`: resume an identity with a token (after a reload, a reconnect, or from a link). */
export const authenticatePayloadSchema = z.object({ sessionId: ref, token }).strict();
export type AuthenticatePayload = z.infer<typeof authenticatePayloadSchema>;

/**
 * `command`: one game command (shared/session/commands.ts), as the authenticated identity. `join`
 * and `issue-credential` have their own events because the gateway makes their tokens, and
 * `timer-expired` belongs to the server's scheduler (the session refuses it from anyone else).
 */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, "_" or "-"')
  .describe(
    'Client-chosen, unique per command (a UUID or 16 random bytes in base64url). A retry with the same key is answered with the first result and never applied twice.',
  );
export const commandPayloadSchema = z
  .object({ command: z.unknown(), idempotencyKey: idempotencyKeySchema.optional() })
  .strict();
export type GatewayStampedCommand = 'join' | 'issue-credential' | 'issue-credentials';
export const GATEWAY_STAMPED_COMMANDS: readonly GatewayStampedCommand[] = [
  'join',
  'issue-credential',
  'issue-credentials',
];
export type ClientCommand = Exclude<CommandInput, { type: GatewayStampedCommand | 'timer-expired' }>;
export interface CommandPayload {
  command: ClientCommand;
  /** Send one with every command you may retry (after `storage-outcome-unknown`, a timeout, a reconnect). */
  idempotencyKey?: string;
}

/** `issue-credential` (facilitator): a link for a projector screen, an observer, an evaluator or a co-facilitator. */
export const issueCredentialPayloadSchema = z
  .object({
    kind: z.enum(['facilitator', 'screen', 'observer', 'evaluator']),
    name: z.string().trim().min(1).max(60),
  })
  .strict();
export type IssueCredentialPayload = z.infer<typeof issueCredentialPayloadSchema>;

/**
 * `issue-credentials` (facilitator): links for a whole class at once (observers, evaluators,
 * screens), one name each; one event, so seating 500 observers is one round trip, not 500.
 */
export const issueCredentialsPayloadSchema = z
  .object({
    kind: z.enum(['facilitator', 'screen', 'observer', 'evaluator']),
    names: z.array(z.string().trim().min(1).max(60)).min(1).max(500),
  })
  .strict();
export type IssueCredentialsPayload = z.infer<typeof issueCredentialsPayloadSchema>;

/** `sync`: "I hold the view at `lastSeq`"; a newer view is pushed before the ack when there is one. */
export const syncPayloadSchema = z.object({ lastSeq: z.number().int().min(0) }).strict();
export type SyncPayload = z.infer<typeof syncPayloadSchema>;

/**
 * `draft`: live co-editing of a checkpoint deliverable (server/realtime/draft-relay.ts). Each
 * role's section is one Yjs document; `update` is a Yjs update, base64. Without `update` the
 * connection opens the checkpoint's drafts: the ack carries every section's state and the
 * connection then receives the others' updates as `draft` events. With one, a player edits their
 * own role's section (no one else's). Drafts are not logged: `submit-deliverable` is.
 */
export const draftPayloadSchema = z
  .object({
    checkpointId: ref,
    roleId: ref.optional(),
    update: z
      .string()
      .max(48_000)
      .regex(/^[A-Za-z0-9+/=]*$/, 'must be base64')
      .optional(),
  })
  .strict();
export type DraftPayload = z.infer<typeof draftPayloadSchema>;
/** `draft` (server to client): another connection changed a section. */
export interface DraftEvent {
  checkpointId: string;
  roleId: string;
  update: string;
}

export const CLIENT_EVENT_SCHEMAS = {
  join: joinPayloadSchema,
  authenticate: authenticatePayloadSchema,
  command: commandPayloadSchema,
  'issue-credential': issueCredentialPayloadSchema,
  'issue-credentials': issueCredentialsPayloadSchema,
  sync: syncPayloadSchema,
  draft: draftPayloadSchema,
} as const satisfies Record<ClientEventName, z.ZodType>;

/** Who this connection is, as the server established it. */
export type Identity = Viewer & { sessionId: string; name: string };

/** Extra fields of each event's successful acknowledgement (on top of `{ ok: true, seq }`). */
export interface AckExtras {
  /**
   * `pending`: the facilitator approves joins in this exercise; the token authenticates once the
   * join is admitted (until then `authenticate` answers `awaiting-approval`), and the identity's
   * `playerId` is empty until then.
   */
  join: { sessionId: string; token: string; identity: Identity; pending?: true };
  authenticate: { sessionId: string; identity: Identity };
  command: Record<never, never>;
  'issue-credential': { token: string; credentialId: string };
  'issue-credentials': { credentials: { name: string; token: string; credentialId: string }[] };
  sync: Record<never, never>;
  draft: { sections: { roleId: string; update: string }[] };
}

/**
 * `scenario`: the scenario as this connection may read it, sent once right after `join` or
 * `authenticate` succeeds and before the first `view` (it never changes during a session).
 */
export type ScenarioEvent = { sessionId: string } & ViewerScenario;

/** `view`: this connection's own projection of the session after event `seq`. */
export interface ViewEvent {
  seq: number;
  view: View;
}

/**
 * `view-patch`: what changed in this connection's projection from the view at `fromSeq` to the one
 * at `seq`, as RFC 6902 JSON Patch operations (issue 19). Apply it only when holding `fromSeq`;
 * otherwise send `sync { lastSeq }` and the whole view comes back as `view`.
 */
export interface ViewPatchEvent {
  fromSeq: number;
  seq: number;
  patch: JsonPatchOperation[];
}

/** One RFC 6902 operation, as the server produces them (`add`, `remove`, `replace`; never `move`, `copy` or `test`). */
export type JsonPatchOperation =
  | { op: 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string };

/** `presence` (facilitator connections only): who is connected now. Not game state; not logged. */
export interface PresenceEvent {
  sessionId: string;
  facilitators: number;
  screens: number;
  observers: number;
  evaluators: { evaluatorId: string; connections: number }[];
  /** Every player of the session, connected or not, with their open connections (tabs). */
  players: { playerId: string; name: string; roleId: string; connections: number }[];
  /** Per role: how many of its players have at least one connection open. */
  roles: { roleId: string; connectedPlayers: number }[];
}

/** `signed-out`: the connection's credential was revoked or its player removed; the server then disconnects. */
export interface SignedOutEvent {
  code: 'invalid-token';
  message: string;
}

/** `protocol-error`: an event arrived without an acknowledgement callback, so it is answered here instead. */
export interface ProtocolErrorEvent {
  event: string;
  code: string;
  message: string;
}

export interface ServerToClientEvents {
  scenario: (event: ScenarioEvent) => void;
  view: (event: ViewEvent) => void;
  'view-patch': (event: ViewPatchEvent) => void;
  presence: (event: PresenceEvent) => void;
  'signed-out': (event: SignedOutEvent) => void;
  'protocol-error': (event: ProtocolErrorEvent) => void;
  draft: (event: DraftEvent) => void;
}

/** The game command a `command` event turns into, once parsed (re-exported for the client's typing). */
export type { Command };
