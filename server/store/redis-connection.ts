import { createClient, createCluster, RedisCluster, type RedisScripts } from 'redis';

/**
 * Where the Redis store and the scenario library connect (REDIS_URL): one Redis, or a Redis Cluster.
 *
 *   redis://[user:password@]host:port[/db]         one Redis (rediss:// for TLS)
 *   redis+cluster://[user:password@]h1:p1,h2:p2     a Redis Cluster; the listed nodes are seeds (one
 *                                                   is enough, the client discovers the others;
 *                                                   rediss+cluster:// for TLS)
 *
 * Nothing else changes with a Cluster: every key of one session (and of one library scenario) carries
 * one hash tag, so each script and MULTI touches one slot (redis-scripts.ts); the global indexes are
 * written by single-key commands of their own.
 */
export type RedisTarget =
  | { cluster: false; url: string }
  | { cluster: true; nodes: string[]; username?: string; password?: string; tls: boolean };

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#]+)\/?$/;

/** The target REDIS_URL names, or a problem saying why it names none. */
export function parseRedisUrl(value: string): RedisTarget | { problem: string } {
  const cluster = CLUSTER_SCHEME.exec(value);
  if (cluster) {
    const [, scheme, credentials, hosts] = cluster as unknown as [string, string, string | undefined, string];
    const nodes = hosts.split(',').map((hostPort) => `${scheme}://${hostPort.trim()}`);
    if (nodes.some((node) => !isHostPort(node)))
      return { problem: 'a redis+cluster:// URL lists host:port pairs separated by commas' };
    // As in redis://user:password@host: "user:password", ":password" or "user".
    const colon = credentials?.indexOf(':') ?? -1;
    const username = decodeURIComponent(
      colon >= 0 ? (credentials ?? '').slice(0, colon) : (credentials ?? ''),
    );
    const password = colon >= 0 ? decodeURIComponent((credentials ?? '').slice(colon + 1)) : undefined;
    return {
      cluster: true,
      nodes,
      ...(username ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      tls: scheme === 'rediss',
    };
  }
  if (!URL.canParse(value) || !/^rediss?:$/.test(new URL(value).protocol))
    return { problem: 'must be redis://host:port (one Redis) or redis+cluster://host:port,host:port,...' };
  return { cluster: false, url: value };
}

function isHostPort(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.hostname !== '' && parsed.port !== '' && parsed.pathname === '' && !parsed.username;
}

/** The target for messages and logs, without its password. */
export function describeRedisTarget(value: string): string {
  const target = parseRedisUrl(value);
  if ('problem' in target) return 'the configured URL';
  if (target.cluster) return `the Redis Cluster seeded by ${target.nodes.join(', ')}`;
  const parsed = new URL(target.url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export interface RedisConnectionOptions<S extends RedisScripts> {
  scripts: S;
  /** Reconnect delay after the n-th failed attempt; false: do not reconnect. */
  reconnectStrategy: (retries: number) => number;
  connectTimeoutMs: number;
  /** Fail commands at once while disconnected instead of queueing them. */
  disableOfflineQueue: boolean;
}

/**
 * A node-redis client for the target, not connected yet: `createClient` for one Redis,
 * `createCluster` for a Cluster (every connection it opens to a discovered node gets the same
 * settings and credentials). Both expose the same commands and scripts, routed by key.
 */
export function redisConnection<S extends RedisScripts>(value: string, options: RedisConnectionOptions<S>) {
  const target = parseRedisUrl(value);
  if ('problem' in target) throw new Error(`REDIS_URL ${target.problem}`);
  const socket = { connectTimeout: options.connectTimeoutMs, reconnectStrategy: options.reconnectStrategy };
  // 0 turns off node-redis's per-command timeout: it only covers the wait before a command is
  // written, and each one costs an AbortSignal (a third of restore time in bench/store.bench.ts).
  // The callers' own deadlines cover the whole round trip instead.
  const commandOptions = { timeout: 0 };
  if (!target.cluster)
    return createClient({
      url: target.url,
      disableOfflineQueue: options.disableOfflineQueue,
      commandOptions,
      socket,
      scripts: options.scripts,
    });
  return createCluster({
    rootNodes: target.nodes.map((url) => ({ url })),
    defaults: {
      disableOfflineQueue: options.disableOfflineQueue,
      socket: target.tls ? { ...socket, tls: true } : socket,
      ...(target.username !== undefined ? { username: target.username } : {}),
      ...(target.password !== undefined ? { password: target.password } : {}),
    },
    commandOptions,
    scripts: options.scripts,
  });
}

/** Whether every master of the client's Redis (the one, or each of a Cluster's) answers PING now. */
export async function pingAll<S extends RedisScripts>(
  client: ReturnType<typeof redisConnection<S>>,
): Promise<boolean> {
  if (!client.isReady) return false;
  if (!(client instanceof RedisCluster)) return (await client.ping()) === 'PONG';
  const masters = client.masters;
  const replies = await Promise.all(masters.map(async (master) => (await client.nodeClient(master)).ping()));
  return masters.length > 0 && replies.every((reply) => reply === 'PONG');
}
