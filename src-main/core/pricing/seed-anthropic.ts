/**
 * Anthropic's published prices for the current and still-served Claude models, as gathered in the
 * project's shared reference `pricing-and-usage.md` (its sources A1-A5: Anthropic's pricing page,
 * an older copy of it, the per-model overview pages and the TypeScript SDK's model list).
 *
 * Every rate is integer micro-dollars per million tokens. Cache rates follow Anthropic's uniform
 * multipliers: 5-minute write 1.25x input, 1-hour write 2x, read 0.1x (Haiku 3 keeps its own
 * published, rounded cache prices). Web search is $10 per
 * 1,000 searches. The long-context tier (prompt over 200K tokens: $6 in, $22.50 out for the whole
 * request) is documented only for Sonnet 4 and 4.5 with the 1M-context beta; later models are
 * billed flat across their window.
 *
 * `max_output_tokens`: Opus 4.6 and 4.7 128K, Sonnet 4.x and Haiku 4.5 64K, Opus 4/4.1 32K,
 * Haiku 3.5 8,192 and Haiku 3 4,096 are published; Opus 4.8 / 5, Sonnet 5 and Fable / Mythos are
 * taken as their predecessors' (not yet confirmed). Anthropic requests always carry `max_tokens`,
 * so this figure only matters to callers that omit an output limit.
 */
import type { Micros } from '../money.js';
import type { ModelPrice } from './types.js';

const SOURCE_DATE = '2026-11-01';
const WEB_SEARCH_PER_USE: Micros = 10_000;

interface Tier {
  input: Micros;
  output: Micros;
  maxOutput: number;
  longContext?: { input: Micros; output: Micros };
  /** Published cache prices that depart from the uniform multipliers. */
  cache?: { write5m: Micros; write1h: Micros; read: Micros };
}

/** One price row per id; cache rates follow the input rate unless the tier gives its own. */
function rows(ids: string[], tier: Tier): ModelPrice[] {
  return ids.map((model) => ({
    model,
    provider: 'anthropic',
    input: tier.input,
    output: tier.output,
    cache_write_5m: tier.cache?.write5m ?? (tier.input * 5) / 4,
    cache_write_1h: tier.cache?.write1h ?? tier.input * 2,
    cache_read: tier.cache?.read ?? tier.input / 10,
    long_context_threshold: tier.longContext ? 200_000 : null,
    long_context_input: tier.longContext?.input ?? null,
    long_context_output: tier.longContext?.output ?? null,
    web_search_per_use: WEB_SEARCH_PER_USE,
    max_output_tokens: tier.maxOutput,
    source_date: SOURCE_DATE,
  }));
}

const SONNET_4_LONG_CONTEXT = { input: 6_000_000, output: 22_500_000 };

export const ANTHROPIC_PRICES: ModelPrice[] = [
  ...rows(['claude-fable-5', 'claude-mythos-5'], { input: 10_000_000, output: 50_000_000, maxOutput: 128_000 }),
  ...rows(['claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6'], { input: 5_000_000, output: 25_000_000, maxOutput: 128_000 }),
  ...rows(['claude-opus-4-5', 'claude-opus-4-5-20251101'], { input: 5_000_000, output: 25_000_000, maxOutput: 64_000 }),
  ...rows(['claude-opus-4-1', 'claude-opus-4-1-20250805', 'claude-opus-4-0', 'claude-opus-4-20250514'], { input: 15_000_000, output: 75_000_000, maxOutput: 32_000 }),
  ...rows(['claude-sonnet-5'], { input: 2_000_000, output: 10_000_000, maxOutput: 64_000 }),
  ...rows(['claude-sonnet-4-6'], { input: 3_000_000, output: 15_000_000, maxOutput: 64_000 }),
  ...rows(['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-0', 'claude-sonnet-4-20250514'], {
    input: 3_000_000,
    output: 15_000_000,
    maxOutput: 64_000,
    longContext: SONNET_4_LONG_CONTEXT,
  }),
  ...rows(['claude-3-7-sonnet-20250219'], { input: 3_000_000, output: 15_000_000, maxOutput: 64_000 }),
  ...rows(['claude-haiku-4-5', 'claude-haiku-4-5-20251001'], { input: 1_000_000, output: 5_000_000, maxOutput: 64_000 }),
  ...rows(['claude-3-5-haiku-20241022'], { input: 800_000, output: 4_000_000, maxOutput: 8_192 }),
  ...rows(['claude-3-haiku-20240307'], {
    input: 250_000,
    output: 1_250_000,
    maxOutput: 4_096,
    cache: { write5m: 300_000, write1h: 500_000, read: 30_000 },
  }),
];
