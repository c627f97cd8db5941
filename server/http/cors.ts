import cors, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';

/**
 * Cross-origin access for the one origin named in CORS_ORIGIN (e.g. the Vite dev server); without
 * it the API and socket.io are same-origin only and send no CORS headers at all. The origin is
 * given as a one-item list so that `cors` echoes it only to that origin: a bare string would be
 * sent to every caller. socket.io takes the same options (engine.io runs the same package).
 */
export function corsOptions(origin: string): CorsOptions {
  return {
    origin: [origin],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Facilitator-Key'],
    maxAge: 600,
  };
}

export function corsFor(origin: string): RequestHandler {
  return cors(corsOptions(origin));
}
