import { z } from 'zod';

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

/**
 * Configuration comes only from environment variables and is validated once at start.
 * A bad value stops the process with every problem listed, before anything listens.
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.url().optional(),
  REDIS_PREFIX: z.string().min(1).default('ct:'),
  FACILITATOR_KEY: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGIN: z.string().min(1).optional(),
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
  PUBLIC_URL: publicUrl().optional(),
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
