// The IPC side of a benchmark server child (bench/load/*-server.ts): tells the parent its URL,
// answers usage requests with its own CPU time and RSS, records a CPU profile on request (the
// inspector's Profiler, the format of `node --cpu-prof`, started after the tables are set up so
// that the profile shows the load and not the start-up), and stops cleanly.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

export function serveUsage(url: string, stop: () => Promise<void> | void): void {
  let session: Session | undefined;
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session?.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  process.on('message', async (message: { type: string; gc?: boolean; file?: string }) => {
    if (message.type === 'usage') {
      if (message.gc) (globalThis as { gc?: () => void }).gc?.();
      const cpu = process.cpuUsage();
      process.send?.({
        type: 'usage',
        cpuMs: (cpu.user + cpu.system) / 1000,
        rss: process.memoryUsage().rss,
      });
    } else if (message.type === 'profile-start') {
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
      process.send?.({ type: 'profile-started' });
    } else if (message.type === 'profile-stop') {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      if (message.file) writeFileSync(message.file, JSON.stringify(profile));
      session?.disconnect();
      session = undefined;
      process.send?.({ type: 'profile-stopped' });
    } else if (message.type === 'stop') {
      await stop();
      process.exit(0);
    }
  });
  process.send?.({ type: 'ready', url });
}
