import { networkInterfaces as osNetworkInterfaces } from 'node:os';
import type { RequestHandler } from 'express';
import { isLoopbackHost, type JoinUrlsResponse } from '../../shared/protocol/join-urls';

/** What `os.networkInterfaces()` returns; injectable so tests control the machine's addresses. */
export type NetworkInterfaces = ReturnType<typeof osNetworkInterfaces>;

export interface JoinUrlSource {
  /** PUBLIC_URL, already validated and normalized to an origin. */
  publicUrl: string | undefined;
  /** HOST, the interface the server listens on. */
  host: string;
  /** The bound port (known only once listening, since PORT may be 0). */
  port: number;
  networkInterfaces?: () => NetworkInterfaces;
}

const ANY_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Likeliest to be the room's network first; Docker bridges (172.17/16) sort after Wi-Fi. */
function rank(address: string): number {
  if (address.startsWith('192.168.')) return 0;
  if (address.startsWith('10.')) return 1;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(address)) return 2;
  if (address.startsWith('169.254.')) return 4;
  return 3;
}

function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Every `http://<address>:<port>` another machine may open: each non-internal IPv4 address when
 * listening on all interfaces, the one address when HOST names one, none when HOST is loopback.
 */
export function lanUrls(
  host: string,
  port: number,
  interfaces: () => NetworkInterfaces = osNetworkInterfaces,
): string[] {
  if (!ANY_HOSTS.has(host)) return isLoopbackHost(host) ? [] : [`http://${hostInUrl(host)}:${port}`];
  const addresses: string[] = [];
  for (const entries of Object.values(interfaces())) {
    for (const entry of entries ?? []) {
      // `family` was the number 4 in Node 18.0 to 18.3.
      const ipv4 = entry.family === 'IPv4' || (entry.family as unknown) === 4;
      if (ipv4 && !entry.internal && !isLoopbackHost(entry.address) && !addresses.includes(entry.address))
        addresses.push(entry.address);
    }
  }
  return addresses
    .map((address, index) => ({ address, index }))
    .sort((a, b) => rank(a.address) - rank(b.address) || a.index - b.index)
    .map(({ address }) => `http://${address}:${port}`);
}

/** The body of GET /api/join-urls; a public deployment (PUBLIC_URL) lists no internal addresses. */
export function joinUrlsFor(source: JoinUrlSource): JoinUrlsResponse {
  if (source.publicUrl) return { publicUrl: source.publicUrl, lanUrls: [] };
  return { publicUrl: null, lanUrls: lanUrls(source.host, source.port, source.networkInterfaces) };
}

/**
 * GET /api/join-urls. Addresses are read per request: a laptop that moves to another Wi-Fi
 * during the day gets the new address without a restart.
 */
export function joinUrlsHandler(source: () => JoinUrlSource): RequestHandler {
  return (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(joinUrlsFor(source()));
  };
}
