import { randomInt } from 'node:crypto';

/**
 * Join codes are read off a projector and typed on phones, so the alphabet leaves out characters
 * that look alike: 0/O, 1/I/L (and lower case entirely). 31 symbols ^ 6 = ~887 million codes.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

export function randomJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Players type codes loosely: lower case, spaces or dashes ("abc-def") are accepted. */
export function normalizeJoinCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function isWellFormedJoinCode(code: string): boolean {
  return JOIN_CODE_PATTERN.test(code);
}

/** A code not used by any live session; `inUse` answers for the registry. */
export function uniqueJoinCode(inUse: (code: string) => boolean, attempts = 100): string {
  for (let i = 0; i < attempts; i++) {
    const code = randomJoinCode();
    if (!inUse(code)) return code;
  }
  // With ~887M codes this only happens if the registry is absurdly full; refuse rather than loop.
  throw new Error('no free join code after many attempts');
}
