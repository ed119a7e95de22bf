/**
 * The most a Gemini generateContent request can cost, known before it is sent. The body's bytes
 * bound its text tokens (a token is at least one byte); content the body only points at is bounded
 * by the model's context window, and the allowances below are documented assumptions where Google
 * publishes no limit (the README lists them as the places where the guarantee ends).
 */
import { MIN_USEFUL_OUTPUT_TOKENS } from '../../ledger/cost-plan.js';
import type { CostPlan } from '../../ledger/types.js';
import { picosToMicros } from '../../money.js';
import { ratesFor } from '../../pricing/cost.js';
import type { ModelPrice } from '../../pricing/types.js';
import { isObject, walkObjects } from '../json-body.js';
import { field, type GeminiRequest } from './request.js';

/** Every current Gemini model reads at most 1,048,576 input tokens (ai.google.dev/gemini-api/docs/models); more is refused with 400. */
export const CONTEXT_WINDOW_TOKENS = 1_048_576;
/** An inline image, audio or video part beyond its own bytes: an image is 258 to 2,240 tokens at the highest media resolution; rounded up. */
export const INLINE_MEDIA_TOKENS = 3_000;
/** The hidden prompt tool declarations add (unpublished): an assumption. */
export const TOOL_PROMPT_TOKENS = 1_000;
/** Server-side tool steps (searches, URL fetches, code runs) assumed per request: Google publishes no cap. */
export const SERVER_TOOL_STEPS = 10;
/** Input one server-side tool step may add (`toolUsePromptTokenCount`): an assumption. */
export const SERVER_TOOL_RESULT_TOKENS = 10_000;

const SERVER_TOOLS = ['googleSearch', 'googleSearchRetrieval', 'urlContext', 'codeExecution', 'googleMaps', 'fileSearch'];
const SEARCH_TOOLS = new Set(['googleSearch', 'googleSearchRetrieval']);

interface BodyScan {
  base64Bytes: number;
  inlineParts: number;
  /** `fileData` parts or a `cachedContent` reference: content the body does not hold. */
  external: boolean;
}

function scanBody(body: Record<string, unknown>): BodyScan {
  const scan: BodyScan = { base64Bytes: 0, inlineParts: 0, external: typeof field(body, 'cachedContent') === 'string' };
  walkObjects([field(body, 'contents'), field(body, 'systemInstruction')], (node) => {
    const inline = field(node, 'inlineData');
    if (isObject(inline)) {
      scan.inlineParts += 1;
      if (typeof inline.data === 'string') scan.base64Bytes += inline.data.length;
      return false;
    }
    if (field(node, 'fileData') !== undefined) scan.external = true;
    return true;
  });
  return scan;
}

/** The server-side tools a request enables, by their camelCase names. */
function serverTools(request: GeminiRequest): string[] {
  const tools = field(request.body, 'tools');
  if (!Array.isArray(tools)) return [];
  return SERVER_TOOLS.filter((name) => tools.some((tool) => isObject(tool) && field(tool, name) !== undefined));
}

/** Gemini 3 and later bill each search query; Gemini 2.x and older each grounded prompt. */
export function billsPerQuery(model: string): boolean {
  return !/^gemini-[12]\./.test(model);
}

/** Input tokens of the request's prompt, its media and tool declarations, at most the context window. */
export function promptTokenBound(request: GeminiRequest): number {
  const scan = scanBody(request.body);
  if (scan.external) return CONTEXT_WINDOW_TOKENS;
  const tools = field(request.body, 'tools');
  const toolPrompt = Array.isArray(tools) && tools.length > 0 ? TOOL_PROMPT_TOKENS : 0;
  return Math.min(CONTEXT_WINDOW_TOKENS, request.body_bytes + scan.inlineParts * INLINE_MEDIA_TOKENS + toolPrompt);
}

/** Thinking tokens a candidate may spend: its budget when set, else (dynamic thinking) up to the model's output limit. */
export function thinkingAllowance(request: GeminiRequest, price: ModelPrice): number {
  return Math.min(request.thinking_budget ?? price.max_output_tokens, price.max_output_tokens);
}

/**
 * Output of one candidate. Google documents the thinking budget beside `maxOutputTokens` while the
 * API has been seen to count thoughts within it, so the bound takes the larger reading: both added,
 * never past the model's output limit, which holds thoughts and answer together.
 */
export function candidateOutputBound(request: GeminiRequest, price: ModelPrice): number {
  if (request.max_output_tokens === null) return price.max_output_tokens;
  return Math.min(price.max_output_tokens, request.max_output_tokens + thinkingAllowance(request, price));
}

/**
 * The plan for admission: the prompt bound plus what server-side tools may add, all at the plain
 * input rate (cached input is cheaper), at the long-context rates when the total passes the model's
 * threshold; search fees per query (or per grounded prompt); output for every candidate.
 */
export function geminiCostPlan(request: GeminiRequest, price: ModelPrice, promptTokens = promptTokenBound(request)): CostPlan {
  const tools = serverTools(request);
  const steps = tools.length > 0 ? SERVER_TOOL_STEPS : 0;
  const inputTokens = promptTokens + Math.min(CONTEXT_WINDOW_TOKENS, steps * SERVER_TOOL_RESULT_TOKENS);
  const searches = tools.some((tool) => SEARCH_TOOLS.has(tool)) ? (billsPerQuery(request.model) ? steps : 1) : 0;
  const rates = ratesFor(price, inputTokens);
  const perCandidate = candidateOutputBound(request, price);
  const maxOutput = perCandidate * request.candidates;
  const smallest = thinkingAllowance(request, price) + MIN_USEFUL_OUTPUT_TOKENS;
  return {
    fixed_micros: picosToMicros(inputTokens * rates.input + searches * price.web_search_per_use * 1_000_000),
    output_picos_per_token: rates.output,
    max_output_tokens: maxOutput,
    min_output_tokens: Math.min(smallest * request.candidates, maxOutput),
  };
}
