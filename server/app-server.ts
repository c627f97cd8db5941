import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { createHttpApp } from './http/app';
import type { Logger } from './logger';

/** The composition root: wires config, storage, sessions, HTTP and realtime into one listening server. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  let ready = false;
  const app = createHttpApp({ clientDir: config.CLIENT_DIR, isReady: () => ready });
  const httpServer: Server = createServer(app);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  ready = true;
  const { port } = httpServer.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  logger.info({ port }, 'listening');

  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        ready = false;
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}
