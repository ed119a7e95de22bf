/**
 * What the proxy needs to know about one provider's wire format. The proxy itself (admission,
 * forwarding, settlement) is shared; everything shaped like Anthropic or OpenAI lives behind this.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AppError } from '../errors.js';
import type { CostPlan } from '../ledger/types.js';
import type { ModelPrice } from '../pricing/types.js';
import type { Provider, Usage } from '../usage.js';

/** How the proxy treats a path below the provider's `/v1` prefix. */
export type RouteKind = { kind: 'metered' } | { kind: 'forward' } | { kind: 'unsupported'; message: string };

export interface ParsedRequest {
  model: string;
  stream: boolean;
  /** The parsed JSON body, for adapters that must change it before forwarding. */
  body: Record<string, unknown>;
}

/** Follows a response stream as it passes through, to learn its usage. */
export interface StreamTracker {
  /** Takes upstream bytes and returns the bytes to send on (usually the same buffer). */
  transform(chunk: Buffer): Buffer;
  /** Bytes held back at the end of the stream, if any. */
  flush(): Buffer;
  /** The final usage, once the stream reported it; null before. */
  finalUsage(): Usage | null;
  /** The best bound from what was seen so far, for a stream cut short. */
  partialUsage(): Usage;
}

/** What a stream tracker is told about the admitted request. */
export interface TrackerContext {
  /** The price the request pays (bounds such as thinking allowances depend on the model). */
  price: ModelPrice;
  /** The most output the request may produce as sent (its limit, a ceiling or clamp, else the model's): what a cut stream may have billed. */
  maxOutputTokens: number;
  /** Hears the provider's id for the answer as soon as the stream names it. */
  onResponseId(id: string): void;
}

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface TightenContext {
  /** Money the budget can still promise, read just before admission (advisory: admission decides). */
  room: number;
  /** Whether the budget may lower `max_tokens` to fit (so a smaller output could still be admitted). */
  clamp: boolean;
  /** Asks the provider to count a body's input tokens with the client's own credentials; null on failure. */
  countTokens(body: Record<string, unknown>): Promise<number | null>;
  /** The client's request headers, for adapters that treat a known client (e.g. Codex) differently. */
  headers: IncomingHttpHeaders;
}

/** `{"input_tokens": N}`, as Anthropic's and OpenAI's counters answer. */
export function inputTokensOf(answer: unknown): number | null {
  const tokens = (answer as { input_tokens?: unknown } | null)?.input_tokens;
  return typeof tokens === 'number' ? tokens : null;
}

/** The provider's free token counter, for adapters that tighten with it. */
export interface TokenCounter {
  /** The counter's upstream path (query included) for a metered request's upstream path. */
  path(upstreamPath: string): string;
  /** The input tokens a 200 answer reports; null when it reports none. */
  tokens(answer: unknown): number | null;
}

export interface ProviderAdapter<R extends ParsedRequest = ParsedRequest> {
  provider: Provider;
  route(method: string, path: string): RouteKind;
  /** Validates the body; throws AppError('invalid_request_error') naming the problem. */
  parse(raw: Buffer, path: string): R;
  /** The price this request pays, when options of the request change it (e.g. a service tier). */
  priceFor?(request: R, price: ModelPrice): ModelPrice;
  /** The worst case, before any tightening. */
  plan(request: R, price: ModelPrice): CostPlan;
  /** A closer worst case where the loose one would be refused or tie up much of what remains. */
  tighten?(request: R, plan: CostPlan, price: ModelPrice, context: TightenContext): Promise<CostPlan>;
  /** Where `tighten` counts tokens; Anthropic's `/v1/messages/count_tokens` when absent. */
  counter?: TokenCounter;
  /** The bytes to send upstream: the client's own bytes unless the adapter must change them. */
  upstreamBody(request: R, raw: Buffer, clampedMaxTokens: number | null): Buffer;
  /** Response headers telling the client what the proxy changed in its request (e.g. a limit it set). */
  noticeHeaders?(request: R): Record<string, string>;
  /** The agent session the request belongs to, from headers its client sends. */
  sessionId?(headers: IncomingHttpHeaders): string | null;
  usageFromJson(body: unknown, request: R): Usage | null;
  /** Used for every streamed request, and for any answer sent as a server-sent-events stream. */
  streamTracker(request: R, context: TrackerContext): StreamTracker;
  /** The provider's request id header, as recorded in usage rows. */
  requestIdHeader: string;
  /**
   * The id recorded for a request settled from real usage, when the agent's own log records no
   * provider request id: a key the log import rebuilds from the same usage, so the request counts once.
   */
  settledRequestKey?(request: R, usage: Usage): string;
  renderError(error: AppError, headers?: IncomingHttpHeaders): ErrorResponse;
}
