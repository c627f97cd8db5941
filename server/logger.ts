import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs. Tokens and private text are never passed to the logger; redact is a second net. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'crisis-table' },
    redact: {
      paths: ['token', '*.token', 'facilitatorToken', '*.facilitatorToken', 'key', '*.key'],
      censor: '[redacted]',
    },
  });
}
