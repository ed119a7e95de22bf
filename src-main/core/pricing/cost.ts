/**
 * The cost of a request from its usage, in exact integer arithmetic: token counts times rates in
 * micro-dollars per million tokens are pico-dollars, rounded up to micro-dollars once.
 */
import { picosToMicros, type Micros } from '../money.js';
import { promptTokens, type Usage } from '../usage.js';
import type { ModelPrice } from './types.js';

/** Per-token prices in pico-dollars (= micro-dollars per million tokens) for one request. */
export interface Rates {
  input: number;
  cache_write_5m: number;
  cache_write_1h: number;
  cache_read: number;
  output: number;
}

const PICOS_PER_MICRO = 1_000_000;

/**
 * The rates a request of this prompt size pays. Past a model's long-context threshold the whole
 * request moves to the long-context rates, and the cache rates keep their ratio to the input rate
 * (Anthropic: the cache multipliers stack on the long-context input price).
 */
export function ratesFor(price: ModelPrice, prompt: number): Rates {
  const longInput = price.long_context_input;
  if (price.long_context_threshold === null || longInput === null || prompt <= price.long_context_threshold) {
    return { input: price.input, cache_write_5m: price.cache_write_5m, cache_write_1h: price.cache_write_1h, cache_read: price.cache_read, output: price.output };
  }
  const scale = (rate: number): number => (price.input === 0 ? rate : Math.ceil((rate * longInput) / price.input));
  return {
    input: longInput,
    cache_write_5m: scale(price.cache_write_5m),
    cache_write_1h: scale(price.cache_write_1h),
    cache_read: scale(price.cache_read),
    output: price.long_context_output ?? price.output,
  };
}

export function costPicos(usage: Usage, price: ModelPrice): number {
  const rates = ratesFor(price, promptTokens(usage));
  return (
    usage.input_tokens * rates.input +
    usage.cache_write_5m_tokens * rates.cache_write_5m +
    usage.cache_write_1h_tokens * rates.cache_write_1h +
    usage.cache_read_input_tokens * rates.cache_read +
    usage.output_tokens * rates.output +
    usage.web_search_requests * price.web_search_per_use * PICOS_PER_MICRO
  );
}

export function costMicros(usage: Usage, price: ModelPrice): Micros {
  return picosToMicros(costPicos(usage, price));
}
