// Child process of bench/load.bench.ts: boardgame.io's own server (koa + socket.io, in-memory
// storage) with the minimal game, so its CPU is measured on its own (process.cpuUsage).
import { createServer } from 'node:net';
import { Origins, Server } from 'boardgame.io/server';
import { LITE_GAME } from './bgio-game';
import { serveUsage } from './child-usage';

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  });
});
// biome-ignore lint/suspicious/noExplicitAny: boardgame.io's Game type is looser than our literal.
const server = Server({ games: [LITE_GAME as any], origins: [Origins.LOCALHOST, /.*/] });
const running = await server.run({ port });
serveUsage(`http://127.0.0.1:${port}`, async () => {
  server.kill(running);
});
