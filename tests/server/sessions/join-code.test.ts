import { describe, expect, it } from 'vitest';
import {
  isWellFormedJoinCode,
  JOIN_CODE_ALPHABET,
  normalizeJoinCode,
  randomJoinCode,
  uniqueJoinCode,
} from '../../../server/sessions/join-code';
import { hashToken, newToken, sameHash } from '../../../server/sessions/tokens';

describe('join codes', () => {
  it('uses 6 characters from an alphabet without look-alikes (0/O, 1/I/L)', () => {
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    for (let i = 0; i < 500; i++) {
      const code = randomJoinCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
      expect(isWellFormedJoinCode(code)).toBe(true);
    }
  });

  it('accepts what people type: lower case, spaces and dashes', () => {
    expect(normalizeJoinCode(' abc-7kz ')).toBe('ABC7KZ');
    expect(isWellFormedJoinCode(normalizeJoinCode('abc-7kz'))).toBe(true);
    expect(isWellFormedJoinCode('ABC0KZ')).toBe(false);
    expect(isWellFormedJoinCode('ABCDEFG')).toBe(false);
  });

  it('picks a code no live session uses', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 200; i++) taken.add(uniqueJoinCode((code) => taken.has(code)));
    expect(taken.size).toBe(200);
  });

  it('refuses rather than loops when every code is taken', () => {
    expect(() => uniqueJoinCode(() => true, 10)).toThrow(/no free join code/);
  });
});

describe('tokens', () => {
  it('are 128-bit random, url-safe, and stored only as a SHA-256 hash', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    }
    const token = [...tokens][0]!;
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(sameHash(hashToken(token), hashToken(token))).toBe(true);
    expect(sameHash(hashToken(token), hashToken(`${token}x`))).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });
});
