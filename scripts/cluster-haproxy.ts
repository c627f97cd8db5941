import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * HAProxy (Debian's `haproxy` package) in front of N Crisis Table processes: round robin, no
 * stickiness (any process serves any socket: server/cluster/), websocket upgrades passed through.
 * Used by `npm run cluster` and by the multi-process test; listens on loopback only.
 */
export function haproxyConfig(port: number, backends: string[]): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A websocket is a tunnel once upgraded: idle players must not be cut after the client timeout.
    '  timeout tunnel 1h',
    'frontend crisis_table',
    `  bind 127.0.0.1:${port}`,
    '  default_backend nodes',
    'backend nodes',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    ...backends.map((url, i) => `  server node${i + 1} ${new URL(url).host} check inter 1s fall 2 rise 1`),
    '',
  ].join('\n');
}

/** Starts haproxy in the foreground (`-db`) with a config written into `dir`. */
export function startHaproxy(dir: string, port: number, backends: string[]): ChildProcess {
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(port, backends));
  return spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
}
