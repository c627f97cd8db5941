// What the server sustains under the attacks of issue 14, with the default limits of
// server/config.ts (docs/abuse-limits.md): the facilitator's command ack latency during a flood from
// one player token (1,000 sockets tried, sync and messages as fast as they answer), 2,000 parallel
// join guesses from one address, and anonymous creation at full speed for 60 s from 8 addresses
// followed by a restart in a child process under `node --max-old-space-size=512` (does it boot, at
// what heap, do the lobbies expire), and the same with the creation limits lifted up to SESSIONS_MAX.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { bootInChild, type ChildBoot } from '../tests/helpers/boot-in-child';
import { floodCreation } from '../tests/helpers/create-flood';
import type { BenchResult } from './run';

const SCENARIO = 'socialwave-first-30-days';
const FLOOD_SOCKETS = 1_000;
const FLOOD_MS = 8_000;
const CREATE_MS = 60_000;
/** Creation with the rate limits lifted stops at SESSIONS_MAX well before this. */
const FILL_MS = 15_000;

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
const mib = (bytes: number | undefined) => round((bytes ?? 0) / 2 ** 20);

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

/** A restart in a child process with `node --max-old-space-size=512`: did it boot, and at what heap. */
function bootFigures(when: string, boot: ChildBoot): BenchResult[] {
  if (!boot.booted)
    return [{ name: `boot ${when}`, value: 0, unit: 'booted (1 = yes)', note: boot.stderr.slice(-300) }];
  return [
    {
      name: `boot ${when}, heap after boot`,
      value: mib(boot.heapUsedBytes),
      unit: 'MiB',
      note: `booted under --max-old-space-size=512 (limit ${mib(boot.heapLimitBytes)} MiB) in ${Math.round(boot.bootMs ?? 0)} ms; ${boot.restored} restored, ${boot.expired} expired; RSS ${mib(boot.rssBytes)} MiB`,
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crisis-table-abuse-'));
  const fullDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-abuse-full-'));
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

    // 2,000 parallel join guesses from one address.
    const guesses = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) =>
        fetch(`${server.url}/api/join/G${String(i).padStart(5, '0')}`).then(
          (r) => r.status,
          () => 0, // a connection reset under load: no answer, no code tested
        ),
      ),
    );
    results.push({
      name: 'codes tested of 2,000 parallel guesses',
      value: guesses.filter((s) => s === 404).length,
      unit: 'codes',
      note: `${guesses.filter((s) => s === 429).length} refused before any lookup, ${guesses.filter((s) => s === 0).length} connections reset`,
    });
    // Anonymous creation at full speed for 60 s from 8 addresses (127.0.0.2-9) with the default
    // limits, then a restart in a child process with a 512 MB heap on the same data directory, and
    // one as if LOBBY_EXPIRY_MINUTES later.
    const creation = await floodCreation({
      url: server.url,
      scenarioId: SCENARIO,
      durationMs: CREATE_MS,
      addresses: 8,
    });
    await server.close();
    const refusedBy = Object.entries(creation.refused)
      .map(([status, n]) => `${n} × ${status}`)
      .join(', ');
    results.push({
      name: 'anonymous creations accepted',
      value: creation.created,
      unit: `sessions in ${CREATE_MS / 1000} s`,
      note: `8 addresses, ${creation.requests} requests, refused: ${refusedBy}; 274/s were accepted before the limits`,
    });
    results.push(...bootFigures('after 60 s of creation', await bootInChild({ dataDir: dir, heapMb: 512 })));
    const later = await bootInChild({
      dataDir: dir,
      heapMb: 512,
      clockOffsetMs: (loaded.config.LOBBY_EXPIRY_MINUTES + 1) * 60_000,
    });
    results.push({
      name: 'lobbies expired at a boot LOBBY_EXPIRY_MINUTES later',
      value: later.expired ?? -1,
      unit: 'sessions',
      note: `${later.restored ?? '?'} restored; booted: ${later.booted}`,
    });

    // The worst case the rate limits leave to SESSIONS_MAX: creation limits lifted, full speed
    // until capacity (bounded), then the same restart.
    const full = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: fullDir,
      LOG_LEVEL: 'silent',
      SESSION_CREATE_PER_ADDRESS_PER_MINUTE: '100000',
      SESSION_CREATE_PER_MINUTE: '100000',
    });
    if (!full.ok) throw new Error(full.problems.join('\n'));
    const fullServer = await startServer(full.config, createLogger('silent'));
    let filled: Awaited<ReturnType<typeof floodCreation>>;
    const t0 = performance.now();
    try {
      filled = await floodCreation({
        url: fullServer.url,
        scenarioId: SCENARIO,
        durationMs: FILL_MS,
        addresses: 8,
        stopOn: 503,
      });
    } finally {
      await fullServer.close();
    }
    results.push({
      name: 'creations with the rate limits lifted',
      value: filled.created,
      unit: `sessions in ${Math.round((performance.now() - t0) / 1000)} s`,
      note: `SESSIONS_MAX ${full.config.SESSIONS_MAX}; ${filled.refused[503] ?? 0} answered 503 capacity; ${Math.round(dirBytes(fullDir) / 2 ** 20)} MB on disk`,
    });
    results.push(
      ...bootFigures(
        `with ${filled.created} sessions on disk`,
        await bootInChild({ dataDir: fullDir, heapMb: 512 }),
      ),
    );
  } finally {
    for (const s of sockets) s.disconnect();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(fullDir, { recursive: true, force: true });
  }
  return results;
}
