import { timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { FACILITATOR_KEY_HEADER } from '../../shared/protocol/rest';
import {
  archiveScenarioRequestSchema,
  duplicateScenarioRequestSchema,
  type InvalidScenario,
  type LocatedProblem,
  type SavedScenario,
  type ScenarioDetail,
  type ScenarioLibraryList,
} from '../../shared/protocol/scenario-library';
import { parseScenario, SCENARIO_MAX_BYTES, scenarioSizeProblem } from '../../shared/scenario/parse';
import { setYamlValue } from '../../shared/scenario/yaml-edit';
import { dryRun } from '../game/dry-run';
import type { Logger } from '../logger';
import type { LibraryCatalog, SaveScenarioResult } from '../sessions/scenario-catalog';
import { sendError } from './errors';

export interface ScenarioApiOptions {
  catalog: LibraryCatalog;
  logger: Logger;
  /** When set, every write and every read of a scenario's text needs `X-Facilitator-Key`. */
  facilitatorKey?: string | undefined;
  now?: () => number;
}

/** The text types a scenario is uploaded as; JSON is read as YAML (YAML reads JSON), keeping its lines. */
const SCENARIO_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
  'application/json',
];
/** The dry run plays whole games; a few seeds are enough to see what no run reaches. */
const DRY_RUN_SEEDS = [1, 2, 3];

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The scenario library over REST, mounted at /api/scenarios (shapes and the route list in
 * shared/protocol/scenario-library.ts). Bodies are read as text so that a problem's line and column
 * are the uploaded file's own.
 */
export function createScenarioApiRouter(options: ScenarioApiOptions): Router {
  const { catalog, logger } = options;
  const now = options.now ?? Date.now;
  const router = express.Router();
  // One byte over the limit is enough to know the file is too large; the parser reports it, located.
  router.use(express.text({ type: SCENARIO_TYPES, limit: SCENARIO_MAX_BYTES + 1 }));

  const keyOk = (req: Request, res: Response): boolean => {
    if (options.facilitatorKey === undefined) return true;
    const given = req.get(FACILITATOR_KEY_HEADER);
    if (given !== undefined && sameSecret(given, options.facilitatorKey)) return true;
    sendError(
      res,
      401,
      'facilitator-key-required',
      'the scenario library needs the facilitator key (X-Facilitator-Key)',
    );
    return false;
  };
  const bodyText = (req: Request, res: Response): string | undefined => {
    if (typeof req.body === 'string' && req.body.length > 0) return req.body;
    sendError(
      res,
      415,
      'invalid-payload',
      `send the scenario file as the body, as ${SCENARIO_TYPES.slice(0, 1).join('')} or application/json`,
    );
    return undefined;
  };
  const jsonBody = (req: Request): unknown => {
    try {
      return typeof req.body === 'string' ? JSON.parse(req.body) : req.body;
    } catch {
      return undefined;
    }
  };
  const answer = (res: Response, result: SaveScenarioResult, status = 201): void => {
    if (result.ok) {
      const body: SavedScenario = {
        scenarioId: result.scenario.id,
        version: result.saved.version.version,
        created: result.saved.created,
      };
      logger.info(body, 'scenario saved');
      res.status(result.saved.created ? status : 200).json(body);
      return;
    }
    if (result.code === 'invalid-scenario') {
      sendInvalid(res, result.problems);
      return;
    }
    const code = result.code === 'id-mismatch' ? 'invalid-payload' : result.code;
    sendError(
      res,
      result.code === 'unknown-scenario' ? 404 : result.code === 'scenario-exists' ? 409 : 400,
      code,
      result.message,
    );
  };

  router.get('/', async (_req, res) => {
    await catalog.refresh();
    const body: ScenarioLibraryList = {
      scenarios: catalog.summaries(),
      library: catalog.entries(),
      problems: catalog.problems(),
    };
    res.json(body);
  });

  router.post('/', async (req, res) => {
    if (!keyOk(req, res)) return;
    const text = bodyText(req, res);
    if (text === undefined) return;
    answer(
      res,
      await catalog.save(text, { fileName: uploadName(req), origin: 'upload', mode: 'new', at: now() }),
    );
  });

  // Before /:id, so that "dry-run" is never read as a scenario id.
  router.post('/dry-run', async (req, res) => {
    if (!keyOk(req, res)) return;
    const text = bodyText(req, res);
    if (text === undefined) return;
    const parsed = parseScenario(text, uploadName(req));
    if (!parsed.ok) {
      sendInvalid(res, parsed.problems);
      return;
    }
    res.json(await dryRun(parsed.scenario, { seeds: DRY_RUN_SEEDS }));
  });

  router.get('/:id', async (req, res) => {
    if (!keyOk(req, res)) return;
    const entry =
      catalog.entries().find((e) => e.scenarioId === req.params.id) ??
      (await refreshed(catalog, req.params.id));
    if (!entry) {
      sendError(res, 404, 'unknown-scenario', `no scenario ${JSON.stringify(req.params.id)}`);
      return;
    }
    const wanted = Number(req.query.version ?? entry.versions.at(-1)?.version);
    const text = Number.isInteger(wanted) ? await catalog.library.read(entry.scenarioId, wanted) : undefined;
    if (text === undefined) {
      sendError(
        res,
        404,
        'not-found',
        `scenario ${entry.scenarioId} has no version ${String(req.query.version)}`,
      );
      return;
    }
    const body: ScenarioDetail = { entry, version: wanted, text };
    res.json(body);
  });

  router.get('/:id/versions/:file', async (req, res) => {
    if (!keyOk(req, res)) return;
    const match = /^(\d+)(\.ya?ml)?$/.exec(req.params.file);
    const text = match ? await catalog.library.read(req.params.id, Number(match[1])) : undefined;
    if (text === undefined || !match) {
      sendError(
        res,
        404,
        'not-found',
        `no version ${req.params.file} of scenario ${JSON.stringify(req.params.id)}`,
      );
      return;
    }
    res.attachment(`${req.params.id}-v${match[1]}.yaml`).type('application/yaml; charset=utf-8').send(text);
  });

  router.post('/:id/versions', async (req, res) => {
    if (!keyOk(req, res)) return;
    const text = bodyText(req, res);
    if (text === undefined) return;
    answer(
      res,
      await catalog.save(text, {
        fileName: uploadName(req),
        origin: 'edit',
        mode: 'version',
        scenarioId: req.params.id,
        at: now(),
      }),
    );
  });

  router.post('/:id/duplicate', async (req, res) => {
    if (!keyOk(req, res)) return;
    const parsed = duplicateScenarioRequestSchema.safeParse(jsonBody(req));
    if (!parsed.success) {
      sendError(
        res,
        400,
        'invalid-payload',
        parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
      );
      return;
    }
    const entry = (await refreshed(catalog, req.params.id)) ?? undefined;
    const latest = entry?.versions.at(-1);
    const source = latest && (await catalog.library.read(req.params.id, latest.version));
    if (!entry || !latest || source === undefined) {
      sendError(res, 404, 'unknown-scenario', `no scenario ${JSON.stringify(req.params.id)}`);
      return;
    }
    // The copy is the same file with a new id (and title): edited in place, comments and all.
    let text = setYamlValue(source, ['id'], parsed.data.id);
    if (parsed.data.title !== undefined) text = setYamlValue(text, ['title'], parsed.data.title);
    answer(
      res,
      await catalog.save(text, {
        fileName: `${parsed.data.id}.yaml`,
        origin: 'copy',
        mode: 'new',
        source: `${req.params.id}@${latest.version}`,
        at: now(),
      }),
    );
  });

  router.post('/:id/archive', async (req, res) => {
    if (!keyOk(req, res)) return;
    const parsed = archiveScenarioRequestSchema.safeParse(jsonBody(req));
    if (!parsed.success) {
      sendError(res, 400, 'invalid-payload', 'the body is { "archived": true } or { "archived": false }');
      return;
    }
    if (!(await catalog.library.setArchived(req.params.id, parsed.data.archived))) {
      sendError(res, 404, 'unknown-scenario', `no scenario ${JSON.stringify(req.params.id)}`);
      return;
    }
    await catalog.refresh();
    res.json({ scenarioId: req.params.id, archived: parsed.data.archived });
  });

  const tooLarge: ErrorRequestHandler = (error, _req, res, next) => {
    if ((error as { type?: string }).type === 'entity.too.large') {
      const problem = scenarioSizeProblem(
        'upload',
        (error as { length?: number }).length ?? SCENARIO_MAX_BYTES + 1,
      );
      sendInvalid(res, problem ? [problem] : [], 413);
      return;
    }
    next(error);
  };
  router.use(tooLarge);
  return router;
}

function sendInvalid(res: Response, problems: LocatedProblem[], status = 422): void {
  const body: InvalidScenario = {
    ok: false,
    code: 'invalid-scenario',
    message: `the scenario has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    problems,
  };
  res.status(status).json(body);
}

/** The file name problems are reported under: the client's `?file=` (its own file name), else "upload". */
function uploadName(req: Request): string {
  const name = typeof req.query.file === 'string' ? req.query.file : '';
  return /^[\w.-]{1,100}$/.test(name) ? name : 'upload.yaml';
}

async function refreshed(catalog: LibraryCatalog, scenarioId: string) {
  await catalog.refresh();
  return catalog.entries().find((e) => e.scenarioId === scenarioId);
}
