/**
 * Structured logs (pino). Request and response bodies, API keys and OAuth tokens are never
 * passed to the logger; the redact list is a second line of defence for headers.
 */
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['*.headers.authorization', '*.headers["x-api-key"]', '*.headers["x-goog-api-key"]', '*.authorization', '*["x-api-key"]', '*["x-goog-api-key"]', '*.webhook_url'],
      censor: '[redacted]',
    },
  });
}
