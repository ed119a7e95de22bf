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
 */
import type { Micros } from '../money.js';
import type { ModelPrice } from './types.js';

const SOURCE_DATE = '2026-11-01';
const WEB_SEARCH_PER_USE: Micros = 10_000;

/** [input, cached input (null: none), output] in dollars per million tokens, and the output limit. */
type Row = [input: number, cached: number | null, output: number, maxOutput: number];

const usd = (dollars: number): Micros => Math.round(dollars * 1_000_000);

const TABLE: Record<string, Row> = {
  'gpt-5': [1.25, 0.125, 10, 128_000],
  'gpt-5.1': [1.25, 0.125, 10, 128_000],
  'gpt-5-codex': [1.25, 0.125, 10, 128_000],
  'gpt-5.1-codex': [1.25, 0.125, 10, 128_000],
  'gpt-5-mini': [0.25, 0.025, 2, 128_000],
  'gpt-5-nano': [0.05, 0.005, 0.4, 128_000],
  'gpt-5.2': [1.75, 0.175, 14, 128_000],
  'gpt-5.2-codex': [1.75, 0.175, 14, 128_000],
  'gpt-5.3-codex': [1.75, 0.175, 14, 128_000],
  'gpt-5.4': [2.5, 0.25, 15, 128_000],
  'gpt-5.4-mini': [0.75, 0.075, 4.5, 128_000],
  'gpt-5.4-nano': [0.2, 0.02, 1.25, 128_000],
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

export const OPENAI_PRICES: ModelPrice[] = Object.entries(TABLE).map(([model, [input, cached, output, maxOutput]]) => ({
  model,
  provider: 'openai',
  input: usd(input),
  output: usd(output),
  cache_write_5m: usd(input),
  cache_write_1h: usd(input),
  cache_read: usd(cached ?? input),
  long_context_threshold: null,
  long_context_input: null,
  long_context_output: null,
  web_search_per_use: WEB_SEARCH_PER_USE,
  max_output_tokens: maxOutput,
  source_date: SOURCE_DATE,
}));
