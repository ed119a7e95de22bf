/** Proxy errors in OpenAI's error shape, so the `openai` SDKs raise them as API errors without retrying. */
import type { AppError } from '../../errors.js';
import { retryHeaders } from '../error-headers.js';
import type { ErrorResponse } from '../types.js';

export function renderOpenAIError(error: AppError): ErrorResponse {
  const field = error.fields[0]?.field ?? null;
  return {
    status: error.status,
    headers: retryHeaders(error),
    body: JSON.stringify({ error: { message: error.message, type: error.kind, code: error.kind, param: field } }),
  };
}
