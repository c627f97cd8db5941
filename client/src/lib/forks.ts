import { z } from 'zod';
import type { SessionEvent } from '../../../shared/session/events';
import { type ForkSpec, forkSpecSchema } from '../../../shared/session/fork';
import type { LogEntry } from '../../../shared/session/log';
import { type ApiResult, exportSession } from './api';
import { loadIdentity } from './identity';

/**
 * The facilitator's forks (issue 17), kept in this browser's localStorage, one list per session:
 * only the name, round and alternative, never a result (a fork is recomputed from the log in a
 * fraction of a second). Kept here rather than in the exercise's log because a fork is an analysis
 * of the exercise, not part of it: the log stays the record of what happened, and a fork never
 * changes it. They go into the after-action report with the debrief page (print) and the
 * facilitator's JSON export (`forks`).
 */

const PREFIX = 'crisis-table:forks:';
const listSchema = z.array(forkSpecSchema);

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadForks(sessionId: string): ForkSpec[] {
  const raw = storage()?.getItem(`${PREFIX}${sessionId}`);
  if (!raw) return [];
  try {
    const parsed = listSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function saveForks(sessionId: string, forks: readonly ForkSpec[]): void {
  storage()?.setItem(`${PREFIX}${sessionId}`, JSON.stringify(forks));
}

const exportSchema = z.object({
  events: z.array(z.object({ seq: z.number(), type: z.string(), at: z.number(), data: z.unknown() })),
});

/** The whole log, from the facilitator-only export (forks need the seed and every role's injects). */
export async function fetchLog(sessionId: string): Promise<ApiResult<(LogEntry | SessionEvent)[]>> {
  const token = loadIdentity(sessionId, 'facilitator')?.token ?? '';
  const result = await exportSession(sessionId, token);
  if (!result.ok) return result;
  const parsed = exportSchema.safeParse(JSON.parse(result.value));
  if (!parsed.success)
    return { ok: false, code: 'invalid-payload', message: 'The export is not a session log.' };
  return { ok: true, value: parsed.data.events };
}
