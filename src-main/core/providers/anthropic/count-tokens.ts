/**
 * Tightening the byte bound with Anthropic's free token counter. A long Claude Code conversation
 * is about 4 bytes per token, so the byte bound can reserve several times the real cost and
 * starve parallel agents. The count is Anthropic's estimate and rate-limited, so it gets a safety
 * margin, is cached per conversation prefix (most turns extend a counted prefix and need no call),
 * and any failure falls back to the byte bound.
 */
import { createHash } from 'node:crypto';
import { decideAdmission, worstCase } from '../../ledger/cost-plan.js';
import type { CostPlan } from '../../ledger/types.js';
import type { ModelPrice } from '../../pricing/types.js';
import type { TightenContext } from '../types.js';
import { scanBody } from './body-scan.js';
import type { AnthropicRequest } from './request.js';
import { anthropicCostPlan, DOCUMENT_MAX_TOKENS, IMAGE_MAX_TOKENS, inputTokenBound, type InputBound } from './worst-case.js';

/** Tighten only when the loose worst case would take more than this share of what remains. */
export const TIGHTEN_SHARE = 0.25;
/** Safety margin on Anthropic's count: +10% and +100 tokens. */
export const COUNT_MARGIN = 1.1;
export const COUNT_SLACK_TOKENS = 100;
/** Allowance for content the body only points at (URLs, file ids), which a count may not include. */
export const EXTERNAL_CONTENT_TOKENS = 100_000;
const CACHE_ENTRIES = 2_000;

/** The fields count_tokens takes; max_tokens, stream, metadata and sampling options are dropped. */
const COUNTED_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'mcp_servers'];

const counts = new Map<string, number>();

function remember(key: string, tokens: number): void {
  if (counts.size >= CACHE_ENTRIES) counts.delete(counts.keys().next().value!);
  counts.set(key, tokens);
}

function messagesOf(request: AnthropicRequest): unknown[] {
  return Array.isArray(request.body.messages) ? request.body.messages : [];
}

/** keys[i] identifies the request's fixed parts plus its first i messages. */
function prefixKeys(request: AnthropicRequest): string[] {
  const { model, system, tools, tool_choice, thinking } = request.body;
  let hash = createHash('sha256').update(JSON.stringify([model, system, tools, tool_choice, thinking])).digest('hex');
  const keys = [hash];
  for (const message of messagesOf(request)) {
    hash = createHash('sha256').update(hash).update(JSON.stringify(message)).digest('hex');
    keys.push(hash);
  }
  return keys;
}

/** The byte bound of messages added after a counted prefix. */
function tailBound(messages: unknown[]): number {
  const scan = scanBody({ messages });
  return Buffer.byteLength(JSON.stringify(messages)) - scan.base64Bytes + scan.images * IMAGE_MAX_TOKENS + scan.documents * DOCUMENT_MAX_TOKENS;
}

async function countedTokens(request: AnthropicRequest, context: TightenContext): Promise<number | null> {
  const keys = prefixKeys(request);
  const messages = messagesOf(request);
  for (let i = messages.length; i >= 1; i--) {
    const cached = counts.get(keys[i]!);
    if (cached !== undefined) return cached + (i < messages.length ? tailBound(messages.slice(i)) : 0);
  }
  const body = Object.fromEntries(COUNTED_FIELDS.filter((f) => request.body[f] !== undefined).map((f) => [f, request.body[f]]));
  const counted = await context.countTokens(body);
  if (counted !== null) remember(keys[messages.length]!, counted);
  return counted;
}

/** The input bound a count gives: its safety margin, plus an allowance for content the body only points at. */
const countedInput = (counted: number, bound: InputBound) =>
  Math.ceil(counted * COUNT_MARGIN) + COUNT_SLACK_TOKENS + (bound.externalContent ? EXTERNAL_CONTENT_TOKENS : 0);

export async function tightenWithCount(request: AnthropicRequest, plan: CostPlan, price: ModelPrice, context: TightenContext): Promise<CostPlan> {
  if (worstCase(plan) <= context.room * TIGHTEN_SHARE) return plan;
  const bound = inputTokenBound(request);
  // No count can admit a request whose output alone (plus the least input) does not fit: refuse it
  // without handing its prompt to the provider. Admission then refuses it atomically, as any other.
  const floor = anthropicCostPlan(request, price, { ...bound, tokens: Math.min(bound.tokens, countedInput(0, bound)) });
  if (decideAdmission(floor, context.room, context.clamp) === null) return plan;
  const counted = await countedTokens(request, context);
  if (counted === null) return plan;
  const tokens = countedInput(counted, bound);
  return tokens < bound.tokens ? anthropicCostPlan(request, price, { ...bound, tokens }) : plan;
}
