/**
 * OpenAI's prices per million tokens (input / cached input / output) for the current and
 * still-served models, from the project's shared reference `pricing-and-usage.md` (its sources:
 * LLMKit's table drawn from genai-prices and LiteLLM, GitHub's Copilot model table, adk-model).
 *
 * Every rate is integer micro-dollars per million tokens. OpenAI has no cache-write charge, so the
 * write rates equal the input rate; cached input is the `cache_read` rate. Models sold without a
 * cached rate (the -pro models) bill cached input at the full rate. Web search is $10 per 1,000
 * calls. `max_output_tokens` is each model's published output limit: it bounds a request that sets
 * no limit of its own.
 *
 * The GPT-6 family (and GPT-5.6) bills cache writes (`input_tokens_details.cache_write_tokens`) at
 * 1.25× input, and a request of more than 272K input tokens entirely at long-context rates: 2× input
 * (cache rates alike) and 1.5× output. Sources, checked 2026-12-05: developers.openai.com/api/docs/models/gpt-6.1-sol
 * and /api/docs/pricing as quoted by LiteLLM's launch posts (gpt-6-sol/luna 2026-09-22, gpt-6.1-sol
 * 2026-09-29, gpt-6.2 2026-11-17), apidog.com "GPT-6.1 Terra vs GPT-6.1 Sol" (2026-10-27), and
 * laozhang.ai's GPT-6 / 6.1 Sol / 6.2 pages (standard and long-context tables). `gpt-6.1-sol` is Codex
 * CLI 0.169's default model; gpt-5.1-codex(-mini, -max) are Codex's earlier models (L, 2026-11-01).
 */
import type { Micros } from '../money.js';
import type { ModelPrice } from './types.js';

const SOURCE_DATE = '2026-11-01';
const GPT6_SOURCE_DATE = '2026-12-05';
const LONG_CONTEXT_THRESHOLD = 272_000;
const WEB_SEARCH_PER_USE: Micros = 10_000;

/**
 * [input, cached input (null: none), output] in dollars per million tokens, the output limit, and
 * for the families that have them, cache writes at 1.25× input and long-context rates past 272K.
 */
type Row = [input: number, cached: number | null, output: number, maxOutput: number, tiers?: 'cache-write-and-long-context'];
const GPT6: Row[4] = 'cache-write-and-long-context';

const usd = (dollars: number): Micros => Math.round(dollars * 1_000_000);

const TABLE: Record<string, Row> = {
  'gpt-5': [1.25, 0.125, 10, 128_000],
  'gpt-5.1': [1.25, 0.125, 10, 128_000],
  'gpt-5-codex': [1.25, 0.125, 10, 128_000],
  'gpt-5.1-codex': [1.25, 0.125, 10, 128_000],
  'gpt-5.1-codex-max': [1.25, 0.125, 10, 128_000],
  'gpt-5.1-codex-mini': [0.25, 0.025, 2, 128_000],
  'gpt-5-mini': [0.25, 0.025, 2, 128_000],
  'gpt-5-nano': [0.05, 0.005, 0.4, 128_000],
  'gpt-5.2': [1.75, 0.175, 14, 128_000],
  'gpt-5.2-codex': [1.75, 0.175, 14, 128_000],
  'gpt-5.3-codex': [1.75, 0.175, 14, 128_000],
  'gpt-5.4': [2.5, 0.25, 15, 128_000],
  'gpt-5.4-mini': [0.75, 0.075, 4.5, 128_000],
  'gpt-5.4-nano': [0.2, 0.02, 1.25, 128_000],
  'gpt-5.6-sol': [4, 0.4, 20, 128_000, GPT6],
  'gpt-5.6-terra': [2, 0.2, 12, 128_000, GPT6],
  'gpt-5.6-luna': [0.2, 0.02, 1.2, 128_000, GPT6],
  'gpt-6-astra': [10, 1, 50, 128_000, GPT6],
  'gpt-6-sol': [2, 0.2, 10, 128_000, GPT6],
  'gpt-6-luna': [0.1, 0.01, 0.5, 128_000, GPT6],
  'gpt-6.1-sol': [2, 0.1, 10, 128_000, GPT6],
  'gpt-6.1-terra': [1, 0.05, 5, 128_000, GPT6],
  'gpt-6.2-astra': [8, 0.4, 40, 128_000, GPT6],
  'gpt-6.2-sol': [2, 0.1, 10, 128_000, GPT6],
  'gpt-5-pro': [15, null, 120, 272_000],
  'gpt-5.4-pro': [30, null, 180, 272_000],
  'gpt-4.1': [2, 0.5, 8, 32_768],
  'gpt-4.1-mini': [0.4, 0.1, 1.6, 32_768],
  'gpt-4.1-nano': [0.1, 0.025, 0.4, 32_768],
  'gpt-4o': [2.5, 1.25, 10, 16_384],
  'gpt-4o-mini': [0.15, 0.075, 0.6, 16_384],
  o3: [2, 0.5, 8, 100_000],
  'o4-mini': [1.1, 0.275, 4.4, 100_000],
  'o3-pro': [20, null, 80, 100_000],
  o1: [15, 7.5, 60, 100_000],
  'o3-mini': [1.1, 0.55, 4.4, 100_000],
};

function modelPrice(model: string, [input, cached, output, maxOutput, tiers]: Row): ModelPrice {
  const write = tiers ? usd(input * 1.25) : usd(input);
  return {
    model,
    provider: 'openai',
    input: usd(input),
    output: usd(output),
    cache_write_5m: write,
    cache_write_1h: write,
    cache_read: usd(cached ?? input),
    long_context_threshold: tiers ? LONG_CONTEXT_THRESHOLD : null,
    long_context_input: tiers ? usd(input * 2) : null,
    long_context_output: tiers ? usd(output * 1.5) : null,
    web_search_per_use: WEB_SEARCH_PER_USE,
    max_output_tokens: maxOutput,
    source_date: tiers ? GPT6_SOURCE_DATE : SOURCE_DATE,
  };
}

export const OPENAI_PRICES: ModelPrice[] = Object.entries(TABLE).map(([model, row]) => modelPrice(model, row));
