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

export const CLIENT_EVENTS = ['join', 'authenticate', 'command', 'issue-credential', 'sync'] as const;
export type ClientEventName = (typeof CLIENT_EVENTS)[number];

export const SERVER_EVENTS = ['scenario', 'view', 'presence', 'signed-out', 'protocol-error'] as const;
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
export const commandPayloadSchema = z.object({ command: z.unknown() }).strict();
export type GatewayStampedCommand = 'join' | 'issue-credential';
export const GATEWAY_STAMPED_COMMANDS: readonly GatewayStampedCommand[] = ['join', 'issue-credential'];
export type ClientCommand = Exclude<CommandInput, { type: GatewayStampedCommand | 'timer-expired' }>;
export interface CommandPayload {
  command: ClientCommand;
}

/** `issue-credential` (facilitator): a link for a projector screen, an observer, an evaluator or a co-facilitator. */
export const issueCredentialPayloadSchema = z
  .object({
    kind: z.enum(['facilitator', 'screen', 'observer', 'evaluator']),
    name: z.string().trim().min(1).max(60),
  })
  .strict();
export type IssueCredentialPayload = z.infer<typeof issueCredentialPayloadSchema>;

/** `sync`: "I hold the view at `lastSeq`"; a newer view is pushed before the ack when there is one. */
export const syncPayloadSchema = z.object({ lastSeq: z.number().int().min(0) }).strict();
export type SyncPayload = z.infer<typeof syncPayloadSchema>;

export const CLIENT_EVENT_SCHEMAS = {
  join: joinPayloadSchema,
  authenticate: authenticatePayloadSchema,
  command: commandPayloadSchema,
  'issue-credential': issueCredentialPayloadSchema,
  sync: syncPayloadSchema,
} as const satisfies Record<ClientEventName, z.ZodType>;

/** Who this connection is, as the server established it. */
export type Identity = Viewer & { sessionId: string; name: string };

/** Extra fields of each event's successful acknowledgement (on top of `{ ok: true, seq }`). */
export interface AckExtras {
  join: { sessionId: string; token: string; identity: Identity };
  authenticate: { sessionId: string; identity: Identity };
  command: Record<never, never>;
  'issue-credential': { token: string; credentialId: string };
  sync: Record<never, never>;
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
  presence: (event: PresenceEvent) => void;
  'signed-out': (event: SignedOutEvent) => void;
  'protocol-error': (event: ProtocolErrorEvent) => void;
}

/** The game command a `command` event turns into, once parsed (re-exported for the client's typing). */
export type { Command };
