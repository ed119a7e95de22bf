/**
 * Follows an OpenAI stream to learn its usage. Chat Completions report usage in one extra chunk
 * (`choices: []`) only when asked for; when the proxy asked on the client's behalf, that chunk is
 * removed so the client sees the stream it requested. Responses report it in the final event.
 */
import { type Usage, ZERO_USAGE } from '../../usage.js';
import type { StreamTracker, TrackerContext } from '../types.js';
import type { OpenAIRequest } from './request.js';
import { eventData, SseEventSplitter } from './sse-events.js';
import { chatUsage, responsesUsage } from './usage.js';

const FINAL_RESPONSE_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Reasoning happens before any visible output and is billed as output: a cut stream may have used all of it. */
function mayReason(request: OpenAIRequest): boolean {
  return request.body.reasoning != null || request.body.reasoning_effort != null || /^(o\d|gpt-5)/.test(request.model);
}

export class OpenAIStreamUsage implements StreamTracker {
  private readonly events = new SseEventSplitter();
  private readonly strip: boolean;
  private usage: Usage | null = null;
  private streamedTextBytes = 0;

  private responseId: string | null = null;

  constructor(
    private readonly request: OpenAIRequest,
    private readonly inputBound: number,
    private readonly context: TrackerContext,
  ) {
    this.strip = request.api === 'chat' && !request.wants_usage_chunk;
  }

  transform(chunk: Buffer): Buffer {
    const kept = this.events.push(chunk).filter((event) => this.read(event));
    return this.strip ? Buffer.from(kept.join('')) : chunk;
  }

  flush(): Buffer {
    const rest = this.events.rest();
    return this.strip && rest !== '' ? Buffer.from(rest) : Buffer.alloc(0);
  }

  finalUsage(): Usage | null {
    return this.usage;
  }

  partialUsage(): Usage {
    if (this.usage) return this.usage;
    // Reasoning is billed but not streamed: a reasoning model may have used all the output it was allowed.
    const output = mayReason(this.request) ? this.context.maxOutputTokens : 0;
    return { ...ZERO_USAGE, input_tokens: this.inputBound, output_tokens: Math.max(this.streamedTextBytes, output) };
  }

  /** Records what the event tells; false when the event is the usage chunk the client did not ask for. */
  private read(event: string): boolean {
    const data = eventData(event);
    if (!data) return true;
    return this.request.api === 'chat' ? this.readChat(data) : this.readResponses(data);
  }

  private readChat(data: Record<string, unknown>): boolean {
    const choices = Array.isArray(data.choices) ? data.choices : [];
    for (const choice of choices) {
      const delta = (choice as { delta?: { content?: unknown; refusal?: unknown } } | null)?.delta;
      if (typeof delta?.content === 'string') this.streamedTextBytes += Buffer.byteLength(delta.content);
    }
    const usage = chatUsage(data.usage);
    if (!usage) return true;
    this.usage = usage;
    return !(this.strip && choices.length === 0);
  }

  private readResponses(data: Record<string, unknown>): boolean {
    if (data.type === 'response.output_text.delta' && typeof data.delta === 'string') this.streamedTextBytes += Buffer.byteLength(data.delta);
    const id = (data.response as { id?: unknown } | undefined)?.id;
    if (this.responseId === null && typeof id === 'string') {
      this.responseId = id;
      this.context.onResponseId(id);
    }
    if (typeof data.type === 'string' && FINAL_RESPONSE_EVENTS.has(data.type)) this.usage = responsesUsage(data.response) ?? this.usage;
    return true;
  }
}
