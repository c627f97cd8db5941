import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';

/**
 * Many machines: REST calls about one live session answered by the process that owns it, wherever
 * the load balancer sent them. The session's runtime (its state, its credentials, its after-action
 * report, its cohort's presence) is in the owner's memory only, so a request for a session another
 * process leases is proxied there unchanged (method, path, headers, body) and the owner's answer is
 * returned as is: authentication, limits and error codes stay the owner's. Everything else, and a
 * session nobody else leases (this process then adopts it, as for a socket), is served here.
 *
 * Mounted at /api before the routers: the body is still the unread request stream, piped through.
 * A forwarded request carries FORWARDED_HEADER and is never forwarded again, so two processes that
 * disagree for a moment about the owner cannot bounce a request between them.
 */
export const FORWARDED_HEADER = 'x-crisis-table-forwarded';

export interface HttpOwnerLookup {
  /** The url of the process owning the session when it is another one. */
  ownerOfSession(sessionId: string): Promise<string | undefined>;
  ownerOfJoinCode(joinCode: string): Promise<string | undefined>;
  /** The url of the process that serves the cohort (owns its tables) when it is another one. */
  ownerOfCohort(cohortId: string): Promise<string | undefined>;
}

/** How long the owner gets to answer a forwarded request (a long poll waits up to 20 s). */
const FORWARD_TIMEOUT_MS = 30_000;

/** Which owner a path under /api is about, if any. */
function ownerFor(path: string, method: string, lookup: HttpOwnerLookup): Promise<string | undefined> {
  const session = /^\/sessions\/([^/]+)\/./.exec(path);
  if (session) return lookup.ownerOfSession(decodeURIComponent(session[1] as string));
  const tableOfCohort = /^\/cohorts\/for-session\/([^/]+)\//.exec(path);
  if (tableOfCohort) return lookup.ownerOfSession(decodeURIComponent(tableOfCohort[1] as string));
  const cohort = /^\/cohorts\/([^/]+)\/./.exec(path);
  if (cohort) return lookup.ownerOfCohort(decodeURIComponent(cohort[1] as string));
  const join = method === 'GET' ? /^\/join\/([^/]+)$/.exec(path) : null;
  if (join) return lookup.ownerOfJoinCode(decodeURIComponent(join[1] as string));
  return Promise.resolve(undefined);
}

export function forwardToOwner(lookup: HttpOwnerLookup, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.get(FORWARDED_HEADER) !== undefined) return next();
    let owner: string | undefined;
    try {
      owner = await ownerFor(req.path, req.method, lookup);
    } catch (error) {
      logger.warn({ err: error, path: req.path }, 'could not look up the owner of a request');
    }
    if (!owner) return next();
    proxy(req, res, owner, logger);
  };
}

function proxy(req: Request, res: Response, ownerUrl: string, logger: Logger): void {
  const target = new URL(req.originalUrl, ownerUrl);
  const headers = { ...req.headers, [FORWARDED_HEADER]: '1', host: target.host };
  delete headers.connection;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers, timeout: FORWARD_TIMEOUT_MS }, (answer) => {
    res.status(answer.statusCode ?? 502);
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined && name !== 'connection' && name !== 'transfer-encoding')
        res.setHeader(name, value);
    answer.pipe(res);
  });
  const fail = (error: Error) => {
    logger.warn({ err: error, path: req.path, owner: ownerUrl }, 'a forwarded request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(503).json({
      ok: false,
      code: 'session-closed',
      message:
        'the server running this exercise cannot be reached now (it may be moving to another server); retry in a moment',
    });
  };
  upstream.on('timeout', () => upstream.destroy(new Error(`no answer within ${FORWARD_TIMEOUT_MS} ms`)));
  upstream.on('error', fail);
  // A client that gives up (a long poll closed) ends the forwarded request too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
