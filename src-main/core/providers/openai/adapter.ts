/** The OpenAI Chat Completions and Responses APIs, as the provider-neutral proxy sees them. */
import type { ModelPrice } from '../../pricing/types.js';
import type { ProviderAdapter } from '../types.js';
import { renderOpenAIError } from './errors.js';
import { type OpenAIRequest, parseOpenAIRequest } from './request.js';
import { routeOpenAI } from './routes.js';
import { OpenAIStreamUsage } from './stream-usage.js';
import { tierPrice } from './service-tier.js';
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
  upstreamBody(request, raw, clampedMaxTokens) {
    const askUsage = request.api === 'chat' && request.stream && !request.wants_usage_chunk;
    if (clampedMaxTokens === null && !askUsage) return raw;
    const body: Record<string, unknown> = { ...request.body };
    if (askUsage) body.stream_options = { ...(body.stream_options as object | undefined), include_usage: true };
    if (clampedMaxTokens !== null) body[limitField(request)] = Math.floor(clampedMaxTokens / request.choices);
    return Buffer.from(JSON.stringify(body));
  },
  usageFromJson: usageFromOpenAIJson,
  streamTracker: (request) => new OpenAIStreamUsage(request, inputTokenBound(request)),
  renderError: renderOpenAIError,
};
