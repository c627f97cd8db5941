import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The real server as a child process, started exactly as in production (`node --import tsx
 * server/main.ts`), so a crash test can SIGKILL it mid-command: no graceful shutdown, no final
 * snapshot, whatever the kernel had not been told to keep is gone.
 */
export interface ServerProcess {
  url: string;
  /** Everything the process wrote to stdout so far (JSON log lines). */
  stdout(): string;
  /** SIGKILL, as in a crash or a power cut; resolves once the process is gone. */
  kill(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** The url of the JSON `listening` line in the log so far (the log is JSON only), if it is there yet. */
export function listeningUrl(stdout: string): string | undefined {
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
      if (entry.msg === 'listening' && typeof entry.url === 'string') return entry.url;
    } catch {
      // A line still being written: the next chunk completes it.
    }
  }
  return undefined;
}
const running = new Set<ChildProcess>();
// A test run that dies must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      // No built client: the crash tests need the API and the sockets only.
      CLIENT_DIR: path.join(tmpdir(), 'crisis-table-no-client'),
      ...env,
      // The url is read from the `listening` line (info), so the log is at least that verbose.
      LOG_LEVEL: env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? env.LOG_LEVEL : 'info',
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
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the server ${why}\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.stdout?.on('data', () => {
      const listening = listeningUrl(stdout);
      if (listening && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(listening);
      }
    });
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal} before it was ready`));
  });

  return {
    url,
    stdout: () => stdout,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
