import { RedisStore } from '../../../server/store/redis-store';
import type { StoredEvent } from '../../../server/store/session-store';
import { TestClient } from '../../helpers/socket-client';

/** Shared by the many-machines tests: the lease settings, the log as Redis holds it, polling. */
export const LEASE_ENV = { LEASE_MS: '1500', LEASE_RENEW_MS: '250' };

export async function readLog(redisUrl: string, sessionId: string): Promise<StoredEvent[]> {
  const store = await RedisStore.open({ url: redisUrl, prefix: 'ct:' });
  try {
    return await store.readEvents(sessionId);
  } finally {
    await store.close();
  }
}

export async function poll<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  ms: number,
  every = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** A client that authenticates as `token` on `url`, retrying while the session moves. */
export async function authenticated(url: string, sessionId: string, token: string, ms = 10_000) {
  return poll(
    'an authenticated socket',
    async () => {
      const client = await TestClient.connect(url);
      const ack = await client.authenticate(sessionId, token);
      if (ack.ok) return client;
      client.close();
      return undefined;
    },
    ms,
  );
}

export function textsOf(log: StoredEvent[]): string[] {
  return log.flatMap((entry) => {
    const data = (entry as unknown as { data?: { body?: unknown; text?: unknown } }).data;
    const body = data?.body ?? data?.text;
    return typeof body === 'string' ? [body] : [];
  });
}
