/** The Gemini API (generateContent and streamGenerateContent), as the provider-neutral proxy sees it. */
import type { ProviderAdapter } from '../types.js';
import { countTokensPath, tightenGemini, tokensOfCount } from './count-tokens.js';
import { renderGeminiError } from './errors.js';
import { type GeminiRequest, parseGeminiRequest } from './request.js';
import { routeGemini } from './routes.js';
import { GeminiStreamUsage } from './stream-usage.js';
import { usageFromGeminiJson, usageKey } from './usage.js';
import { MIN_USEFUL_OUTPUT_TOKENS } from '../../ledger/cost-plan.js';
import { geminiCostPlan } from './worst-case.js';

/** A clamp covers every candidate's thoughts and answer: the answer's limit is what is left after the thinking budget. */
function clampedBody(request: GeminiRequest, clampedTokens: number): Record<string, unknown> {
  const perCandidate = Math.floor(clampedTokens / request.candidates);
  const limit = Math.max(MIN_USEFUL_OUTPUT_TOKENS, perCandidate - (request.thinking_budget ?? 0));
  const key = request.body.generation_config !== undefined && request.body.generationConfig === undefined ? 'generation_config' : 'generationConfig';
  const config = { ...(request.body[key] as object | undefined) } as Record<string, unknown>;
  delete config.max_output_tokens;
  return { ...request.body, [key]: { ...config, maxOutputTokens: limit } };
}

export const geminiAdapter: ProviderAdapter<GeminiRequest> = {
  provider: 'gemini',
  requestIdHeader: 'x-goog-request-id',
  settledRequestKey: (request, usage) => usageKey(request.model, usage),
  route: routeGemini,
  parse: parseGeminiRequest,
  plan: (request, price) => geminiCostPlan(request, price),
  tighten: tightenGemini,
  counter: { path: countTokensPath, tokens: tokensOfCount },
  upstreamBody(request, raw, clampedMaxTokens) {
    return clampedMaxTokens === null ? raw : Buffer.from(JSON.stringify(clampedBody(request, clampedMaxTokens)));
  },
  usageFromJson: (body, request) => usageFromGeminiJson(body, request.model),
  // The proxy always passes the price: a cut stream's bound needs the model's output limit.
  streamTracker: (request, { price }) => new GeminiStreamUsage(request, price),
  renderError: renderGeminiError,
};
