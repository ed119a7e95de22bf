/** `x-should-retry` tells SDKs and Claude Code whether the same request can succeed later (a 402 must not be retried). */
import type { AppError } from '../errors.js';

export function retryHeaders(error: AppError): Record<string, string> {
  return { 'x-should-retry': String(error.retryable), ...error.headers };
}
