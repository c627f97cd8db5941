import type { z } from 'zod';
import type { Ack, AckError } from '../../shared/protocol/ack';

/**
 * Splits what socket.io handed an event listener into the payload and the acknowledgement callback.
 * socket.io passes the callback as the last argument only when the client asked for one; clients
 * that do not are answered on `protocol-error` instead.
 */
export interface Envelope {
  args: unknown[];
  ack: ((ack: Ack<object>) => void) | undefined;
}

export function openEnvelope(raw: unknown[]): Envelope {
  const last = raw[raw.length - 1];
  if (typeof last === 'function') {
    let answered = false;
    const callback = last as (ack: unknown) => void;
    return {
      args: raw.slice(0, -1),
      // Exactly once: a second answer would be a bug, never a second message to the client.
      ack: (ack) => {
        if (answered) return;
        answered = true;
        callback(ack);
      },
    };
  }
  return { args: raw, ack: undefined };
}

export type PayloadResult<T> = { ok: true; payload: T } | AckError;

/** Keys that only ever appear in a payload to tamper with prototypes. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any real payload (a command is at most four levels deep). */
const MAX_DEPTH = 16;

/**
 * Why a payload is refused before its schema sees it: a prototype-tampering key anywhere in it, or
 * nesting beyond any real payload. Schemas would mostly refuse these too, but some parsers drop a
 * `__proto__` key silently (zod's records do), and a refusal is clearer than a silent repair.
 */
export function payloadHazard(value: unknown): string | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH} levels`;
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) return `the key "${key}" is not allowed`;
      stack.push({ node: (node as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}

/** Exactly one argument, matching the event's schema; anything else is `invalid-payload` listing the problems. */
export function parsePayload<S extends z.ZodType>(
  event: string,
  schema: S,
  args: unknown[],
): PayloadResult<z.infer<S>> {
  if (args.length !== 1) {
    return {
      ok: false,
      code: 'invalid-payload',
      message: `${event}: expected exactly one payload object and an acknowledgement callback, got ${args.length} arguments`,
    };
  }
  const hazard = payloadHazard(args[0]);
  if (hazard) return { ok: false, code: 'invalid-payload', message: `${event}: ${hazard}` };
  const parsed = schema.safeParse(args[0]);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`);
  return { ok: false, code: 'invalid-payload', message: `${event}: ${problems.join('; ')}`.slice(0, 1000) };
}
