import { type Request, type Response, Router } from 'express';
import { authenticate } from '../../shared/session/credentials';
import { afterActionReport, type ReportAudience } from '../../shared/views/after-action-report';
import type { SessionRuntime } from '../game/session-runtime';
import { improvementPlanCsv } from '../reports/improvement-plan-csv';
import { reportDocx } from '../reports/report-docx';
import { hashToken } from '../sessions/tokens';
import { bearerToken } from './bearer';
import { sendError } from './errors';

export interface ReportRouterOptions {
  /** The sessions this process runs (ended ones stay for an hour before they are archived). */
  registry: { get(sessionId: string): SessionRuntime | undefined };
}

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
    return { report: afterActionReport(session.state, audience), sessionId: session.sessionId };
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
