import { timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import {
  type CreateSessionResponse,
  createSessionRequestSchema,
  FACILITATOR_KEY_HEADER,
  type ListScenariosResponse,
  type ListSessionsResponse,
} from '../../shared/protocol/rest';
import { joinPreview } from '../../shared/views/public';
import type { Logger } from '../logger';
import type { JoinDesk } from '../sessions/join-desk';
import type { ScenarioCatalog } from '../sessions/scenario-catalog';
import type { SessionRegistry } from '../sessions/session-registry';
import { hashToken } from '../sessions/tokens';
import { bearerToken } from './bearer';
import { sendError } from './errors';

export interface ApiOptions {
  catalog: ScenarioCatalog;
  registry: SessionRegistry;
  /** The join-code lookup shared with the socket join. */
  joinDesk: JoinDesk;
  logger: Logger;
  /** When set, creating an exercise requires `X-Facilitator-Key: <key>`. */
  facilitatorKey?: string | undefined;
  /** Largest accepted JSON body. */
  maxBodyBytes: number;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** The REST API, mounted at /api. Shapes are in shared/protocol/rest.ts. */
export function createApiRouter(options: ApiOptions): Router {
  const { catalog, registry, joinDesk, logger } = options;
  const router = express.Router();
  router.use(express.json({ limit: options.maxBodyBytes, strict: true }));

  router.get('/scenarios', (_req, res) => {
    const body: ListScenariosResponse = { scenarios: catalog.summaries() };
    res.json(body);
  });

  router.post('/sessions', async (req, res) => {
    if (options.facilitatorKey !== undefined) {
      const given = req.get(FACILITATOR_KEY_HEADER);
      if (given === undefined || !sameSecret(given, options.facilitatorKey)) {
        sendError(
          res,
          401,
          'facilitator-key-required',
          'creating an exercise needs the facilitator key (X-Facilitator-Key)',
        );
        return;
      }
    }
    const parsed = createSessionRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      sendError(res, 400, 'invalid-payload', problems.join('; '));
      return;
    }
    const scenario = catalog.get(parsed.data.scenarioId);
    if (!scenario) {
      sendError(
        res,
        404,
        'unknown-scenario',
        `no scenario with id ${JSON.stringify(parsed.data.scenarioId)}`,
      );
      return;
    }
    // A facilitator who already holds a token may reuse it, so that one token lists all their exercises.
    const existing = bearerToken(req);
    if (req.get('authorization') !== undefined && existing === undefined) {
      sendError(res, 401, 'invalid-token', 'the Authorization header must be "Bearer <facilitator token>"');
      return;
    }
    if (existing !== undefined && registry.sessionsOfFacilitator(hashToken(existing)).length === 0) {
      sendError(
        res,
        401,
        'invalid-token',
        'the facilitator token is not valid for any session on this server',
      );
      return;
    }
    const created = await registry.create({
      scenario,
      ...(parsed.data.seed !== undefined ? { seed: parsed.data.seed } : {}),
      ...(existing !== undefined ? { facilitatorToken: existing } : {}),
    });
    if (!created.ok) {
      sendError(res, created.code === 'storage-unavailable' ? 503 : 500, created.code, created.message);
      return;
    }
    logger.info({ sessionId: created.sessionId, scenarioId: scenario.id }, 'exercise created');
    const body: CreateSessionResponse = {
      sessionId: created.sessionId,
      joinCode: created.joinCode,
      facilitatorToken: created.facilitatorToken,
    };
    res.status(201).json(body);
  });

  router.get('/sessions', (req, res) => {
    const token = bearerToken(req);
    if (token === undefined) {
      sendError(res, 401, 'invalid-token', 'send "Authorization: Bearer <facilitator token>"');
      return;
    }
    const body: ListSessionsResponse = { sessions: registry.sessionsOfFacilitator(hashToken(token)) };
    res.json(body);
  });

  router.get('/sessions/:sessionId/export', async (req, res) => {
    const token = bearerToken(req);
    if (token === undefined) {
      sendError(res, 401, 'invalid-token', 'send "Authorization: Bearer <facilitator token>"');
      return;
    }
    const exported = await registry.exportSession(req.params.sessionId, hashToken(token));
    if (!exported.ok) {
      const status = exported.code === 'invalid-token' ? 401 : exported.code === 'not-found' ? 404 : 503;
      sendError(res, status, exported.code, exported.message);
      return;
    }
    res.set('Content-Disposition', `attachment; filename="crisis-table-${exported.export.sessionId}.json"`);
    res.json(exported.export);
  });

  router.get('/join/:code', async (req, res) => {
    const found = await joinDesk(clientAddress(req), req.params.code);
    if (!found.ok && found.code === 'too-many-attempts') {
      res.set('Retry-After', String(Math.ceil(found.retryAfterMs / 1000)));
      sendError(
        res,
        429,
        'too-many-attempts',
        'too many wrong join codes from this address; wait and try again',
      );
      return;
    }
    if (!found.ok) {
      sendError(res, 404, 'unknown-join-code', 'no live exercise has this join code');
      return;
    }
    res.json(joinPreview(found.runtime.state));
  });

  router.use((_req, res) => {
    sendError(res, 404, 'not-found', 'no such API route');
  });

  // Body-parser failures (bad JSON, too large) and anything thrown: a JSON error, never a stack trace.
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      sendError(res, 413, 'payload-too-large', `request bodies are limited to ${options.maxBodyBytes} bytes`);
    } else if (
      type === 'entity.parse.failed' ||
      type === 'encoding.unsupported' ||
      type === 'charset.unsupported'
    ) {
      sendError(res, 400, 'invalid-payload', 'the body is not valid JSON');
    } else {
      logger.error({ err: error }, 'API request failed');
      sendError(res, 500, 'internal-error', 'the server failed to handle the request');
    }
  };
  router.use(onError);
  return router;
}
