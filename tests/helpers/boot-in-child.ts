import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'boot-probe.ts');

export interface ChildBoot {
  /** The child booted, reported and stopped (exit code 0). */
  booted: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** From the registry's `sessions restored` log line. */
  restored?: number;
  expired?: number;
  bootMs?: number;
  heapUsedBytes?: number;
  rssBytes?: number;
  heapLimitBytes?: number;
  /** The end of stderr, for a child that did not boot (a heap abort says so there). */
  stderr: string;
}

/**
 * Boots the real server in a child process (`node --max-old-space-size=<heapMb> --expose-gc`) on
 * `dataDir` with the file store, as a restart of the server that wrote it would; the child reports
 * the sessions it restored and expired and its heap after boot (after a GC), then stops. Bounded:
 * a child still running after `timeoutMs` is killed.
 */
export function bootInChild(options: {
  dataDir: string;
  heapMb: number;
  env?: Record<string, string>;
  /** Boot as if this much later (lobby expiry without waiting). */
  clockOffsetMs?: number;
  timeoutMs?: number;
}): Promise<ChildBoot> {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${options.heapMb}`, '--expose-gc', '--import', 'tsx', PROBE],
    {
      cwd: path.resolve(path.dirname(PROBE), '../..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: options.dataDir,
        LOG_LEVEL: 'info',
        BOOT_PROBE_CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve) => {
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const result: ChildBoot = { booted: exitCode === 0, exitCode, signal, stderr };
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const record = JSON.parse(line) as {
            msg?: string;
            restored?: number;
            expired?: number;
            bootProbe?: Partial<ChildBoot>;
          };
          if (record.msg === 'sessions restored') {
            result.restored = record.restored ?? 0;
            result.expired = record.expired ?? 0;
          }
          if (record.bootProbe) Object.assign(result, record.bootProbe);
        } catch {
          // Not a log line.
        }
      }
      resolve(result);
    });
  });
}
