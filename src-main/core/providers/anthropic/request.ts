/**
 * Reads an Anthropic Messages request body once, checking only what the proxy relies on; anything
 * else is the upstream's to judge. Each refusal names the field and the problem.
 */
import { AppError } from '../../errors.js';
import type { ParsedRequest } from '../types.js';

export interface AnthropicRequest extends ParsedRequest {
  max_tokens: number;
  /** `thinking.budget_tokens` when extended thinking is enabled with a budget; null otherwise. */
  thinking_budget: number | null;
  /** Size of the raw body: the cheap upper bound of its text tokens (a token is at least one byte). */
  body_bytes: number;
}

function invalid(field: string, message: string): AppError {
  return new AppError('invalid_request_error', message, { fields: [{ field, message }] });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function parseBody(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    // V8's message quotes the body, which must not reach logs.
    throw invalid('body', 'The request body is not valid JSON.');
  }
  if (!isObject(body)) throw invalid('body', 'The request body must be a JSON object.');
  return body;
}

function thinkingBudget(thinking: unknown, maxTokens: number): number | null {
  if (thinking === undefined || thinking === null) return null;
  if (!isObject(thinking)) throw invalid('thinking', '`thinking` must be an object.');
  if (thinking.type !== 'enabled' || thinking.budget_tokens === undefined) return null;
  const budget = thinking.budget_tokens;
  if (!isPositiveInteger(budget)) throw invalid('thinking.budget_tokens', '`thinking.budget_tokens` must be a positive integer.');
  if (budget >= maxTokens) {
    throw invalid('thinking.budget_tokens', `\`thinking.budget_tokens\` (${budget}) must be less than \`max_tokens\` (${maxTokens}).`);
  }
  return budget;
}

export function parseAnthropicRequest(raw: Buffer): AnthropicRequest {
  const body = parseBody(raw);
  const { model, max_tokens: maxTokens, stream, messages } = body;
  if (typeof model !== 'string' || model.trim() === '') throw invalid('model', '`model` is required and must be a non-empty string.');
  if (maxTokens === undefined) throw invalid('max_tokens', '`max_tokens` is required.');
  if (!isPositiveInteger(maxTokens)) throw invalid('max_tokens', '`max_tokens` must be a positive integer.');
  if (stream !== undefined && typeof stream !== 'boolean') throw invalid('stream', '`stream` must be true or false.');
  if (!Array.isArray(messages)) throw invalid('messages', '`messages` is required and must be an array.');
  return {
    model,
    stream: stream === true,
    body,
    max_tokens: maxTokens,
    thinking_budget: thinkingBudget(body.thinking, maxTokens),
    body_bytes: raw.length,
  };
}
