/**
 * Anthropic's `usage` object (a JSON response's, or `message_start.message.usage`) in normalised
 * form. Anthropic's `input_tokens` already excludes cache reads and writes.
 */
import type { Usage } from '../../usage.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A token count, or 0 where Anthropic sent null or nothing. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * Cache writes split by TTL. Writes the split does not cover (no split in older API versions, or a
 * later cumulative total from `message_delta`, which carries no split) are priced at 5 minutes.
 */
function cacheWrites(usage: Json): { cache_write_5m_tokens: number; cache_write_1h_tokens: number } {
  const split = isObject(usage.cache_creation) ? usage.cache_creation : {};
  const oneHour = count(split.ephemeral_1h_input_tokens);
  const fiveMinutes = Math.max(count(split.ephemeral_5m_input_tokens), count(usage.cache_creation_input_tokens) - oneHour);
  return { cache_write_5m_tokens: fiveMinutes, cache_write_1h_tokens: oneHour };
}

function webSearches(usage: Json): number {
  return isObject(usage.server_tool_use) ? count(usage.server_tool_use.web_search_requests) : 0;
}

export function usageFromAnthropic(raw: unknown): Usage | null {
  if (!isObject(raw)) return null;
  return {
    input_tokens: count(raw.input_tokens),
    output_tokens: count(raw.output_tokens),
    ...cacheWrites(raw),
    cache_read_input_tokens: count(raw.cache_read_input_tokens),
    web_search_requests: webSearches(raw),
  };
}
