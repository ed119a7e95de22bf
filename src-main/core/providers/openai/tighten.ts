/**
 * A closer worst case for OpenAI requests that would otherwise tie up much of what a budget has
 * left. Two steps, both keeping the reservation an upper bound of what OpenAI can bill for the
 * request as it is sent upstream:
 * 1. Responses input is counted by OpenAI's free counter (input-count.ts) instead of one token a byte.
 * 2. Codex sets no output limit, so its worst case holds the model's whole output limit (128K
 *    tokens, $1.28 on gpt-6.1-sol): a $2 budget would refuse it with most of the money unspent.
 *    For Codex only, when the money left cannot cover that, the proxy sets `max_output_tokens` to
 *    what it covers (at least 1,024 tokens), and when Codex offers hosted tools with no
 *    `max_tool_calls`, sets it to a few; the response says so (`x-agent-budget-output-ceiling`).
 *    The SDKs keep what they asked for: they get the opt-in clamp (`clamp_max_tokens`) instead.
 */
import { MIN_USEFUL_OUTPUT_TOKENS, worstCase } from '../../ledger/cost-plan.js';
import type { CostPlan } from '../../ledger/types.js';
import type { ModelPrice } from '../../pricing/types.js';
import type { TightenContext } from '../types.js';
import { isCodexClient } from './codex-client.js';
import { countedInputTokens } from './input-count.js';
import type { OpenAIRequest } from './request.js';
import { inputTokenBound, offersHostedTools, openaiCostPlan, pointedContentTokens } from './worst-case.js';

/** Tighten only when the loose worst case would take more than this share of what remains. */
export const TIGHTEN_SHARE = 0.25;
/** Hosted tool calls a Codex request may make when it sets no `max_tool_calls`. */
export const CODEX_HOSTED_TOOL_CALLS = 3;

async function promptTokens(request: OpenAIRequest, context: TightenContext): Promise<number> {
  const bound = inputTokenBound(request);
  if (request.api !== 'responses') return bound;
  const counted = await countedInputTokens(request, context);
  return counted === null ? bound : Math.min(bound, counted + pointedContentTokens(request));
}

/** The output the money left covers after the fixed part, within the model's limit; null when not even a useful answer fits. */
function outputThatFits(plan: CostPlan, room: number): number | null {
  if (plan.output_picos_per_token <= 0) return null;
  const tokens = Math.floor(((room - plan.fixed_micros) * 1_000_000) / plan.output_picos_per_token);
  return tokens >= MIN_USEFUL_OUTPUT_TOKENS ? Math.min(tokens, plan.max_output_tokens) : null;
}

export async function tightenOpenAI(request: OpenAIRequest, plan: CostPlan, price: ModelPrice, context: TightenContext): Promise<CostPlan> {
  if (worstCase(plan) <= context.room * TIGHTEN_SHARE) return plan;
  const codex = isCodexClient(context.headers) && request.api === 'responses';
  if (codex && request.body.max_tool_calls == null && offersHostedTools(request)) {
    request.tool_call_ceiling = CODEX_HOSTED_TOOL_CALLS;
    request.body = { ...request.body, max_tool_calls: CODEX_HOSTED_TOOL_CALLS };
  }
  let tightened = openaiCostPlan(request, price, await promptTokens(request, context));
  if (codex && request.max_output_tokens === null && worstCase(tightened) > context.room) {
    const ceiling = outputThatFits(tightened, context.room);
    if (ceiling !== null) {
      request.output_ceiling = ceiling;
      request.max_output_tokens = ceiling;
      tightened = { ...tightened, max_output_tokens: ceiling, min_output_tokens: Math.min(tightened.min_output_tokens ?? ceiling, ceiling) };
    }
  }
  // Never looser than the plan: the count is at most the byte bound and the ceilings only lower it.
  return tightened;
}
