/** Proxy errors in Anthropic's error shape, with `x-should-retry` telling SDKs and Claude Code what to do. */
import type { AppError } from '../../errors.js';
import type { ErrorResponse } from '../types.js';

export function retryHeaders(error: AppError): Record<string, string> {
  return { 'x-should-retry': String(error.retryable), ...error.headers };
}

export function renderAnthropicError(error: AppError): ErrorResponse {
  return {
    status: error.status,
    headers: retryHeaders(error),
    body: JSON.stringify({ type: 'error', error: { type: error.kind, message: error.message } }),
  };
}
