/**
 * Proxy errors in Google's error shape (`{"error":{"code","message","status"}}`), which the Gemini
 * CLI and `@google/genai` show. A budget refusal is 402 FAILED_PRECONDITION: neither client retries
 * it (they retry 408, 429 and 5xx), and it is not RESOURCE_EXHAUSTED, which reads as a rate limit.
 */
import type { AppError, ErrorKind } from '../../errors.js';
import { retryHeaders } from '../error-headers.js';
import type { ErrorResponse } from '../types.js';

const GOOGLE_STATUS: Record<ErrorKind, string> = {
  invalid_request_error: 'INVALID_ARGUMENT',
  authentication_error: 'UNAUTHENTICATED',
  permission_error: 'PERMISSION_DENIED',
  not_found_error: 'NOT_FOUND',
  conflict_error: 'ALREADY_EXISTS',
  request_too_large: 'INVALID_ARGUMENT',
  budget_exceeded: 'FAILED_PRECONDITION',
  unsupported_route: 'NOT_FOUND',
  upstream_unreachable: 'UNAVAILABLE',
  upstream_timeout: 'DEADLINE_EXCEEDED',
  store_unavailable: 'UNAVAILABLE',
  overloaded_error: 'UNAVAILABLE',
  api_error: 'INTERNAL',
};

export function renderGeminiError(error: AppError): ErrorResponse {
  const details = error.fields.length > 0 ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: error.fields.map((f) => ({ field: f.field, description: f.message })) }] : undefined;
  return {
    status: error.status,
    headers: retryHeaders(error),
    body: JSON.stringify({ error: { code: error.status, message: error.message, status: GOOGLE_STATUS[error.kind], ...(details ? { details } : {}) } }),
  };
}
