import { z } from 'zod';

/**
 * Rejection codes produced by the realtime gateway and the REST API before a command reaches a
 * session. The game's own rejection codes (phase, authority, budget, ...) are in ./errors.ts and
 * the gateway reuses them where they fit (`invalid-payload` for any payload that fails its schema,
 * `not-found` for an unknown REST route or session, `storage-unavailable`). The union of both lists
 * is `ErrorCode` in ./error-codes.ts. Codes are stable: clients switch on them.
 */
export const GATEWAY_ERRORS = {
  'unknown-event': 'No such socket event.',
  'missing-ack': 'The event was sent without an acknowledgement callback; answered on `protocol-error`.',
  'rate-limited':
    'Too many events from this credential (or socket, before it authenticates), or too many exercises created; slow down and retry.',
  'not-authenticated': 'Join or authenticate before sending this event.',
  'already-authenticated': 'This connection already has an identity; open a new connection for another.',
  'invalid-token': 'The token is unknown, revoked, or not valid for this session.',
  'awaiting-approval':
    'The facilitator approves joins in this exercise and has not admitted this one yet; authenticate again in a few seconds.',
  'unknown-session': 'No such session on this server.',
  'unknown-join-code': 'No live session has this join code.',
  'too-many-attempts': 'Too many wrong join codes from this address; wait before trying again.',
  'unknown-scenario': 'No scenario with this id.',
  'invalid-scenario': 'The scenario file has problems; `problems` lists each at file:line:column.',
  'scenario-exists': 'A scenario with this id exists; save a new version of it or choose another id.',
  'facilitator-key-required': 'Creating an exercise needs the facilitator key configured on the server.',
  'payload-too-large': 'The request body is too large.',
  'shutting-down': 'The server is shutting down; reconnect in a moment.',
  capacity:
    'This server already runs as many exercises as it is configured for (SESSIONS_MAX); end one, or use another server.',
  'too-many-connections':
    'Too many open connections from this address or with this token; close other tabs or screens first.',
  'internal-error': 'The server failed to handle the request; nothing was changed.',
} as const;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;
export const GATEWAY_ERROR_CODES = Object.keys(GATEWAY_ERRORS) as GatewayErrorCode[];
export const gatewayErrorCodeSchema = z.enum(
  GATEWAY_ERROR_CODES as [GatewayErrorCode, ...GatewayErrorCode[]],
);
