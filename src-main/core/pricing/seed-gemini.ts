/**
 * Google's Gemini Developer API prices (paid tier, standard processing) per million tokens, from
 * ai.google.dev/gemini-api/docs/pricing as transcribed on 2026-10-07 (api-evangelist/deepmind
 * plans/deepmind-plans-pricing.yml) and the model-by-model figures cross-checked against
 * yoagent v0.27.6's presets (2026-11-09) and LiteLLM's table; the ids are those the Gemini CLI 0.61.0
 * asks for (its model router and defaults) and those Google still serves.
 *
 * Every rate is integer micro-dollars per million tokens. Context-cache reads are `cache_read`
 * (a tenth of input on Gemini 2.5 and later); implicit caching writes nothing, and explicit cache
 * storage is billed per hour outside any request, so the write rates equal the input rate. Pro
 * models charge more for prompts above 200k tokens. Grounding with Google Search: Gemini 3 and
 * later $14 per 1,000 search queries; Gemini 2.x $35 per 1,000 grounded prompts (the monthly and
 * daily free allowances are ignored: a budget holds every search as paid). Audio input on the
 * Flash models costs more than text (2.5 Flash: $1.00 against $0.30): it is priced here as text.
 * `max_output_tokens` is each model's published output limit, thoughts included.
 */
import type { Micros } from '../money.js';
import type { ModelPrice } from './types.js';

const SOURCE_DATE = '2026-12-05';
const SEARCH_PER_QUERY: Micros = 14_000;
const SEARCH_PER_PROMPT: Micros = 35_000;
const LONG_CONTEXT_THRESHOLD = 200_000;

/** [input, cached input, output] in dollars per million tokens, the output limit, and the >200k rates [input, output]. */
type Row = [input: number, cached: number, output: number, maxOutput: number, long?: [input: number, output: number]];

const usd = (dollars: number): Micros => Math.round(dollars * 1_000_000);

const TABLE: Record<string, Row> = {
  // $0.75 / $3.75 through 2026-12-31, $1.50 / $7.50 from 2027-01-01 (edit the row in the Pricing view then).
  'gemini-3.8-flash': [0.75, 0.075, 3.75, 65_536],
  'gemini-3.5-flash': [1.5, 0.15, 9, 65_536],
  'gemini-3.5-flash-lite': [0.3, 0.03, 2.5, 65_536],
  'gemini-3.1-pro-preview': [2, 0.2, 12, 65_536, [4, 18]],
  'gemini-3.1-pro-preview-customtools': [2, 0.2, 12, 65_536, [4, 18]],
  // Shut down on 2026-03-09; Google serves it as gemini-3.1-pro-preview.
  'gemini-3-pro-preview': [2, 0.2, 12, 65_536, [4, 18]],
  'gemini-3-flash-preview': [0.5, 0.05, 3, 65_536],
  'gemini-3.1-flash-lite': [0.25, 0.025, 1.5, 65_536],
  'gemini-2.5-pro': [1.25, 0.125, 10, 65_536, [2.5, 15]],
  'gemini-2.5-flash': [0.3, 0.03, 2.5, 65_536],
  'gemini-2.5-flash-lite': [0.1, 0.01, 0.4, 65_536],
  'gemini-2.0-flash': [0.1, 0.025, 0.4, 8_192],
  'gemini-2.0-flash-lite': [0.075, 0.075, 0.3, 8_192],
};

export const GEMINI_PRICES: ModelPrice[] = Object.entries(TABLE).map(([model, [input, cached, output, maxOutput, long]]) => ({
  model,
  provider: 'gemini',
  input: usd(input),
  output: usd(output),
  cache_write_5m: usd(input),
  cache_write_1h: usd(input),
  cache_read: usd(cached),
  long_context_threshold: long ? LONG_CONTEXT_THRESHOLD : null,
  long_context_input: long ? usd(long[0]) : null,
  long_context_output: long ? usd(long[1]) : null,
  web_search_per_use: /^gemini-[12]\./.test(model) ? SEARCH_PER_PROMPT : SEARCH_PER_QUERY,
  max_output_tokens: maxOutput,
  source_date: SOURCE_DATE,
}));
