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
  type ListSessionsResponse,
  listScenariosResponseSchema,
  listSessionsResponseSchema,
} from '../../../shared/protocol/rest';
import {
  invalidScenarioSchema,
  type LocatedProblem,
  type SavedScenario,
  type ScenarioDetail,
  type ScenarioLibraryList,
  savedScenarioSchema,
  scenarioDetailSchema,
  scenarioLibraryListSchema,
} from '../../../shared/protocol/scenario-library';

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

/**
 * Opens an exercise. With `facilitatorToken` (one this browser already holds), the new exercise
 * shares it, so that one token lists all of the facilitator's exercises ("my exercises").
 */
export function createSession(
  scenarioId: string,
  facilitatorKey: string | undefined,
  facilitatorToken?: string,
): Promise<ApiResult<CreateSessionResponse>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (facilitatorKey) headers[FACILITATOR_KEY_HEADER] = facilitatorKey;
  if (facilitatorToken) headers.authorization = `Bearer ${facilitatorToken}`;
  return request(createSessionResponseSchema, '/api/sessions', {
    method: 'POST',
    headers,
    body: JSON.stringify({ scenarioId }),
  });
}

/** The exercises a facilitator token runs or ran, from the server's store (ended and archived ones too). */
export function listMySessions(facilitatorToken: string): Promise<ApiResult<ListSessionsResponse>> {
  return request(listSessionsResponseSchema, '/api/sessions', {
    headers: { authorization: `Bearer ${facilitatorToken}` },
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

// ---------------------------------------------------------------------------------------------
// The scenario library (issue 15): /api/scenarios, shapes in shared/protocol/scenario-library.ts
// ---------------------------------------------------------------------------------------------

/** A save's outcome: saved, refused with located problems, or another error. */
export type LibrarySaveResult =
  | { ok: true; value: SavedScenario }
  | { ok: false; code: 'invalid-scenario'; message: string; problems: LocatedProblem[] }
  | AckError;

function keyHeaders(facilitatorKey: string | undefined, type?: string): Record<string, string> {
  return {
    ...(type ? { 'content-type': type } : {}),
    ...(facilitatorKey ? { [FACILITATOR_KEY_HEADER]: facilitatorKey } : {}),
  };
}

export function listLibrary(): Promise<ApiResult<ScenarioLibraryList>> {
  return request(scenarioLibraryListSchema, '/api/scenarios');
}

export function getLibraryScenario(
  scenarioId: string,
  facilitatorKey: string | undefined,
  version?: number,
): Promise<ApiResult<ScenarioDetail>> {
  const query = version === undefined ? '' : `?version=${version}`;
  return request(scenarioDetailSchema, `/api/scenarios/${encodeURIComponent(scenarioId)}${query}`, {
    headers: keyHeaders(facilitatorKey),
  });
}

async function librarySave(url: string, init: RequestInit): Promise<LibrarySaveResult> {
  try {
    const response = await fetch(url, init);
    const body: unknown = await response.json().catch(() => undefined);
    const invalid = invalidScenarioSchema.safeParse(body);
    if (invalid.success) return invalid.data;
    if (!response.ok) {
      const error = body as Partial<AckError> | undefined;
      return {
        ok: false,
        code: error?.code ?? `http-${response.status}`,
        message: error?.message ?? `The server answered ${response.status}.`,
      };
    }
    const saved = savedScenarioSchema.safeParse(body);
    return saved.success
      ? { ok: true, value: saved.data }
      : { ok: false, code: 'bad-response', message: 'The server sent an unexpected answer.' };
  } catch {
    return { ok: false, code: 'network-error', message: 'The server could not be reached.' };
  }
}

/** Saves YAML text: as a new scenario, or as a new version of `scenarioId`. */
export function saveLibraryScenario(
  text: string,
  facilitatorKey: string | undefined,
  asVersionOf?: string,
): Promise<LibrarySaveResult> {
  const url = asVersionOf ? `/api/scenarios/${encodeURIComponent(asVersionOf)}/versions` : '/api/scenarios';
  return librarySave(url, {
    method: 'POST',
    headers: keyHeaders(facilitatorKey, 'application/yaml'),
    body: text,
  });
}

/** The dry run's report for the text being edited (computer players play it on three seeds). */
export async function dryRunScenario(
  text: string,
  facilitatorKey: string | undefined,
): Promise<ApiResult<unknown>> {
  try {
    const response = await fetch('/api/scenarios/dry-run', {
      method: 'POST',
      headers: keyHeaders(facilitatorKey, 'application/yaml'),
      body: text,
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = body as Partial<AckError> | undefined;
      return {
        ok: false,
        code: error?.code ?? `http-${response.status}`,
        message: error?.message ?? 'The dry run failed.',
      };
    }
    return { ok: true, value: body };
  } catch {
    return { ok: false, code: 'network-error', message: 'The server could not be reached.' };
  }
}
