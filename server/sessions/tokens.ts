import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Credentials are 128-bit random tokens. Only their SHA-256 hash is stored (in the session log), so
 * a leaked log or store does not let anyone act in a session. A 128-bit random secret does not need
 * a slow password hash: guessing is infeasible, and the hash only has to be one-way.
 */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes of equal length. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** Random opaque ids (sessions). 96 bits is plenty for uniqueness; ids are not secrets. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
