import type { Request, Response, Router } from 'express';
import { authenticate } from '../../shared/session/credentials';
import type { SessionState } from '../../shared/session/state';
import type { SessionRegistry } from '../sessions/session-registry';
import { hashToken } from '../sessions/tokens';
import { bearerToken } from './bearer';
import { sendError } from './errors';

/** Most items one page answers with. */
const MAX_PAGE = 500;

/**
 * What the facilitator's view bounds (issue 19: the newest messages and credentials only) fetched
 * on demand, a page at a time, oldest first: `GET /api/sessions/:id/messages?offset=&limit=` and
 * `GET /api/sessions/:id/credentials?offset=&limit=`, for that session's facilitator token, of a
 * session live on this server. Answer: `{ total, offset, items }`. Unknown session, malformed id
 * and "not yours" are one 404, as for the export.
 */
export function mountSessionRecords(router: Router, registry: SessionRegistry): void {
  const page =
    (pick: (state: SessionState) => readonly unknown[]) =>
    (req: Request, res: Response): void => {
      const token = bearerToken(req);
      if (token === undefined) {
        sendError(res, 401, 'invalid-token', 'send "Authorization: Bearer <facilitator token>"');
        return;
      }
      const sessionId = String(req.params.sessionId);
      const state = registry.get(sessionId)?.state;
      if (!state || authenticate(state, hashToken(token))?.kind !== 'facilitator') {
        sendError(res, 404, 'not-found', 'no live session with this id has this facilitator token');
        return;
      }
      const offset = intParam(req.query.offset, 0);
      const limit = intParam(req.query.limit, 100);
      if (offset === undefined || limit === undefined || limit < 1 || limit > MAX_PAGE) {
        sendError(res, 400, 'invalid-payload', `offset >= 0 and 1 <= limit <= ${MAX_PAGE}, integers`);
        return;
      }
      const all = pick(state);
      res.json({ total: all.length, offset, items: all.slice(offset, offset + limit) });
    };
  router.get(
    '/sessions/:sessionId/messages',
    page((state) => state.messages),
  );
  router.get(
    '/sessions/:sessionId/credentials',
    page((state) => state.credentials),
  );
}

function intParam(raw: unknown, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}
