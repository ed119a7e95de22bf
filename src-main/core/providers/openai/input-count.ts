/**
 * Tightening the byte bound of a Responses request with OpenAI's free input token counter
 * (`POST /v1/responses/input_tokens`). A Codex turn is ~55 KB of JSON but ~4 bytes a token, so the
 * byte bound reserves about four times the real input. The count gets the same margin as
 * Anthropic's (+10% and +100 tokens), is cached per conversation prefix (a conversation's next turn
 * extends a counted prefix and needs no new call), and any failure falls back to the byte bound.
 */
import { createHash } from 'node:crypto';
import type { TightenContext } from '../types.js';
import type { OpenAIRequest } from './request.js';

export const COUNT_MARGIN = 1.1;
export const COUNT_SLACK_TOKENS = 100;
const CACHE_ENTRIES = 2_000;

/** The fields the counter takes; output limits, streaming, storage and metadata are left out. */
const COUNTED_FIELDS = ['model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'previous_response_id', 'conversation', 'reasoning', 'text', 'truncation'];

const counts = new Map<string, number>();

function remember(key: string, tokens: number): void {
  if (counts.size >= CACHE_ENTRIES) counts.delete(counts.keys().next().value!);
  counts.set(key, tokens);
}

function inputItems(request: OpenAIRequest): unknown[] {
  return Array.isArray(request.body.input) ? request.body.input : [request.body.input];
}

/** keys[i] identifies everything but the input, plus the first i input items. */
function prefixKeys(request: OpenAIRequest): string[] {
  const fixed = COUNTED_FIELDS.filter((field) => field !== 'input').map((field) => request.body[field]);
  let hash = createHash('sha256').update(JSON.stringify(fixed)).digest('hex');
  const keys = [hash];
  for (const item of inputItems(request)) {
    hash = createHash('sha256').update(hash).update(JSON.stringify(item) ?? '').digest('hex');
    keys.push(hash);
  }
  return keys;
}

/** Input tokens of the request as counted by OpenAI (or a counted prefix plus the byte bound of the rest), with the margin; null when unknown. */
export async function countedInputTokens(request: OpenAIRequest, context: TightenContext): Promise<number | null> {
  const keys = prefixKeys(request);
  const items = inputItems(request);
  for (let i = items.length; i >= 1; i--) {
    const cached = counts.get(keys[i]!);
    if (cached !== undefined) return withMargin(cached) + (i < items.length ? Buffer.byteLength(JSON.stringify(items.slice(i))) : 0);
  }
  const body = Object.fromEntries(COUNTED_FIELDS.filter((f) => request.body[f] !== undefined).map((f) => [f, request.body[f]]));
  const counted = await context.countTokens(body);
  if (counted === null) return null;
  remember(keys[items.length]!, counted);
  return withMargin(counted);
}

function withMargin(tokens: number): number {
  return Math.ceil(tokens * COUNT_MARGIN) + COUNT_SLACK_TOKENS;
}
