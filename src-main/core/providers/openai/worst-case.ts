/**
 * The most an OpenAI request can cost, known before it is sent. The body's bytes bound its text
 * tokens (a token is at least one byte); content the body only points to is bounded by the
 * documented allowances below, which the README lists as the places where the guarantee ends.
 */
import { MIN_USEFUL_OUTPUT_TOKENS } from '../../ledger/cost-plan.js';
import type { CostPlan } from '../../ledger/types.js';
import { picosToMicros } from '../../money.js';
import { ratesFor } from '../../pricing/cost.js';
import type { ModelPrice } from '../../pricing/types.js';
import { isObject, walkObjects } from '../json-body.js';
import type { OpenAIRequest } from './request.js';

/** An image given by URL or file id. High detail tops out near 1,600 tokens on the patch-based models; rounded up. */
export const IMAGE_URL_TOKENS = 3_000;
/** A file given by id or URL (a PDF becomes page text plus page images); an allowance, not a published limit. */
export const FILE_REFERENCE_TOKENS = 100_000;
/** Input carried in from `previous_response_id` or `conversation`: an allowance, as the body does not hold it. */
export const CONVERSATION_ALLOWANCE_TOKENS = 128_000;
/** Tokens one hosted tool call (web search, file search…) may add to the input of the next step. */
export const HOSTED_TOOL_RESULT_TOKENS = 10_000;
/** Hosted tool calls assumed when the request sets no `max_tool_calls`. */
export const DEFAULT_HOSTED_TOOL_CALLS = 10;

interface ContentScan {
  inlineBase64Bytes: number;
  references: number;
  files: number;
}

function isRemote(url: unknown): boolean {
  return typeof url === 'string' && !url.startsWith('data:');
}

/** Counts media the body points to; inline base64 payloads are counted as references instead of as text. */
function scanContent(body: Record<string, unknown>): ContentScan {
  const scan: ContentScan = { inlineBase64Bytes: 0, references: 0, files: 0 };
  walkObjects([body], (node) => {
    if (node.type === 'image_url' && isObject(node.image_url)) {
      const url = node.image_url.url;
      scan.references += 1;
      if (!isRemote(url) && typeof url === 'string') scan.inlineBase64Bytes += url.length;
      return false;
    }
    if (node.type === 'input_image') {
      scan.references += 1;
      if (typeof node.image_url === 'string' && !isRemote(node.image_url)) scan.inlineBase64Bytes += node.image_url.length;
      return false;
    }
    if (node.type === 'input_file' || node.type === 'file') {
      scan.files += 1;
      return false;
    }
    return true;
  });
  return scan;
}

const CLIENT_TOOL_TYPES = new Set(['function', 'custom', 'namespace']);

/**
 * Every tool the request offers: `tools`, plus those Codex sends inside its input as
 * `additional_tools` items, with `namespace` tools opened up.
 */
function offeredTools(body: Record<string, unknown>): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const tool of list) {
      if (!isObject(tool)) continue;
      found.push(tool);
      if (tool.type === 'namespace') visit(tool.tools);
    }
  };
  visit(body.tools);
  if (Array.isArray(body.input)) for (const item of body.input) if (isObject(item) && item.type === 'additional_tools') visit(item.tools);
  return found;
}

/** True when the request offers a tool that runs on OpenAI's side (web search, file search…). */
export function offersHostedTools(request: OpenAIRequest): boolean {
  return offeredTools(request.body).some((tool) => typeof tool.type === 'string' && !CLIENT_TOOL_TYPES.has(tool.type));
}

function hostedToolCalls(request: OpenAIRequest): number {
  const hosted = offersHostedTools(request);
  const searchOptions = request.api === 'chat' && isObject(request.body.web_search_options);
  if (!hosted && !searchOptions) return 0;
  const limit = request.body.max_tool_calls;
  return typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0 ? limit : DEFAULT_HOSTED_TOOL_CALLS;
}

/** Allowances for input the body only points to: images and files by URL or id, an earlier conversation. */
export function pointedContentTokens(request: OpenAIRequest, scan = scanContent(request.body)): number {
  return scan.references * IMAGE_URL_TOKENS + scan.files * FILE_REFERENCE_TOKENS + (request.continues_conversation ? CONVERSATION_ALLOWANCE_TOKENS : 0);
}

export function inputTokenBound(request: OpenAIRequest): number {
  const scan = scanContent(request.body);
  return request.body_bytes - scan.inlineBase64Bytes + pointedContentTokens(request, scan);
}

/**
 * Each hosted tool call can add a step that reads the prompt plus every result so far, so n calls
 * bound the input by (n + 1) × (prompt + all results), each call also paying its per-use fee.
 * All input is priced at the dearest input rate (cache writes cost more than plain input on the
 * GPT-6 family, cached reads less), and past the model's long-context threshold at those rates.
 * `promptTokens` replaces the body's byte bound when the input was counted.
 */
export function openaiCostPlan(request: OpenAIRequest, price: ModelPrice, promptTokens = inputTokenBound(request)): CostPlan {
  const calls = hostedToolCalls(request);
  const inputTokens = (calls + 1) * (promptTokens + calls * HOSTED_TOOL_RESULT_TOKENS);
  const rates = ratesFor(price, inputTokens);
  const inputRate = Math.max(rates.input, rates.cache_write_5m, rates.cache_write_1h);
  const perChoice = request.max_output_tokens ?? price.max_output_tokens;
  const maxOutput = perChoice * request.choices;
  return {
    fixed_micros: picosToMicros(inputTokens * inputRate + calls * price.web_search_per_use * 1_000_000),
    output_picos_per_token: rates.output,
    max_output_tokens: maxOutput,
    min_output_tokens: Math.min(MIN_USEFUL_OUTPUT_TOKENS * request.choices, maxOutput),
  };
}
