/** The Anthropic Messages API, as the provider-neutral proxy sees it. */
import type { ProviderAdapter, StreamTracker } from '../types.js';
import { tightenWithCount } from './count-tokens.js';
import { renderAnthropicError } from './errors.js';
import { type AnthropicRequest, parseAnthropicRequest } from './request.js';
import { routeAnthropic } from './routes.js';
import { AnthropicStreamUsage } from './stream-usage.js';
import { usageFromAnthropic } from './usage.js';
import { anthropicCostPlan, inputTokenBound } from './worst-case.js';

/**
 * With extended thinking the stream shows a summary while the full thinking is billed: a stream cut
 * short bills all of max_tokens. Adaptive thinking has no budget, so thinking seen in the stream counts too.
 */
function thinkingAware(request: AnthropicRequest, tracker: AnthropicStreamUsage): StreamTracker {
  return {
    transform: (chunk) => tracker.transform(chunk),
    flush: () => tracker.flush(),
    finalUsage: () => tracker.finalUsage(),
    partialUsage: () => {
      const partial = tracker.partialUsage();
      const thinking = request.thinking_budget !== null || tracker.sawThinking;
      return thinking ? { ...partial, output_tokens: Math.max(partial.output_tokens, request.max_tokens) } : partial;
    },
  };
}

export const anthropicAdapter: ProviderAdapter<AnthropicRequest> = {
  provider: 'anthropic',
  requestIdHeader: 'request-id',
  route: routeAnthropic,
  parse: (raw) => parseAnthropicRequest(raw),
  plan: (request, price) => anthropicCostPlan(request, price, inputTokenBound(request)),
  tighten: tightenWithCount,
  upstreamBody(request, raw, clampedMaxTokens) {
    if (clampedMaxTokens === null) return raw;
    return Buffer.from(JSON.stringify({ ...request.body, max_tokens: clampedMaxTokens }));
  },
  usageFromJson: (body) => usageFromAnthropic((body as { usage?: unknown } | null)?.usage),
  streamTracker: (request) => thinkingAware(request, new AnthropicStreamUsage(request.max_tokens)),
  renderError: renderAnthropicError,
};
