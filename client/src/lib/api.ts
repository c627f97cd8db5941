import type { z } from 'zod';
import type { AckError } from '../../../shared/protocol/ack';
import {
  JOIN_URLS_PATH,
  type JoinUrlsResponse,
  joinUrlsResponseSchema,
} from '../../../shared/protocol/join-urls';
import {
  type CreateSessionResponse,
  createSessionResponseSchema,
  FACILITATOR_KEY_HEADER,
  type JoinPreview,
  joinPreviewSchema,
  type ListScenariosResponse,
  listScenariosResponseSchema,
} from '../../../shared/protocol/rest';

/** A REST call's outcome as a value: the parsed body, or the server's `{ code, message }`. */
export type ApiResult<T> = { ok: true; value: T } | AckError;

async function request<S extends z.ZodType>(
  schema: S,
  url: string,
  init: RequestInit = {},
): Promise<ApiResult<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
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
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return { ok: false, code: 'bad-response', message: 'The server sent an unexpected answer.' };
  return { ok: true, value: parsed.data };
}

export function listScenarios(): Promise<ApiResult<ListScenariosResponse>> {
  return request(listScenariosResponseSchema, '/api/scenarios');
}

export function createSession(
  scenarioId: string,
  facilitatorKey: string | undefined,
): Promise<ApiResult<CreateSessionResponse>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (facilitatorKey) headers[FACILITATOR_KEY_HEADER] = facilitatorKey;
  return request(createSessionResponseSchema, '/api/sessions', {
    method: 'POST',
    headers,
    body: JSON.stringify({ scenarioId }),
  });
}

/** Where phones reach the server: PUBLIC_URL or its LAN addresses (see shared/protocol/join-urls.ts). */
export function getJoinUrls(): Promise<ApiResult<JoinUrlsResponse>> {
  return request(joinUrlsResponseSchema, JOIN_URLS_PATH);
}

export function previewJoin(code: string): Promise<ApiResult<JoinPreview>> {
  return request(joinPreviewSchema, `/api/join/${encodeURIComponent(code)}`);
}

/** The facilitator's full export (event log and outcome), as the raw JSON text for download. */
export async function exportSession(sessionId: string, facilitatorToken: string): Promise<ApiResult<string>> {
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/export`, {
      headers: { authorization: `Bearer ${facilitatorToken}` },
    });
    const text = await response.text();
    if (!response.ok) {
      const error = JSON.parse(text) as Partial<AckError>;
      return {
        ok: false,
        code: error.code ?? `http-${response.status}`,
        message: error.message ?? 'Export failed.',
      };
    }
    return { ok: true, value: text };
  } catch {
    return { ok: false, code: 'network-error', message: 'The export could not be downloaded.' };
  }
}
