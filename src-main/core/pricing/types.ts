import type { Micros } from '../money.js';
import type { Provider } from '../usage.js';

/**
 * One model's prices, in integer micro-dollars per million tokens (so $3/MTok = 3_000_000).
 * The API shows the same fields in dollars per million tokens (`*_per_mtok`).
 */
export interface ModelPrice {
  model: string;
  provider: Provider;
  input: Micros;
  output: Micros;
  cache_write_5m: Micros;
  cache_write_1h: Micros;
  cache_read: Micros;
  /** Prompt size above which the whole request is billed at the long-context rates; null: flat. */
  long_context_threshold: number | null;
  long_context_input: Micros | null;
  long_context_output: Micros | null;
  /** Fee per server-side web search, micro-dollars. */
  web_search_per_use: Micros;
  /** The model's largest possible output, used when a request sets no output limit. */
  max_output_tokens: number;
  /** The day this price was published or checked (YYYY-MM-DD). */
  source_date: string;
}

/** A price found for a request's model: exact, or borrowed from the newest model of its family. */
export interface ResolvedPrice {
  price: ModelPrice;
  inferred: boolean;
}
