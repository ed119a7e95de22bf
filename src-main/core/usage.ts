import type { Provider } from '../../src-shared/api.js';

/** The provider names are part of the HTTP contract; the core uses the same type. */
export type { Provider };

/** Token counts of one request, normalised across providers. */
export interface Usage {
  /** Input billed at the plain input rate (cached reads and cache writes excluded). */
  input_tokens: number;
  output_tokens: number;
  /** Cache writes at the 5-minute rate. */
  cache_write_5m_tokens: number;
  /** Cache writes at the 1-hour rate. */
  cache_write_1h_tokens: number;
  cache_read_input_tokens: number;
  web_search_requests: number;
}

export const ZERO_USAGE: Usage = Object.freeze({
  input_tokens: 0,
  output_tokens: 0,
  cache_write_5m_tokens: 0,
  cache_write_1h_tokens: 0,
  cache_read_input_tokens: 0,
  web_search_requests: 0,
});

export function cacheCreationTokens(usage: Usage): number {
  return usage.cache_write_5m_tokens + usage.cache_write_1h_tokens;
}

/** Everything the model read: what long-context tiers are judged on. */
export function promptTokens(usage: Usage): number {
  return usage.input_tokens + cacheCreationTokens(usage) + usage.cache_read_input_tokens;
}
