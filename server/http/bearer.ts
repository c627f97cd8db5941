import type { Request } from 'express';

/** The token of an `Authorization: Bearer <token>` header, or undefined. Never logged. */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,64})\s*$/.exec(header);
  return match?.[1];
}
