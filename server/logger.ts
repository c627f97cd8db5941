import { pino } from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs (stdout unless a destination is given, e.g. a test's stream). Tokens and
 * private text are never passed to the logger; redact is a second net.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'crisis-table' },
    redact: {
      paths: ['token', '*.token', 'facilitatorToken', '*.facilitatorToken', 'key', '*.key'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
