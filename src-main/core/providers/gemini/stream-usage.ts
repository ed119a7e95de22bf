/**
 * Follows a Gemini stream (SSE or JSON array) as it passes through, unchanged, to learn its usage.
 * Every chunk carries cumulative `usageMetadata`; the last one is final. Grounding metadata may come
 * in any chunk, so the most searches any chunk reports are kept.
 */
import type { ModelPrice } from '../../pricing/types.js';
import { type Usage } from '../../usage.js';
import { isObject } from '../json-body.js';
import type { StreamTracker } from '../types.js';
import { BYTES_PER_OUTPUT_TOKEN } from '../anthropic/stream-usage.js';
import { JsonObjectSplitter } from './json-objects.js';
import { field, type GeminiRequest } from './request.js';
import { searchesOf, usageFromMetadata } from './usage.js';
import { candidateOutputBound, promptTokenBound, thinkingAllowance } from './worst-case.js';

function textBytes(response: Record<string, unknown>): number {
  const candidates = field(response, 'candidates');
  let bytes = 0;
  for (const candidate of Array.isArray(candidates) ? candidates : []) {
    const parts = isObject(candidate) && isObject(candidate.content) ? candidate.content.parts : undefined;
    for (const part of Array.isArray(parts) ? parts : []) {
      if (isObject(part) && typeof part.text === 'string') bytes += Buffer.byteLength(part.text);
      else if (isObject(part)) bytes += Buffer.byteLength(JSON.stringify(part));
    }
  }
  return bytes;
}

export class GeminiStreamUsage implements StreamTracker {
  private readonly objects = new JsonObjectSplitter((json) => this.read(json));
  private usage: Usage | null = null;
  private searches = 0;
  private streamedBytes = 0;
  private sawThoughtCount = false;

  constructor(
    private readonly request: GeminiRequest,
    private readonly price: ModelPrice,
  ) {}

  transform(chunk: Buffer): Buffer {
    this.objects.push(chunk);
    return chunk;
  }

  flush(): Buffer {
    return Buffer.alloc(0);
  }

  finalUsage(): Usage | null {
    return this.usage && { ...this.usage, web_search_requests: this.searches };
  }

  /** Thoughts come before the answer and are billed in full: until their count is seen, a cut stream may have used all of them. */
  partialUsage(): Usage {
    const seen = this.finalUsage();
    const thinking = this.sawThoughtCount || this.request.thinking_budget === 0 ? 0 : thinkingAllowance(this.request, this.price) * this.request.candidates;
    const estimate = Math.ceil(this.streamedBytes / BYTES_PER_OUTPUT_TOKEN) + thinking;
    const output = Math.min(Math.max(seen?.output_tokens ?? 0, estimate), candidateOutputBound(this.request, this.price) * this.request.candidates);
    const input = seen ? seen.input_tokens : promptTokenBound(this.request);
    return { input_tokens: input, output_tokens: output, cache_write_5m_tokens: 0, cache_write_1h_tokens: 0, cache_read_input_tokens: seen?.cache_read_input_tokens ?? 0, web_search_requests: this.searches };
  }

  private read(json: Buffer): void {
    let response: unknown;
    try {
      response = JSON.parse(json.toString('utf8'));
    } catch {
      // A malformed chunk must not break the pass-through; its usage is simply not learnt.
      return;
    }
    if (!isObject(response)) return;
    this.streamedBytes += textBytes(response);
    this.searches = Math.max(this.searches, searchesOf(response, this.request.model));
    const metadata = field(response, 'usageMetadata');
    const usage = usageFromMetadata(metadata);
    if (!usage) return;
    if (isObject(metadata) && field(metadata, 'thoughtsTokenCount') !== undefined) this.sawThoughtCount = true;
    this.usage = usage;
  }
}
