import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHaproxy } from './cluster-haproxy';

/**
 * `npm run cluster -- --nodes 3 [--port 8080] [--redis-port 6390]`: a local many-machines setup for
 * trying it out (docs/operations.md "Many machines"): a private redis-server (AOF, fsync always) in a
 * temp directory, N server processes on ports 3001.. sharing it, and HAProxy on --port in front
 * (when `haproxy` is installed; otherwise open the processes directly). Everything listens on
 * 127.0.0.1; Ctrl-C stops it all (the processes shut down gracefully, releasing their leases).
 * Build the client first (`npm run build`) to play in a browser.
 */
const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '3' },
    port: { type: 'string', default: '8080' },
    'redis-port': { type: 'string', default: '6390' },
    'first-node-port': { type: 'string', default: '3001' },
  },
});
const count = Number(values.nodes);
if (!Number.isInteger(count) || count < 1 || count > 16) {
  process.stderr.write('--nodes must be a whole number from 1 to 16\n');
  process.exit(1);
}
const dir = mkdtempSync(path.join(tmpdir(), 'crisis-table-cluster-'));
const children: ChildProcess[] = [];
const redisPort = Number(values['redis-port']);
const redisUrl = `redis://127.0.0.1:${redisPort}`;

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.once('exit', (code, signal) => process.stderr.write(`[${name}] exited (${code ?? signal})\n`));
  children.push(child);
  return child;
}

run('redis', 'redis-server', [
  '--port',
  String(redisPort),
  '--bind',
  '127.0.0.1',
  '--dir',
  dir,
  '--appendonly',
  'yes',
  '--appendfsync',
  'always',
  '--save',
  '',
]);
await new Promise((r) => setTimeout(r, 300));
const urls: string[] = [];
for (let i = 0; i < count; i++) {
  const port = Number(values['first-node-port']) + i;
  urls.push(`http://127.0.0.1:${port}`);
  run(`node${i + 1}`, process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
  });
}
let haproxy: ChildProcess | undefined;
try {
  haproxy = startHaproxy(dir, Number(values.port), urls);
  children.push(haproxy);
  haproxy.once('error', () =>
    process.stderr.write('haproxy is not installed: open the processes directly\n'),
  );
} catch {
  haproxy = undefined;
}
process.stderr.write(
  `Crisis Table cluster: Redis ${redisUrl}, ${count} processes (${urls.join(', ')})` +
    `${haproxy ? `, HAProxy on http://127.0.0.1:${values.port}` : ''}\n`,
);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const child of children.reverse()) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
