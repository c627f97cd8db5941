import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { ErrorCode } from '../../shared/protocol/error-codes';
import { authenticate } from '../../shared/session/credentials';
import { forkSpecSchema } from '../../shared/session/fork';
import type { LogEntry } from '../../shared/session/log';
import { afterActionReport, type ReportAudience } from '../../shared/views/after-action-report';
import { forkReport, MAX_REPORT_FORKS } from '../../shared/views/fork-report';
import type { SessionRuntime } from '../game/session-runtime';
import { improvementPlanCsv } from '../reports/improvement-plan-csv';
import { reportDocx } from '../reports/report-docx';
import { hashToken } from '../sessions/tokens';
import { bearerToken } from './bearer';
import { sendError } from './errors';

export interface ReportRouterOptions {
  /** The sessions this process runs (ended ones stay for an hour before they are archived). */
  registry: {
    get(sessionId: string): SessionRuntime | undefined;
    /** The facilitator-only log (server/sessions/session-registry.ts), for the forks of the Word file. */
    exportSession?(
      sessionId: string,
      tokenHash: string,
    ): Promise<
      { ok: true; export: { events: LogEntry[] } } | { ok: false; code: ErrorCode; message: string }
    >;
  };
}

/** The body of POST report.docx: the facilitator's kept forks (client/src/lib/forks.ts), recomputed here from the log. */
const docxRequestSchema = z
  .object({ forks: z.array(forkSpecSchema).max(MAX_REPORT_FORKS).default([]) })
  .strict();

/**
 * The after-action report's documents (issue 21): JSON for the report page, Word, and the
 * improvement plan as CSV. Any credential of the session opens it: the facilitator's shows the
 * facilitator's report, every other (a player's, or an observer link issued as the read-only share
 * link) the participants' report, without evaluator notes nor secrets they were not entitled to.
 */
export function createReportRouter(options: ReportRouterOptions): Router {
  const router = Router();

  function open(req: Request<{ sessionId: string }>, res: Response) {
    const token = bearerToken(req);
    if (token === undefined) {
      sendError(res, 401, 'invalid-token', 'send "Authorization: Bearer <token>"');
      return undefined;
    }
    const session = options.registry.get(req.params.sessionId);
    const actor = session && authenticate(session.state, hashToken(token));
    if (!session || !actor) {
      sendError(res, 404, 'not-found', 'no running exercise with this id has this token');
      return undefined;
    }
    const audience: ReportAudience = actor.kind === 'facilitator' ? 'facilitator' : 'participants';
    return {
      report: afterActionReport(session.state, audience),
      sessionId: session.sessionId,
      audience,
      token,
    };
  }

  router.get('/sessions/:sessionId/report', (req, res) => {
    const opened = open(req, res);
    if (opened) res.json(opened.report);
  });
  router.get('/sessions/:sessionId/report.docx', async (req, res) => {
    const opened = open(req, res);
    if (!opened) return;
    res.set('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.set('Content-Disposition', `attachment; filename="after-action-report-${opened.sessionId}.docx"`);
    res.send(await reportDocx(opened.report));
  });
  // The Word file with the facilitator's forks: they live in the facilitator's browser, so the page
  // posts their specs (name, round, alternative; never a result) and they are recomputed from the
  // log with the same pure code the page uses (shared/views/fork-report.ts). Facilitator only.
  router.post('/sessions/:sessionId/report.docx', express.json({ limit: 64 * 1024 }), async (req, res) => {
    const opened = open(req, res);
    if (!opened) return;
    const parsed = docxRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      sendError(res, 400, 'invalid-payload', parsed.error.issues.map((i) => i.message).join('; '));
      return;
    }
    let forks: ReturnType<typeof forkReport> = [];
    if (parsed.data.forks.length > 0) {
      if (opened.audience !== 'facilitator' || !options.registry.exportSession) {
        sendError(res, 403, 'not-authorized', 'only the facilitator may include forks');
        return;
      }
      const exported = await options.registry.exportSession(opened.sessionId, hashToken(opened.token));
      if (!exported.ok) {
        sendError(res, exported.code === 'not-found' ? 404 : 503, exported.code, exported.message);
        return;
      }
      forks = forkReport(exported.export.events, parsed.data.forks);
    }
    res.set('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.set('Content-Disposition', `attachment; filename="after-action-report-${opened.sessionId}.docx"`);
    res.send(await reportDocx(opened.report, { forks }));
  });
  router.get('/sessions/:sessionId/improvement-plan.csv', (req, res) => {
    const opened = open(req, res);
    if (!opened) return;
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="improvement-plan-${opened.sessionId}.csv"`);
    res.send(improvementPlanCsv(opened.report));
  });
  return router;
}

/** The REST API with the report routes in front of it (mounted at /api by server/http/app.ts). */
export function withReportRoutes(options: ReportRouterOptions, api: Router): Router {
  return Router().use(createReportRouter(options), api);
}
