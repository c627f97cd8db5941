import { statSync } from 'node:fs';
import { z } from 'zod';
import { parseRedisUrl } from './store/redis-connection';

/**
 * The address players open, as the room reaches it (`https://crisis.example.org`,
 * `http://192.168.1.20:3000`): an http(s) origin, kept without a trailing slash. The client serves
 * its routes from `/`, so a path, query or fragment would produce links that do not work.
 */
function publicUrl() {
  return z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .refine(
      (value) => {
        // Not a URL at all is reported by the check above, once.
        if (!URL.canParse(value)) return true;
        const url = new URL(value);
        return url.pathname === '/' && url.search === '' && url.hash === '' && !url.username && !url.password;
      },
      { error: 'must be an origin only (scheme, host and port), without path, query or credentials' },
    )
    .transform((value) => new URL(value).origin);
}

/** A positive whole number from the environment, between `min` and `max`. */
const limit = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The resource bounds (docs/abuse-limits.md explains each and why its default): every one is a
 * setting so an operator can widen it for a large event or tighten it on a small machine.
 */
const limitsSchema = {
  /** Live (not ended) sessions one process holds; creating more answers `capacity`. */
  SESSIONS_MAX: limit(500, 1, 100_000),
  /** Exercises one address may create per minute, and all addresses together. */
  SESSION_CREATE_PER_ADDRESS_PER_MINUTE: limit(6, 1, 100_000),
  SESSION_CREATE_PER_MINUTE: limit(60, 1, 100_000),
  /** A session still in the lobby with no player this long after its creation is deleted. */
  LOBBY_EXPIRY_MINUTES: limit(240, 1, 525_600),
  /** Wrong join codes (attempts count when they start) per address, and from all addresses, per window. */
  JOIN_GUESSES_PER_ADDRESS: limit(20, 1, 100_000),
  JOIN_GUESSES_TOTAL: limit(2_000, 1, 10_000_000),
  JOIN_GUESS_WINDOW_MINUTES: limit(15, 1, 1_440),
  /** Lookups of one join code (right or wrong) per minute: bounds joins through a leaked code. */
  JOINS_PER_CODE_PER_MINUTE: limit(120, 1, 100_000),
  /** Open sockets per client address and per credential (a token's tabs and screens). */
  SOCKETS_PER_ADDRESS: limit(300, 1, 1_000_000),
  SOCKETS_PER_TOKEN: limit(8, 1, 10_000),
  /** Events per credential (per socket before it authenticates): burst, then sustained per second. */
  EVENTS_BURST: limit(20, 1, 100_000),
  EVENTS_PER_SECOND: limit(10, 1, 100_000),
  /** Messages to the facilitator per player per minute. */
  MESSAGES_PER_PLAYER_PER_MINUTE: limit(6, 1, 10_000),
  /** Full views re-sent on `sync` per credential per minute (a sync already up to date costs nothing). */
  SYNCS_PER_TOKEN_PER_MINUTE: limit(30, 1, 100_000),
};

/**
 * Configuration comes only from environment variables and is validated once at start.
 * A bad value stops the process with every problem listed, before anything listens.
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** One Redis (redis://host:port) or a Redis Cluster's seeds (redis+cluster://h1:p1,h2:p2): redis-connection.ts. */
  REDIS_URL: z
    .string()
    .superRefine((value, context) => {
      const target = parseRedisUrl(value);
      if ('problem' in target) context.addIssue({ code: 'custom', message: target.problem });
    })
    .optional(),
  REDIS_PREFIX: z.string().min(1).default('ct:'),
  /**
   * Many machines (REDIS_URL set): the address other processes reach this one at, to relay sockets
   * of sessions it owns (default http://127.0.0.1:<port>, right for processes on one machine).
   */
  NODE_URL: publicUrl().optional(),
  /** The lease of an owned session: how long a dead owner blocks it, and how often it is renewed. */
  LEASE_MS: limit(2_000, 500, 600_000),
  LEASE_RENEW_MS: limit(500, 50, 60_000),
  FACILITATOR_KEY: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGIN: z.string().min(1).optional(),
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
  PUBLIC_URL: publicUrl().optional(),
  /** A folder of scenario files added to the library, watched and reloaded on change. */
  SCENARIO_DIR: z
    .string()
    .min(1)
    .refine((dir) => {
      try {
        return statSync(dir).isDirectory();
      } catch {
        return false;
      }
    }, 'must be an existing folder of scenario files')
    .optional(),
  ...limitsSchema,
});

export type Config = z.infer<typeof configSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  // Empty strings mean "unset", as in a `.env` file with `REDIS_URL=`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  };
}
