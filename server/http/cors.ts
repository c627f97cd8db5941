import type { RequestHandler } from 'express';

/**
 * Cross-origin access for the one origin named in CORS_ORIGIN (e.g. the Vite dev server); without
 * it the API is same-origin only and sends no CORS headers at all. A single fixed origin needs no
 * library: echo it, vary on Origin, and answer preflights.
 */
export function corsFor(origin: string): RequestHandler {
  return (req, res, next) => {
    if (req.get('origin') !== origin) {
      next();
      return;
    }
    res.set('Access-Control-Allow-Origin', origin);
    res.vary('Origin');
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.set('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Facilitator-Key');
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
