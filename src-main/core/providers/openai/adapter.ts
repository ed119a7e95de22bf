/** The OpenAI Chat Completions and Responses APIs, as the provider-neutral proxy sees them. */
import type { ModelPrice } from '../../pricing/types.js';
import { inputTokensOf, type ProviderAdapter } from '../types.js';
import { codexSessionId } from './codex-client.js';
import { renderOpenAIError } from './errors.js';
import { type OpenAIRequest, parseOpenAIRequest } from './request.js';
import { routeOpenAI } from './routes.js';
import { OpenAIStreamUsage } from './stream-usage.js';
import { tierPrice } from './service-tier.js';
import { tightenOpenAI } from './tighten.js';
import { usageFromOpenAIJson } from './usage.js';
import { inputTokenBound, openaiCostPlan } from './worst-case.js';

/** The field that carries the output limit upstream: the client's own, else the current one. */
function limitField(request: OpenAIRequest): string {
  if (request.api === 'responses') return 'max_output_tokens';
  return request.body.max_tokens != null && request.body.max_completion_tokens == null ? 'max_tokens' : 'max_completion_tokens';
}

export const openaiAdapter: ProviderAdapter<OpenAIRequest> = {
  provider: 'openai',
  requestIdHeader: 'x-request-id',
  route: routeOpenAI,
  parse: parseOpenAIRequest,
  priceFor: (request: OpenAIRequest, price: ModelPrice) => tierPrice(price, request.service_tier),
  plan: openaiCostPlan,
  tighten: tightenOpenAI,
  counter: { path: () => '/v1/responses/input_tokens', tokens: inputTokensOf },
  upstreamBody(request, raw, clampedMaxTokens) {
    const askUsage = request.api === 'chat' && request.stream && !request.wants_usage_chunk;
    const ceilings = request.output_ceiling !== null || request.tool_call_ceiling !== null;
    if (clampedMaxTokens === null && !askUsage && !ceilings) return raw;
    const body: Record<string, unknown> = { ...request.body };
    if (askUsage) body.stream_options = { ...(body.stream_options as object | undefined), include_usage: true };
    if (request.output_ceiling !== null) body.max_output_tokens = request.output_ceiling;
    if (clampedMaxTokens !== null) body[limitField(request)] = Math.floor(clampedMaxTokens / request.choices);
    return Buffer.from(JSON.stringify(body));
  },
  noticeHeaders(request): Record<string, string> {
    const notices = [
      request.output_ceiling === null ? null : `max_output_tokens set to ${request.output_ceiling} to fit the budget`,
      request.tool_call_ceiling === null ? null : `max_tool_calls set to ${request.tool_call_ceiling} to bound hosted tools`,
    ].filter((notice) => notice !== null);
    return notices.length === 0 ? {} : { 'x-agent-budget-output-ceiling': notices.join('; ') };
  },
  sessionId: codexSessionId,
  usageFromJson: usageFromOpenAIJson,
  streamTracker: (request, context) => new OpenAIStreamUsage(request, inputTokenBound(request), context),
  renderError: renderOpenAIError,
};
