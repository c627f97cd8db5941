import { z } from 'zod';

/**
 * Where phones reach this server, for the join QR code and line, and the links the console hands
 * out. The facilitator's own browser address is often `localhost`, which a phone cannot open.
 *
 * GET /api/join-urls (no authentication):
 * - `publicUrl`: the server's PUBLIC_URL (an origin, no trailing slash), or null when unset;
 * - `lanUrls`: one `http://<address>:<port>` per non-internal IPv4 address the server listens on,
 *   likeliest classroom networks first (192.168/16, 10/8, 172.16/12, others, link-local last).
 *   Empty when PUBLIC_URL is set (a public deployment does not disclose its internal addresses) or
 *   when the server listens on loopback only.
 */
export const JOIN_URLS_PATH = '/api/join-urls';

export const joinUrlsResponseSchema = z.object({
  publicUrl: z.url().nullable(),
  lanUrls: z.array(z.url()),
});
export type JoinUrlsResponse = z.infer<typeof joinUrlsResponseSchema>;

/** True for addresses only this machine can open: localhost, 127.0.0.0/8, ::1, 0.0.0.0. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === '::1' ||
    host === '0:0:0:0:0:0:0:1' ||
    host === '::ffff:127.0.0.1' ||
    host === '0.0.0.0' ||
    host === '::'
  );
}

function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return true;
  }
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.replace(/\/+$/, '');
  }
}

/**
 * The bases the console may offer for the join QR code and links, the default first:
 * PUBLIC_URL alone when set; otherwise the page's own origin when another machine can open it,
 * then the server's LAN addresses; a loopback address only when there is nothing else.
 * `urls` is undefined when the server could not be asked.
 */
export function joinBaseChoices(urls: JoinUrlsResponse | undefined, pageOrigin: string): string[] {
  if (urls?.publicUrl) return [origin(urls.publicUrl)];
  const choices: string[] = [];
  for (const url of [pageOrigin, ...(urls?.lanUrls ?? [])]) {
    const base = origin(url);
    if (!isLoopbackUrl(base) && !choices.includes(base)) choices.push(base);
  }
  return choices.length > 0 ? choices : [origin(pageOrigin)];
}

/** The link a join QR code encodes. */
export function joinLink(base: string, joinCode: string): string {
  return `${base}/join/${encodeURIComponent(joinCode)}`;
}
