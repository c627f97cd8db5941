// Starts a benchmark server child (bench/load/*-server.ts) under tsx, optionally with --cpu-prof,
// and asks it for its CPU time and RSS over IPC.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

export interface Usage {
  cpuMs: number;
  rss: number;
}

export interface ServerChild {
  url: string;
  /** CPU time and RSS; with `gc`, after a full garbage collection (for RSS per player). */
  usage(gc?: boolean): Promise<Usage>;
  /** Starts the child's CPU profiler; `profileStop` writes the profile (.cpuprofile) to `file`. */
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startChild(file: string): Promise<ServerChild> {
  const child: ChildProcess = fork(path.resolve('bench/load', file), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${file}: no ${type} in 60 s`)), 60_000);
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  const ready = await next('ready');
  return {
    url: String(ready.url),
    async usage(gc = false) {
      const answer = next('usage');
      child.send({ type: 'usage', gc });
      const { cpuMs, rss } = await answer;
      return { cpuMs: Number(cpuMs), rss: Number(rss) };
    },
    async profileStart() {
      const started = next('profile-started');
      child.send({ type: 'profile-start' });
      await started;
    },
    async profileStop(target: string) {
      const stopped = next('profile-stopped');
      child.send({ type: 'profile-stop', file: target });
      await stopped;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
