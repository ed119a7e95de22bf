/**
 * The most an Anthropic Messages request can cost, known before it is sent. Every allowance below
 * is an upper bound taken from Anthropic's documentation, or a documented assumption where
 * Anthropic publishes none (the README lists them).
 */
import { MIN_USEFUL_OUTPUT_TOKENS } from '../../ledger/cost-plan.js';
import type { CostPlan } from '../../ledger/types.js';
import { picosToMicros } from '../../money.js';
import { ratesFor } from '../../pricing/cost.js';
import type { ModelPrice } from '../../pricing/types.js';
import { scanBody, type CacheWrite } from './body-scan.js';
import type { AnthropicRequest } from './request.js';

/**
 * Largest image after Anthropic's resizing. Images cost ⌈w/28⌉×⌈h/28⌉ tokens and are scaled down to
 * the model's native resolution: 1568 px / ~1,600 tokens up to Opus 4.6, 2576 px / 3.75 MP
 * (≈4,784 tokens) from Opus 4.7 on (platform.claude.com/docs/en/build-with-claude/vision);
 * rounded up for the padding to a multiple of 28 px.
 */
export const IMAGE_MAX_TOKENS = 5_000;
/** PDFs are capped at 100 pages per request (platform.claude.com/docs/en/build-with-claude/pdf-support). */
export const PDF_MAX_PAGES = 100;
/** Each PDF page is billed as extracted text (1,500-3,000 tokens per the PDF docs) plus a page image. */
export const PDF_TOKENS_PER_PAGE = 5_000;
export const DOCUMENT_MAX_TOKENS = PDF_MAX_PAGES * PDF_TOKENS_PER_PAGE;
/**
 * The hidden system prompt Anthropic adds when `tools` is present. The largest published figure is
 * 530 tokens (Claude 3 Opus, tool_choice auto; docs.anthropic.com/en/docs/tool-use-pricing-and-tokens);
 * rounded up for models the table does not list.
 */
export const TOOL_USE_SYSTEM_PROMPT_TOKENS = 800;
/**
 * Anthropic-defined tools (`type` such as `bash_…`, `computer_…`, `web_search_…`) carry hidden
 * definitions; the largest published is computer use, 735 tokens plus a 499-token system prompt.
 */
export const ANTHROPIC_TOOL_DEFINITION_TOKENS = 1_500;
/** Assumed input added by one web search's results (Anthropic bills them as input, size unpublished). */
export const WEB_SEARCH_RESULT_TOKENS = 10_000;
/** Assumed input added by one web fetch when the tool sets no `max_content_tokens`. */
export const WEB_FETCH_RESULT_TOKENS = 25_000;
/** Uses assumed for a server tool without `max_uses`: the API pauses its server loop after 10 iterations. */
export const DEFAULT_SERVER_TOOL_USES = 10;

export interface InputBound {
  tokens: number;
  cacheWrite: CacheWrite;
  externalContent: boolean;
}

interface ServerToolUse {
  uses: number;
  resultTokens: number;
  fee: boolean;
}

function tools(req: AnthropicRequest): Record<string, unknown>[] {
  const list = req.body.tools;
  return Array.isArray(list) ? list.filter((tool): tool is Record<string, unknown> => typeof tool === 'object' && tool !== null) : [];
}

function isAnthropicDefined(tool: Record<string, unknown>): boolean {
  return typeof tool.type === 'string' && tool.type !== 'custom';
}

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

function serverToolUse(tool: Record<string, unknown>): ServerToolUse | null {
  const type = typeof tool.type === 'string' ? tool.type : '';
  const uses = positiveInteger(tool.max_uses, DEFAULT_SERVER_TOOL_USES);
  if (type.startsWith('web_search')) return { uses, resultTokens: WEB_SEARCH_RESULT_TOKENS, fee: true };
  if (type.startsWith('web_fetch')) return { uses, resultTokens: positiveInteger(tool.max_content_tokens, WEB_FETCH_RESULT_TOKENS), fee: false };
  return null;
}

/** Input tokens of one sampling step: body text (bytes, base64 payloads excepted), media and tool prompts. */
export function inputTokenBound(req: AnthropicRequest): InputBound {
  const scan = scanBody(req.body);
  const toolList = tools(req);
  const toolTokens =
    (toolList.length > 0 ? TOOL_USE_SYSTEM_PROMPT_TOKENS : 0) + toolList.filter(isAnthropicDefined).length * ANTHROPIC_TOOL_DEFINITION_TOKENS;
  return {
    tokens: req.body_bytes - scan.base64Bytes + scan.images * IMAGE_MAX_TOKENS + scan.documents * DOCUMENT_MAX_TOKENS + toolTokens,
    cacheWrite: scan.cacheWrite,
    externalContent: scan.externalContent,
  };
}

/**
 * The plan for admission. Server tools run a loop inside one request: each use can add a sampling
 * step that reads the prompt plus every result so far, so n uses bound the input by
 * (n + 1) × (prompt + all results); such loops are cached by the server, hence at least the
 * 5-minute write rate. All input is priced at the dearest rate the cache markers allow, at the
 * long-context rates when the total passes the model's threshold.
 */
export function anthropicCostPlan(req: AnthropicRequest, price: ModelPrice, bound: InputBound): CostPlan {
  const loops = tools(req).map(serverToolUse).filter((use): use is ServerToolUse => use !== null);
  const uses = loops.reduce((sum, loop) => sum + loop.uses, 0);
  const resultTokens = loops.reduce((sum, loop) => sum + loop.uses * loop.resultTokens, 0);
  const searches = loops.reduce((sum, loop) => sum + (loop.fee ? loop.uses : 0), 0);
  const inputTokens = (uses + 1) * (bound.tokens + resultTokens);
  const cacheWrite = bound.cacheWrite ?? (uses > 0 ? '5m' : null);

  const rates = ratesFor(price, inputTokens);
  const writeRate = cacheWrite === '1h' ? rates.cache_write_1h : cacheWrite === '5m' ? rates.cache_write_5m : 0;
  const inputRate = Math.max(rates.input, writeRate);
  const fixedPicos = inputTokens * inputRate + searches * price.web_search_per_use * 1_000_000;
  return {
    fixed_micros: picosToMicros(fixedPicos),
    output_picos_per_token: rates.output,
    max_output_tokens: req.max_tokens,
    min_output_tokens: Math.min((req.thinking_budget ?? 0) + MIN_USEFUL_OUTPUT_TOKENS, req.max_tokens),
  };
}
