import { z } from 'zod';

const ref = z.string().min(1).max(64);

/**
 * Who issued a command. The realtime gateway establishes it from the connection's credential;
 * the session checks what that actor may do. `guest` is an unauthenticated connection that knows
 * the join code: its only command is `join`. `computer` plays a required role nobody holds.
 */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('facilitator') }).strict(),
  z.object({ kind: z.literal('player'), playerId: ref }).strict(),
  z.object({ kind: z.literal('evaluator'), evaluatorId: ref }).strict(),
  z.object({ kind: z.literal('observer') }).strict(),
  z.object({ kind: z.literal('screen') }).strict(),
  z.object({ kind: z.literal('system') }).strict(),
  z.object({ kind: z.literal('computer'), roleId: ref }).strict(),
  z.object({ kind: z.literal('guest') }).strict(),
]);
export type Actor = z.infer<typeof actorSchema>;
export type ActorKind = Actor['kind'];

export const FACILITATOR: Actor = { kind: 'facilitator' };
export const SYSTEM: Actor = { kind: 'system' };
export const GUEST: Actor = { kind: 'guest' };

/**
 * The key under which one participant's readiness, reviews and votes are recorded: a player's id,
 * or `computer:<role>` for a computer-played role.
 */
export type ParticipantKey = string;

export function computerKey(roleId: string): ParticipantKey {
  return `computer:${roleId}`;
}
