import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import {
  type CoFacilitatorResponse,
  type CohortActResponse,
  type CreateCohortResponse,
  coFacilitatorRequestSchema,
  cohortActRequestSchema,
  cohortPollQuerySchema,
  createCohortRequestSchema,
  type TableCohortResponse,
} from '../../shared/protocol/cohort';
import { FACILITATOR_KEY_HEADER } from '../../shared/protocol/rest';
import type { CohortState } from '../../shared/session/cohort';
import type { Command } from '../../shared/session/commands';
import type { Logger } from '../logger';
import type { CohortAuth, CohortRegistry } from '../sessions/cohort-registry';
import type { ScenarioCatalog } from '../sessions/scenario-catalog';
import { bearerToken } from './bearer';
import { sendError } from './errors';

export interface CohortApiOptions {
  cohorts: CohortRegistry;
  catalog: ScenarioCatalog;
  logger: Logger;
  facilitatorKey?: string | undefined;
  maxBodyBytes: number;
  /** How long a long poll waits for a change (tests shorten it). */
  longPollMs?: number;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function problems(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`).join('; ');
}

/** Classroom mode's REST API under /api/cohorts (shapes in shared/protocol/cohort.ts). */
export function createCohortApiRouter(options: CohortApiOptions): Router {
  const { cohorts, catalog, logger } = options;
  const router = express.Router();
  router.use(express.json({ limit: options.maxBodyBytes, strict: true }));

  router.post('/', async (req, res) => {
    if (options.facilitatorKey !== undefined) {
      const given = req.get(FACILITATOR_KEY_HEADER);
      if (given === undefined || !sameSecret(given, options.facilitatorKey)) {
        sendError(
          res,
          401,
          'facilitator-key-required',
          'creating a class needs the facilitator key (X-Facilitator-Key)',
        );
        return;
      }
    }
    const parsed = createCohortRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'invalid-payload', problems(parsed.error));
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
    // A fresh token for the class: the tables share it, and "my exercises" lists them under it.
    const created = await cohorts.create({
      scenario,
      tables: parsed.data.tables,
      name: parsed.data.name,
      seeds: parsed.data.seeds,
      ...(parsed.data.seed !== undefined ? { seed: parsed.data.seed } : {}),
      address: req.socket.remoteAddress ?? 'unknown',
    });
    if (!created.ok) {
      const status =
        created.code === 'rate-limited'
          ? 429
          : created.code === 'capacity' || created.code === 'storage-unavailable'
            ? 503
            : 500;
      if (status !== 500) res.set('Retry-After', '60');
      sendError(res, status, created.code, created.message);
      return;
    }
    logger.info(
      { cohortId: created.cohort.cohortId, tables: created.cohort.tables.length, scenarioId: scenario.id },
      'class created',
    );
    const body: CreateCohortResponse = {
      cohortId: created.cohort.cohortId,
      facilitatorToken: created.facilitatorToken,
      screenToken: created.screenToken,
      tables: created.cohort.tables.map((t) => ({
        sessionId: t.sessionId,
        joinCode: t.joinCode,
        number: t.number,
      })),
    };
    res.status(201).json(body);
  });

  /** The cohort when the bearer token is one of the allowed credentials; otherwise an error was sent. */
  async function open(
    req: Request<{ cohortId: string }>,
    res: Response,
    allowed: readonly CohortAuth[],
  ): Promise<CohortState | undefined> {
    const token = bearerToken(req);
    if (token === undefined) {
      sendError(res, 401, 'invalid-token', 'send "Authorization: Bearer <token>"');
      return undefined;
    }
    const cohort = await cohorts.get(req.params.cohortId);
    const auth = cohort && cohorts.authenticate(cohort, token);
    // "No such class" and "not your token" are one answer, so it reveals nothing.
    if (!cohort || !auth || !allowed.includes(auth)) {
      sendError(res, 404, 'not-found', 'no class with this id has this token');
      return undefined;
    }
    return cohort;
  }

  async function waitFor(req: Request, res: Response): Promise<boolean> {
    const query = cohortPollQuerySchema.safeParse(req.query);
    if (!query.success) {
      sendError(res, 400, 'invalid-payload', problems(query.error));
      return false;
    }
    await cohorts.changed(query.data.after, options.longPollMs);
    return !res.writableEnded && !req.socket.destroyed;
  }

  // The class section of one table's after-action report (client/src/routes/report.tsx): the
  // comparison of the class the table belongs to, for a facilitator credential of that table.
  // "Not in a class" and "not your token" are one answer ({ cohort: null }), revealing nothing.
  router.get('/for-session/:sessionId/comparison', async (req, res) => {
    const token = bearerToken(req);
    if (token === undefined) {
      sendError(res, 401, 'invalid-token', 'send "Authorization: Bearer <token>"');
      return;
    }
    const found = await cohorts.tableComparison(req.params.sessionId, token);
    if (found && !found.comparison) {
      sendError(res, 503, 'storage-unavailable', 'the tables cannot be read now');
      return;
    }
    const body: TableCohortResponse = {
      cohort: found?.comparison
        ? {
            cohortId: found.cohort.cohortId,
            name: found.cohort.name,
            number: found.number,
            comparison: found.comparison,
          }
        : null,
    };
    res.json(body);
  });

  router.get('/:cohortId/overview', async (req, res) => {
    if (!(await open(req, res, ['facilitator']))) return;
    if (!(await waitFor(req, res))) return;
    const cohort = await cohorts.get(req.params.cohortId);
    if (cohort) res.json(await cohorts.overview(cohort));
  });

  router.get('/:cohortId/room', async (req, res) => {
    if (!(await open(req, res, ['facilitator', 'screen']))) return;
    if (!(await waitFor(req, res))) return;
    const cohort = await cohorts.get(req.params.cohortId);
    const room = cohort && (await cohorts.room(cohort));
    if (!room) {
      sendError(res, 503, 'storage-unavailable', 'the tables cannot be read now');
      return;
    }
    res.json(room);
  });

  router.get('/:cohortId/comparison', async (req, res) => {
    const cohort = await open(req, res, ['facilitator']);
    if (!cohort) return;
    const comparison = await cohorts.comparison(cohort);
    if (!comparison) {
      sendError(res, 503, 'storage-unavailable', 'the tables cannot be read now');
      return;
    }
    res.json(comparison);
  });

  router.post('/:cohortId/act', async (req, res) => {
    const cohort = await open(req, res, ['facilitator']);
    if (!cohort) return;
    const parsed = cohortActRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'invalid-payload', problems(parsed.error));
      return;
    }
    const { command, tables } = parsed.data;
    const game: Command =
      command.type === 'broadcast' ? { type: 'broadcast', body: command.body, audience: 'all' } : command;
    const body: CohortActResponse = { results: await cohorts.act(cohort, game, tables) };
    res.json(body);
  });

  router.post('/:cohortId/tables/:sessionId/co-facilitator', async (req, res) => {
    const cohort = await open(req, res, ['facilitator']);
    if (!cohort) return;
    const parsed = coFacilitatorRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'invalid-payload', problems(parsed.error));
      return;
    }
    const issued = await cohorts.coFacilitator(cohort, req.params.sessionId, parsed.data.name);
    if (!issued.ok) {
      sendError(res, issued.code === 'not-found' ? 404 : 409, issued.code, issued.message);
      return;
    }
    const body: CoFacilitatorResponse = { sessionId: req.params.sessionId, token: issued.token };
    res.status(201).json(body);
  });

  return router;
}

/** The REST API with classroom mode's routes at /cohorts in front of it (mounted at /api). */
export function withCohortRoutes(options: CohortApiOptions, api: Router): Router {
  return express.Router().use('/cohorts', createCohortApiRouter(options)).use(api);
}
