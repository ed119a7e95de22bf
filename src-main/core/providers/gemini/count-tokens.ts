/**
 * Tightening the byte bound with Gemini's free `countTokens`, as Anthropic's `count_tokens` is: a
 * long Gemini CLI conversation is several bytes per token, and media are counted exactly. The
 * count gets the same safety margin, is cached per conversation prefix (each turn extends a counted
 * one), and any failure falls back to the byte bound.
 */
import { createHash } from 'node:crypto';
import { outputMicros, worstCase } from '../../ledger/cost-plan.js';
import type { CostPlan } from '../../ledger/types.js';
import type { ModelPrice } from '../../pricing/types.js';
import { COUNT_MARGIN, COUNT_SLACK_TOKENS, TIGHTEN_SHARE } from '../anthropic/count-tokens.js';
import type { TightenContext } from '../types.js';
import { field, type GeminiRequest } from './request.js';
import { geminiCostPlan, promptTokenBound } from './worst-case.js';

const CACHE_ENTRIES = 2_000;
/** What countTokens reads of a generateContent request; generation options do not change the prompt. */
const COUNTED_FIELDS = ['contents', 'systemInstruction', 'tools', 'toolConfig', 'cachedContent'];

const counts = new Map<string, number>();

function contentsOf(request: GeminiRequest): unknown[] {
  return field(request.body, 'contents') as unknown[];
}

/** keys[i] identifies the request's fixed parts plus its first i contents. */
function prefixKeys(request: GeminiRequest): string[] {
  const fixed = COUNTED_FIELDS.slice(1).map((name) => field(request.body, name));
  let hash = createHash('sha256').update(JSON.stringify([request.model, fixed])).digest('hex');
  const keys = [hash];
  for (const content of contentsOf(request)) {
    hash = createHash('sha256').update(hash).update(JSON.stringify(content)).digest('hex');
    keys.push(hash);
  }
  return keys;
}

/** The byte bound of contents added after a counted prefix. */
function tailBound(request: GeminiRequest, tail: unknown[]): number {
  const body = { contents: tail };
  return promptTokenBound({ ...request, body, body_bytes: Buffer.byteLength(JSON.stringify(body)) });
}

/** The body countTokens takes: the generateContent request, wrapped, the model named. */
export function countTokensBody(request: GeminiRequest): Record<string, unknown> {
  const counted = Object.fromEntries(COUNTED_FIELDS.map((name) => [name, field(request.body, name)]).filter(([, value]) => value !== undefined));
  return { generateContentRequest: { model: `models/${request.model}`, ...counted } };
}

async function countedTokens(request: GeminiRequest, context: TightenContext): Promise<number | null> {
  const keys = prefixKeys(request);
  const contents = contentsOf(request);
  for (let i = contents.length; i >= 1; i--) {
    const cached = counts.get(keys[i]!);
    if (cached !== undefined) return cached + (i < contents.length ? tailBound(request, contents.slice(i)) : 0);
  }
  const counted = await context.countTokens(countTokensBody(request));
  if (counted === null) return null;
  if (counts.size >= CACHE_ENTRIES) counts.delete(counts.keys().next().value!);
  counts.set(keys[contents.length]!, counted);
  return counted;
}

export async function tightenGemini(request: GeminiRequest, plan: CostPlan, price: ModelPrice, context: TightenContext): Promise<CostPlan> {
  if (worstCase(plan) <= context.room * TIGHTEN_SHARE) return plan;
  // When even the smallest output cannot be covered, no count can help: refuse without calling out.
  if (outputMicros(plan, plan.min_output_tokens ?? plan.max_output_tokens) > context.room) return plan;
  const counted = await countedTokens(request, context);
  if (counted === null) return plan;
  const tokens = Math.ceil(counted * COUNT_MARGIN) + COUNT_SLACK_TOKENS;
  return tokens < promptTokenBound(request) ? geminiCostPlan(request, price, tokens) : plan;
}

/** countTokens sits beside generateContent: same model, same query (the key may be in it), no `alt`. */
export function countTokensPath(upstreamPath: string): string {
  const [path, query = ''] = upstreamPath.split('?', 2);
  const params = new URLSearchParams(query);
  params.delete('alt');
  const rest = params.toString();
  return path!.replace(/:(stream)?[gG]enerateContent$/, ':countTokens') + (rest ? `?${rest}` : '');
}

export function tokensOfCount(answer: unknown): number | null {
  const total = (answer as { totalTokens?: unknown } | null)?.totalTokens;
  return typeof total === 'number' ? total : null;
}
