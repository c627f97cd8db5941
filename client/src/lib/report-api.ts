import type { AfterActionReport } from '../../../shared/views/after-action-report';
import type { ApiResult } from './api';

/** The after-action report's documents (server/http/report-router.ts), opened with any credential of the session. */
const reportUrl = (sessionId: string, file: 'report' | 'report.docx' | 'improvement-plan.csv') =>
  `/api/sessions/${encodeURIComponent(sessionId)}/${file}`;

async function fetchWith(
  url: string,
  token: string,
): Promise<Response | { ok: false; code: string; message: string }> {
  try {
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

/** Downloads the Word document or the improvement plan's CSV under the server's file name. */
export async function downloadReportFile(
  sessionId: string,
  token: string,
  file: 'report.docx' | 'improvement-plan.csv',
): Promise<ApiResult<string>> {
  const response = await fetchWith(reportUrl(sessionId, file), token);
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
