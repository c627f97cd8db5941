import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findOnPath } from '../../scripts/test-deps.mjs';

/**
 * A private redis-server for tests and benchmarks: its own free port on loopback and its own temp
 * directory, never the system Redis on 6379. Durable by default (AOF, fsync on every write) so crash
 * tests can SIGKILL it and expect every acknowledged write back after `restart()`.
 */
export interface RedisServerOptions {
  /** AOF fsync policy; default "always". */
  appendfsync?: 'always' | 'everysec' | 'no';
  /** Default true. */
  appendonly?: boolean;
  /** Extra command-line arguments, e.g. ['--maxmemory', '10mb']. */
  args?: string[];
  /** A Redis Cluster node (`--cluster-enabled yes`): its bus port (port + 10000) must be free too. */
  clusterNode?: boolean;
}

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** Graceful shutdown (SIGTERM: Redis flushes the AOF and exits); the data directory stays. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-whatever, as in a crash or power cut. */
  kill(): Promise<void>;
  /** SIGSTOP: the server hangs with its connections open, as on an overloaded or partitioned host. */
  pause(): void;
  /** SIGCONT after `pause()`. */
  resume(): void;
  /** Starts again on the same port and directory (stopping first if running) and waits for PING. */
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;
const running = new Set<ChildProcess>();
// A test run that dies must not leave redis-servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  // Say what is missing instead of an unhandled "spawn redis-server ENOENT" (npm test checks first).
  if (!findOnPath('redis-server'))
    throw new Error(
      'redis-server is not on the PATH: install it with `apt-get install -y redis-server` (or run `node scripts/test-deps.mjs`)',
    );
  const dir = mkdtempSync(path.join(tmpdir(), 'crisis-table-redis-'));
  const argsFor = (port: number) => [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    options.appendonly === false ? 'no' : 'yes',
    '--appendfsync',
    options.appendfsync ?? 'always',
    '--daemonize',
    'no',
    '--logfile',
    path.join(dir, 'redis.log'),
    ...(options.clusterNode
      ? ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000']
      : []),
    ...(options.args ?? []),
  ];
  let child: ChildProcess | undefined;

  const start = async (port: number) => {
    const started = spawn('redis-server', argsFor(port), { stdio: 'ignore' });
    child = started;
    running.add(started);
    started.once('exit', () => running.delete(started));
    await waitForPong(port, started);
  };
  const signal = async (name: NodeJS.Signals) => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.kill(name);
    if (name !== 'SIGKILL') current.kill('SIGCONT'); // a paused server must wake up to act on SIGTERM
    await exited;
  };

  // The free port can be taken between probing and binding by another test process: try a few.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = options.clusterNode ? await freePortWithBus() : await freePort();
    try {
      await start(port);
      break;
    } catch (error) {
      if (attempt === 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    pause: () => {
      child?.kill('SIGSTOP');
    },
    resume: () => {
      child?.kill('SIGCONT');
    },
    restart: async () => {
      await signal('SIGTERM');
      await start(port);
    },
    dispose: async () => {
      await signal('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A Redis Cluster for tests: `masters` cluster-enabled redis-servers (each a private server as above,
 * on a free port whose bus port, +10000, is free too), joined with `redis-cli --cluster create`
 * (no replicas: every master owns a third of the slots), ready once every node reports
 * `cluster_state:ok`. `url` is the REDIS_URL the server takes (`redis+cluster://h:p,h:p,h:p`).
 */
export interface RedisCluster {
  url: string;
  nodes: RedisServer[];
  /** Stops every node and removes their directories. */
  dispose(): Promise<void>;
}

const CLUSTER_READY_MS = 20_000;

export async function startRedisCluster(
  options: Omit<RedisServerOptions, 'clusterNode'> & { masters?: number } = {},
): Promise<RedisCluster> {
  if (!findOnPath('redis-cli'))
    throw new Error(
      'redis-cli is not on the PATH: it comes with redis-server (`apt-get install -y redis-server`)',
    );
  const { masters = 3, ...serverOptions } = options;
  const nodes: RedisServer[] = [];
  const dispose = () => Promise.all(nodes.map((node) => node.dispose())).then(() => undefined);
  try {
    for (let i = 0; i < masters; i++)
      nodes.push(await startRedisServer({ ...serverOptions, clusterNode: true }));
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await redisCli(['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    const deadline = Date.now() + CLUSTER_READY_MS;
    for (const node of nodes) {
      // Bounded: every node must see the whole cluster (all slots served) before the deadline.
      while (!(await redisCli(['-p', String(node.port), 'cluster', 'info'])).includes('cluster_state:ok')) {
        if (Date.now() > deadline)
          throw new Error(
            `the Redis Cluster on ${addresses.join(', ')} was not ready within ${CLUSTER_READY_MS} ms`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return { url: `redis+cluster://${addresses.join(',')}`, nodes, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** One redis-cli invocation on loopback; its stdout, or a rejection with its output. */
function redisCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', ['-h', '127.0.0.1', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`redis-cli ${args.join(' ')} exited with ${code}: ${output.slice(-1000)}`));
    });
  });
}

/** A free port below 55536 whose cluster bus port (+10000) is free as well; a few tries. */
async function freePortWithBus(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort();
    if (port <= 55_535 && (await freePort(port + 10_000).catch(() => 0)) === port + 10_000) return port;
  }
  throw new Error('no free port pair (port, port + 10000) for a Redis Cluster node');
}

function freePort(wanted = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(wanted, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Polls with a raw PING until the server answers +PONG (not -LOADING while it replays the AOF). */
async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
    if (await pingOnce(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer PING within ${START_TIMEOUT_MS} ms`);
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}
