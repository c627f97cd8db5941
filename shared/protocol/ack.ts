import { z } from 'zod';

/**
 * Every client-to-server socket event carries an acknowledgement callback, answered exactly once
 * with `{ ok: true, seq, ...extra }` or `{ ok: false, code, message }`. `seq` is the session's last
 * sequence number after the event (0 before any session is involved). Nothing is dropped silently.
 */
export interface AckError {
  ok: false;
  code: string;
  message: string;
}

export type AckOk<Extra extends object = Record<never, never>> = { ok: true; seq: number } & Extra;
export type Ack<Extra extends object = Record<never, never>> = AckOk<Extra> | AckError;
export type AckCallback<Extra extends object = Record<never, never>> = (ack: Ack<Extra>) => void;

export const ackErrorSchema = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });
export const ackOkSchema = z.object({ ok: z.literal(true), seq: z.number().int().min(0) });
export const ackSchema = z.union([ackOkSchema.loose(), ackErrorSchema]);

export function ackError(code: string, message: string): AckError {
  return { ok: false, code, message };
}
