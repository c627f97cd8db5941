// What the server sustains under the attacks of issue 14, with the default limits of
// server/config.ts (docs/abuse-limits.md): the facilitator's command ack latency during a flood from
// one player token (1,000 sockets tried, sync and messages as fast as they answer), anonymous
// creation at full speed, and 2,000 parallel join guesses from one address.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import type { BenchResult } from './run';

const SCENARIO = 'socialwave-first-30-days';
const FLOOD_SOCKETS = 1_000;
const FLOOD_MS = 8_000;
const CREATE_MS = 10_000;

const connect = (url: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
const ask = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(10_000).emitWithAck(event, payload) as Promise<{
    ok: boolean;
    code?: string;
    token?: string;
  }>;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const round = (x: number) => Math.round(x * 100) / 100;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crisis-table-abuse-'));
  const loaded = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const server = await startServer(loaded.config, createLogger('silent'));
  const results: BenchResult[] = [];
  const sockets: Socket[] = [];
  try {
    const created = (await (
      await fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenarioId: SCENARIO }),
      })
    ).json()) as { sessionId: string; joinCode: string; facilitatorToken: string };
    const facilitator = await connect(server.url);
    sockets.push(facilitator);
    await ask(facilitator, 'authenticate', { sessionId: created.sessionId, token: created.facilitatorToken });
    const flooder = await connect(server.url);
    sockets.push(flooder);
    const joined = await ask(flooder, 'join', { joinCode: created.joinCode, name: 'Flooder' });
    if (!joined.ok || !joined.token) throw new Error(`join failed: ${joined.code}`);

    // 1,000 sockets on the flooder's token: the address and token caps turn most away.
    const attempts = await Promise.allSettled(
      Array.from({ length: FLOOD_SOCKETS }, () => connect(server.url)),
    );
    const open = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    sockets.push(...open);
    const auths = await Promise.all(
      open.map((s) =>
        ask(s, 'authenticate', { sessionId: created.sessionId, token: joined.token }).catch(() => ({
          ok: false,
        })),
      ),
    );
    const flooding = open.filter((_, i) => auths[i]?.ok);
    let floodEvents = 0;
    let floodRefused = 0;
    let stop = false;
    const flood = flooding.map(async (s, i) => {
      while (!stop && s.connected) {
        const answer = await (i % 2
          ? ask(s, 'sync', { lastSeq: 0 })
          : ask(s, 'command', { command: { type: 'message-facilitator', body: 'Flood '.repeat(300) } })
        ).catch(() => ({ ok: false }));
        floodEvents++;
        if (!answer.ok) floodRefused++;
      }
    });
    const latencies: number[] = [];
    const started = performance.now();
    while (performance.now() - started < FLOOD_MS) {
      const t = performance.now();
      await ask(facilitator, 'command', { command: { type: 'broadcast', body: 'Status check.' } });
      latencies.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop = true;
    await Promise.all(flood);
    const note = `${flooding.length} of ${FLOOD_SOCKETS} flood sockets authenticated; ${floodEvents} flood events in ${FLOOD_MS / 1000} s, ${floodRefused} refused`;
    results.push(
      { name: 'facilitator ack p50 under flood', value: round(percentile(latencies, 50)), unit: 'ms', note },
      { name: 'facilitator ack p99 under flood', value: round(percentile(latencies, 99)), unit: 'ms', note },
      { name: 'flood events answered', value: Math.round(floodEvents / (FLOOD_MS / 1000)), unit: 'events/s' },
    );
    for (const s of sockets) s.disconnect();

    // Anonymous creation at full speed from one address.
    let made = 0;
    let refused = 0;
    const until = performance.now() + CREATE_MS;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < until) {
          const res = await fetch(`${server.url}/api/sessions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ scenarioId: SCENARIO }),
          });
          await res.arrayBuffer();
          if (res.status === 201) made++;
          else refused++;
        }
      }),
    );
    results.push({
      name: 'anonymous creations accepted',
      value: made,
      unit: `sessions in ${CREATE_MS / 1000} s`,
      note: `${refused} refused (rate-limited); 274/s were accepted before the limits`,
    });

    // 2,000 parallel join guesses from one address.
    const guesses = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) =>
        fetch(`${server.url}/api/join/G${String(i).padStart(5, '0')}`).then((r) => r.status),
      ),
    );
    results.push({
      name: 'codes tested of 2,000 parallel guesses',
      value: guesses.filter((s) => s === 404).length,
      unit: 'codes',
      note: `${guesses.filter((s) => s === 429).length} refused before any lookup`,
    });
  } finally {
    for (const s of sockets) s.disconnect();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
