/** Proxy errors in Anthropic's error shape. */
import type { AppError } from '../../errors.js';
import { retryHeaders } from '../error-headers.js';
import type { ErrorResponse } from '../types.js';

export function renderAnthropicError(error: AppError): ErrorResponse {
  return {
    status: error.status,
    headers: retryHeaders(error),
    body: JSON.stringify({ type: 'error', error: { type: error.kind, message: error.message } }),
  };
}
