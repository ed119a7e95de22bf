/**
 * Proxy errors in OpenAI's error shape, so the `openai` SDKs raise them as API errors without
 * retrying. Codex CLI is answered differently: it retries a 402 (or 403) five times before giving
 * up, but stops at the first 400 and prints its body as it is, so a refusal it gets is a 400 whose
 * plain-text body is the message itself (Codex 0.169 prints a JSON body verbatim, braces and all).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AppError } from '../../errors.js';
import { retryHeaders } from '../error-headers.js';
import type { ErrorResponse } from '../types.js';
import { isCodexClient } from './codex-client.js';

export function renderOpenAIError(error: AppError, headers: IncomingHttpHeaders = {}): ErrorResponse {
  if (!error.retryable && (error.status === 402 || error.status === 400) && isCodexClient(headers)) {
    return {
      status: 400,
      headers: { ...retryHeaders(error), 'content-type': 'text/plain; charset=utf-8', 'x-agent-budget-error': error.kind },
      body: `agent-budget: ${error.message}`,
    };
  }
  const field = error.fields[0]?.field ?? null;
  return {
    status: error.status,
    headers: retryHeaders(error),
    body: JSON.stringify({ error: { message: error.message, type: error.kind, code: error.kind, param: field } }),
  };
}
