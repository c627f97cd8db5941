import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../server/app-server';
import { loadConfig } from '../../../server/config';
import { joinUrlsFor, lanUrls } from '../../../server/http/join-urls';
import {
  JOIN_URLS_PATH,
  joinBaseChoices,
  joinLink,
  joinUrlsResponseSchema,
} from '../../../shared/protocol/join-urls';
import { CLASSROOM_LAN, CLASSROOM_LAPTOP } from '../../helpers/network-interfaces';
import { startTestServer } from '../../helpers/test-server';

/** What the console's QR code encodes on a page at `pageOrigin`: GET the route, choose as the client does. */
async function qrTarget(server: RunningServer, pageOrigin: string, joinCode: string) {
  const res = await fetch(`http://127.0.0.1:${server.port}${JOIN_URLS_PATH}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = joinUrlsResponseSchema.parse(await res.json());
  const [base] = joinBaseChoices(body, pageOrigin);
  return { body, target: joinLink(base ?? '', joinCode) };
}

describe('the LAN addresses a server offers', () => {
  it('lists every non-internal IPv4 address when listening on all interfaces, room networks first', () => {
    expect(lanUrls('0.0.0.0', 3000, CLASSROOM_LAPTOP)).toEqual(CLASSROOM_LAN.map((a) => `http://${a}:3000`));
    expect(lanUrls('::', 3000, CLASSROOM_LAPTOP)).toHaveLength(CLASSROOM_LAN.length);
  });

  it('lists only the address HOST names, and nothing when HOST is loopback', () => {
    expect(lanUrls('10.0.0.5', 8080, CLASSROOM_LAPTOP)).toEqual(['http://10.0.0.5:8080']);
    expect(lanUrls('127.0.0.1', 8080, CLASSROOM_LAPTOP)).toEqual([]);
    expect(lanUrls('localhost', 8080, CLASSROOM_LAPTOP)).toEqual([]);
  });

  it('does not disclose internal addresses when PUBLIC_URL is set', () => {
    expect(
      joinUrlsFor({
        publicUrl: 'https://crisis.example.org',
        host: '0.0.0.0',
        port: 3000,
        networkInterfaces: CLASSROOM_LAPTOP,
      }),
    ).toEqual({ publicUrl: 'https://crisis.example.org', lanUrls: [] });
  });
});

describe('GET /api/join-urls and the QR target, on a real server', () => {
  it('with PUBLIC_URL, the QR code encodes the public address', async () => {
    const server = await startTestServer(
      { PUBLIC_URL: 'https://crisis.example.org/' },
      { networkInterfaces: CLASSROOM_LAPTOP },
    );
    try {
      const { body, target } = await qrTarget(server, server.url, 'K7QF2M');
      expect(body).toEqual({ publicUrl: 'https://crisis.example.org', lanUrls: [] });
      expect(target).toBe('https://crisis.example.org/join/K7QF2M');
      expect(server.joinUrls()).toEqual(body);
    } finally {
      await server.close();
    }
  });

  it('without it, on every interface, the QR code encodes the room network address, not localhost', async () => {
    // HOST=0.0.0.0 as in production; the interfaces are the fixture's, so the answer is deterministic.
    const server = await startTestServer({ HOST: '0.0.0.0' }, { networkInterfaces: CLASSROOM_LAPTOP });
    try {
      const lan = CLASSROOM_LAN.map((a) => `http://${a}:${server.port}`);
      for (const page of [server.url, `http://127.0.0.1:${server.port}`]) {
        const { body, target } = await qrTarget(server, page, 'K7QF2M');
        expect(body).toEqual({ publicUrl: null, lanUrls: lan });
        expect(target).toBe(`http://192.168.1.23:${server.port}/join/K7QF2M`);
      }
      // A facilitator who opened the console on the wired address keeps that one.
      const wired = await qrTarget(server, `http://10.0.0.5:${server.port}`, 'K7QF2M');
      expect(wired.target).toBe(`http://10.0.0.5:${server.port}/join/K7QF2M`);
    } finally {
      await server.close();
    }
  });

  it('without it, on loopback only, the page address is all there is', async () => {
    const server = await startTestServer({}, { networkInterfaces: CLASSROOM_LAPTOP });
    try {
      const { body, target } = await qrTarget(server, server.url, 'K7QF2M');
      expect(body).toEqual({ publicUrl: null, lanUrls: [] });
      expect(target).toBe(`${server.url}/join/K7QF2M`);
    } finally {
      await server.close();
    }
  });
});

describe('the addresses in the log at start', () => {
  const lines: Record<string, unknown>[] = [];
  let server: RunningServer | undefined;
  beforeAll(async () => {
    const loaded = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crisis-table-test-')),
      CLIENT_DIR: path.join(tmpdir(), 'crisis-table-no-client'),
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    server = await startServer(loaded.config, pino({ level: 'info' }, sink), {
      networkInterfaces: CLASSROOM_LAPTOP,
    });
  });
  afterAll(() => server?.close());

  it('are structured lines, one per address, Local then Network as Vite prints them', () => {
    const port = server?.port;
    const joinLines = lines.filter((l) => l.msg === 'join url').map((l) => ({ kind: l.kind, url: l.url }));
    expect(joinLines).toEqual([
      { kind: 'local', url: `http://localhost:${port}` },
      ...CLASSROOM_LAN.map((a) => ({ kind: 'network', url: `http://${a}:${port}` })),
    ]);
  });
});
