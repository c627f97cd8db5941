import type { TableCohort, TableCohortResponse } from '../../../shared/protocol/cohort';
import type { ForkSpec } from '../../../shared/session/fork';
import type { AfterActionReport } from '../../../shared/views/after-action-report';
import type { ApiResult } from './api';

/** The after-action report's documents (server/http/report-router.ts), opened with any credential of the session. */
const reportUrl = (sessionId: string, file: 'report' | 'report.docx' | 'improvement-plan.csv') =>
  `/api/sessions/${encodeURIComponent(sessionId)}/${file}`;

async function fetchWith(
  url: string,
  token: string,
  body?: unknown,
): Promise<Response | { ok: false; code: string; message: string }> {
  try {
    if (body !== undefined)
      return await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    return await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    return {
      ok: false,
      code: 'network-error',
      message: 'The server could not be reached. Check the connection.',
    };
  }
}

export async function fetchReport(sessionId: string, token: string): Promise<ApiResult<AfterActionReport>> {
  const response = await fetchWith(reportUrl(sessionId, 'report'), token);
  if (!(response instanceof Response)) return response;
  const body = (await response.json().catch(() => undefined)) as
    | AfterActionReport
    | { code?: string; message?: string }
    | undefined;
  if (!response.ok || !body || !('overview' in body)) {
    const error = body as { code?: string; message?: string } | undefined;
    return {
      ok: false,
      code: error?.code ?? `http-${response.status}`,
      message: error?.message ?? 'The report could not be opened.',
    };
  }
  return { ok: true, value: body };
}

/**
 * The class this table belongs to, for the report's "The class" section (server/http/cohort-api.ts):
 * `undefined` when the table is in no class (or the token is not its facilitator's).
 */
export async function fetchTableCohort(
  sessionId: string,
  token: string,
): Promise<ApiResult<TableCohort | undefined>> {
  const response = await fetchWith(
    `/api/cohorts/for-session/${encodeURIComponent(sessionId)}/comparison`,
    token,
  );
  if (!(response instanceof Response)) return response;
  const body = (await response.json().catch(() => undefined)) as
    | TableCohortResponse
    | { code?: string; message?: string }
    | undefined;
  if (!response.ok || !body || !('cohort' in body)) {
    const error = body as { code?: string; message?: string } | undefined;
    return {
      ok: false,
      code: error?.code ?? `http-${response.status}`,
      message: error?.message ?? 'The class could not be read.',
    };
  }
  return { ok: true, value: body.cohort ?? undefined };
}

/**
 * Downloads the Word document or the improvement plan's CSV under the server's file name. The
 * facilitator's kept forks (client/src/lib/forks.ts) go with the Word request, and the server
 * recomputes them from the log for the document's "What if: the forks" section.
 */
export async function downloadReportFile(
  sessionId: string,
  token: string,
  file: 'report.docx' | 'improvement-plan.csv',
  forks: readonly ForkSpec[] = [],
): Promise<ApiResult<string>> {
  const response = await fetchWith(
    reportUrl(sessionId, file),
    token,
    file === 'report.docx' && forks.length > 0 ? { forks } : undefined,
  );
  if (!(response instanceof Response)) return response;
  if (!response.ok)
    return { ok: false, code: `http-${response.status}`, message: 'The file could not be downloaded.' };
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? file;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return { ok: true, value: name };
}
