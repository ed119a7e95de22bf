/**
 * OpenAI usage objects, normalised. Both APIs count cached reads and cache writes inside the input
 * figure and reasoning tokens inside the output figure: plain input is input minus both. Cache
 * writes (`cache_write_tokens`, billed by the GPT-6 family) go to the one cache-write rate OpenAI has.
 */
import { ZERO_USAGE, type Usage } from '../../usage.js';
import { isObject } from '../json-body.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function split(input: number, details: Record<string, unknown>, output: number, webSearches: number): Usage {
  const cachedTokens = Math.min(count(details.cached_tokens), input);
  const written = Math.min(count(details.cache_write_tokens), input - cachedTokens);
  return {
    ...ZERO_USAGE,
    input_tokens: input - cachedTokens - written,
    cache_read_input_tokens: cachedTokens,
    cache_write_5m_tokens: written,
    output_tokens: output,
    web_search_requests: webSearches,
  };
}

/** Chat Completions: `prompt_tokens` with `prompt_tokens_details.cached_tokens`, `completion_tokens`. */
export function chatUsage(usage: unknown): Usage | null {
  if (!isObject(usage) || typeof usage.prompt_tokens !== 'number') return null;
  const details = isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  return split(count(usage.prompt_tokens), details, count(usage.completion_tokens), 0);
}

/** Responses: `input_tokens` with `input_tokens_details.cached_tokens`, `output_tokens`; web searches are output items. */
export function responsesUsage(response: unknown): Usage | null {
  if (!isObject(response) || !isObject(response.usage) || typeof response.usage.input_tokens !== 'number') return null;
  const { usage } = response;
  const details = isObject(usage.input_tokens_details) ? usage.input_tokens_details : {};
  const output = Array.isArray(response.output) ? response.output : [];
  const searches = output.filter((item) => isObject(item) && item.type === 'web_search_call').length;
  return split(count(usage.input_tokens), details, count(usage.output_tokens), searches);
}

export function usageFromOpenAIJson(body: unknown): Usage | null {
  if (!isObject(body)) return null;
  return body.object === 'response' ? responsesUsage(body) : chatUsage(body.usage);
}
