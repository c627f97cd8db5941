import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import { JOIN_URLS_PATH } from '../../shared/protocol/join-urls';
import { corsFor } from './cors';
import { sendError } from './errors';

export interface HttpAppOptions {
  /** Folder with the built client (index.html + assets); the SPA is served when it exists. */
  clientDir: string;
  /** Whether the service is ready for traffic (sessions restored, store reachable). */
  isReady: () => boolean | Promise<boolean>;
  /** Many machines: the lease health /readyz reports (sessions owned, whether every lease is renewed in time). */
  leaseHealth?: () => { ok: boolean; owned: number; nodeId: string };
  /** The REST API, mounted at /api. */
  api?: Router;
  /** The scenario library (./scenario-api.ts), mounted at /api/scenarios before the rest of the API. */
  scenarioApi?: Router;
  /** Prometheus registry served at /metrics. */
  metrics?: Registry;
  /** GET /api/join-urls: where phones reach this server (./join-urls.ts). */
  joinUrls?: RequestHandler;
  /** The one cross-origin allowed (CORS_ORIGIN); no CORS headers at all when unset. */
  corsOrigin?: string | undefined;
}

export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // socket.io connects back to the same origin over ws(s).
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:'],
          // Classrooms often reach the server over plain HTTP on a LAN address; upgrading would break it.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await options.isReady();
    res
      .status(ready ? 200 : 503)
      .json(options.leaseHealth ? { ok: ready, leases: options.leaseHealth() } : { ok: ready });
  });
  if (options.metrics) {
    const registry = options.metrics;
    app.get('/metrics', async (_req, res) => {
      res.set('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    });
  }

  if (options.corsOrigin) app.use('/api', corsFor(options.corsOrigin));
  if (options.joinUrls) app.get(JOIN_URLS_PATH, options.joinUrls);
  if (options.scenarioApi) app.use('/api/scenarios', options.scenarioApi);
  if (options.api) app.use('/api', options.api);

  const clientDir = path.resolve(options.clientDir);
  const indexFile = path.join(clientDir, 'index.html');
  if (existsSync(indexFile)) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // SPA fallback: any GET that is not an API or socket path renders the client, which routes itself.
    app.get(/^(?!\/(api|socket\.io)\/).*/, (_req, res) => {
      res.sendFile(indexFile, { maxAge: 0 });
    });
  }
  app.use('/api', (_req, res) => {
    sendError(res, 404, 'not-found', 'No such API route');
  });
  return app;
}
