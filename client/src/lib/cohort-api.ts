import type { AckError } from '../../../shared/protocol/ack';
import {
  type CoFacilitatorResponse,
  type CohortActRequest,
  type CohortActResponse,
  type CohortComparison,
  type CohortOverview,
  type CohortRoom,
  type CreateCohortRequest,
  type CreateCohortResponse,
  coFacilitatorResponseSchema,
  cohortActResponseSchema,
  createCohortResponseSchema,
} from '../../../shared/protocol/cohort';
import { FACILITATOR_KEY_HEADER } from '../../../shared/protocol/rest';
import type { ApiResult } from './api';
import { saveIdentity } from './identity';

/**
 * Classroom mode's REST calls (shared/protocol/cohort.ts). The overview, room and comparison are
 * the server's own projections (shared/views/cohort-*.ts), read as they come; the bodies the
 * client acts on (creation, controls, links) are checked with their schemas.
 */

async function call<T>(
  url: string,
  init: RequestInit,
  parse: (body: unknown) => T | undefined,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError')
      return { ok: false, code: 'aborted', message: 'aborted' };
    return {
      ok: false,
      code: 'network-error',
      message: 'The server could not be reached. Check the connection.',
    };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = body as Partial<AckError> | undefined;
    return {
      ok: false,
      code: typeof error?.code === 'string' ? error.code : `http-${response.status}`,
      message: typeof error?.message === 'string' ? error.message : `The server answered ${response.status}.`,
    };
  }
  const value = parse(body);
  return value === undefined
    ? { ok: false, code: 'bad-response', message: 'The server sent an unexpected answer.' }
    : { ok: true, value };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function createCohort(
  request: CreateCohortRequest,
  facilitatorKey: string | undefined,
): Promise<ApiResult<CreateCohortResponse>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (facilitatorKey) headers[FACILITATOR_KEY_HEADER] = facilitatorKey;
  const result = await call(
    '/api/cohorts',
    { method: 'POST', headers, body: JSON.stringify(request) },
    (body) => createCohortResponseSchema.safeParse(body).data,
  );
  if (result.ok) {
    // The one token facilitates the class and every table: the console opens each of them.
    const { cohortId, facilitatorToken, screenToken, tables } = result.value;
    saveIdentity(cohortId, 'facilitator', { token: facilitatorToken });
    saveIdentity(cohortId, 'screen', { token: screenToken });
    for (const table of tables)
      saveIdentity(table.sessionId, 'facilitator', { token: facilitatorToken, joinCode: table.joinCode });
  }
  return result;
}

type PollTarget = { overview: CohortOverview; room: CohortRoom; comparison: CohortComparison };

/** One long poll: answers at once when `after` is not the current version, else when a table changes. */
export function pollCohort<K extends keyof PollTarget>(
  cohortId: string,
  what: K,
  token: string,
  after: number | undefined,
  signal?: AbortSignal,
): Promise<ApiResult<PollTarget[K]>> {
  const query = after === undefined ? '' : `?after=${after}`;
  return call(
    `/api/cohorts/${encodeURIComponent(cohortId)}/${what}${query}`,
    { headers: bearer(token), ...(signal ? { signal } : {}) },
    (body) => (typeof body === 'object' && body !== null ? (body as PollTarget[K]) : undefined),
  );
}

export function actOnTables(
  cohortId: string,
  token: string,
  request: CohortActRequest,
): Promise<ApiResult<CohortActResponse>> {
  return call(
    `/api/cohorts/${encodeURIComponent(cohortId)}/act`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify(request),
    },
    (body) => cohortActResponseSchema.safeParse(body).data,
  );
}

export function coFacilitatorLink(
  cohortId: string,
  token: string,
  sessionId: string,
  name: string,
): Promise<ApiResult<CoFacilitatorResponse>> {
  return call(
    `/api/cohorts/${encodeURIComponent(cohortId)}/tables/${encodeURIComponent(sessionId)}/co-facilitator`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify({ name }),
    },
    (body) => coFacilitatorResponseSchema.safeParse(body).data,
  );
}
