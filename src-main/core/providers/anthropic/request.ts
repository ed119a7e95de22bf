/**
 * Reads an Anthropic Messages request body once, checking only what the proxy relies on; anything
 * else is the upstream's to judge. Each refusal names the field and the problem.
 */
import { invalidField as invalid, isObject, isPositiveInteger, optionalStream, parseJsonObject, requireModel } from '../json-body.js';
import type { ParsedRequest } from '../types.js';

export interface AnthropicRequest extends ParsedRequest {
  max_tokens: number;
  /** `thinking.budget_tokens` when extended thinking is enabled with a budget; null otherwise. */
  thinking_budget: number | null;
  /** Size of the raw body: the cheap upper bound of its text tokens (a token is at least one byte). */
  body_bytes: number;
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
  const body = parseJsonObject(raw);
  const model = requireModel(body);
  const { max_tokens: maxTokens, messages } = body;
  if (maxTokens === undefined) throw invalid('max_tokens', '`max_tokens` is required.');
  if (!isPositiveInteger(maxTokens)) throw invalid('max_tokens', '`max_tokens` must be a positive integer.');
  const stream = optionalStream(body);
  if (!Array.isArray(messages)) throw invalid('messages', '`messages` is required and must be an array.');
  return {
    model,
    stream,
    body,
    max_tokens: maxTokens,
    thinking_budget: thinkingBudget(body.thinking, maxTokens),
    body_bytes: raw.length,
  };
}
