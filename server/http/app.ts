import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';

export interface HttpAppOptions {
  /** Folder with the built client (index.html + assets); the SPA is served when it exists. */
  clientDir: string;
  /** Whether the service is ready for traffic (store reachable, sessions restored). */
  isReady: () => boolean;
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
  app.get('/readyz', (_req, res) => {
    const ready = options.isReady();
    res.status(ready ? 200 : 503).json({ ok: ready });
  });

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
    res.status(404).json({ ok: false, code: 'not-found', message: 'No such API route' });
  });
  return app;
}
