import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHaproxy } from '../../scripts/cluster-haproxy';
import { findOnPath } from '../../scripts/test-deps.mjs';
import { listeningUrl } from '../server/crash/server-process';

/**
 * Many machines for tests: real server processes (`node --import tsx server/main.ts`) sharing one
 * Redis, each on its own loopback port, which a test can SIGKILL, SIGSTOP and SIGCONT; and
 * optionally HAProxy in front of them.
 */
export interface NodeProcess {
  url: string;
  pid: number;
  stdout(): string;
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown (leases released at once). */
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
  readonly alive: boolean;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startNode(env: Record<string, string>): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CLIENT_DIR: path.join(tmpdir(), 'crisis-table-no-client'),
      LOG_LEVEL: 'info',
      // Tests reconnect many sockets from one address in a few seconds.
      JOIN_GUESSES_PER_ADDRESS: '1000',
      EVENTS_BURST: '200',
      EVENTS_PER_SECOND: '200',
      SYNCS_PER_TOKEN_PER_MINUTE: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`a node did not start in 30 s\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
    }, 30_000);
    child.stdout?.on('data', () => {
      const listening = listeningUrl(stdout);
      if (listening) {
        clearTimeout(timer);
        resolve(listening);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`a node exited with ${code ?? signal}\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`),
      );
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    pid: child.pid ?? 0,
    stdout: () => stdout,
    get alive() {
      return alive();
    },
    kill: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
  };
}

export interface LoadBalancer {
  url: string;
  stop(): Promise<void>;
}

export function haproxyAvailable(): boolean {
  return Boolean(findOnPath('haproxy'));
}

/** HAProxy on a free loopback port in front of `backends`; resolves once it accepts connections. */
export async function startLoadBalancer(backends: string[]): Promise<LoadBalancer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crisis-table-haproxy-'));
  const port = await freePort();
  const child = startHaproxy(dir, port, backends);
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not start: ${stderr.slice(-1000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      running.delete(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}
