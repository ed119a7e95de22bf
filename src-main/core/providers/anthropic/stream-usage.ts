/**
 * Follows an Anthropic SSE stream as it passes through, unchanged, to learn its usage.
 * `message_start` gives the base usage (input, cache and the 5m/1h split); each `message_delta`
 * carries cumulative counts whose non-null fields replace what came before. Only those two events
 * are JSON-parsed: content deltas, which make up nearly all of a stream, are measured by length.
 */
import type { Usage } from '../../usage.js';
import type { StreamTracker } from '../types.js';
import { SseLineReader, type SseLine } from './sse-lines.js';
import { usageFromAnthropic } from './usage.js';

/**
 * Streamed payload bytes per output token assumed for a stream cut short. English prose runs at
 * about 4 bytes a token, code about 3, CJK text 2 to 3, and payloads are counted JSON-escaped, so 2
 * over-estimates all of them.
 */
export const BYTES_PER_OUTPUT_TOKEN = 2;
/** Enough of a data line to read its event type and the key of a delta's payload. */
const HEAD_BYTES = 160;
const CUMULATIVE_FIELDS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'server_tool_use'];
const PAYLOAD_KEYS = ['"text":"', '"partial_json":"', '"thinking":"'];
const DELTA_CLOSING_BYTES = '"}}'.length;
const LETTER_E = 0x65;
const LETTER_D = 0x64;

type Json = Record<string, unknown>;

function eventType(head: string): string | null {
  return /"type"\s*:\s*"([a-z_]+)"/.exec(head)?.[1] ?? null;
}

export class AnthropicStreamUsage implements StreamTracker {
  private readonly lines = new SseLineReader((line) => this.onLine(line));
  private event: string | null = null;
  private raw: Json | null = null;
  private settled = false;
  private payloadBytes = 0;
  private thinking = false;

  /** `maxTokens` caps the output estimate of a stream cut short. */
  constructor(private readonly maxTokens: number = Number.POSITIVE_INFINITY) {}

  /** Thinking was streamed: its text is a summary and the full thinking is billed as output. */
  get sawThinking(): boolean {
    return this.thinking;
  }

  transform(chunk: Buffer): Buffer {
    this.lines.push(chunk);
    return chunk;
  }

  flush(): Buffer {
    this.lines.end();
    return Buffer.alloc(0);
  }

  finalUsage(): Usage | null {
    return this.settled ? usageFromAnthropic(this.raw) : null;
  }

  partialUsage(): Usage {
    const seen = usageFromAnthropic(this.raw ?? {}) as Usage;
    const estimate = Math.min(Math.ceil(this.payloadBytes / BYTES_PER_OUTPUT_TOKEN), this.maxTokens);
    return { ...seen, output_tokens: Math.max(seen.output_tokens, estimate) };
  }

  private onLine(line: SseLine): void {
    const first = line.firstByte();
    if (first === -1) {
      this.event = null;
      return;
    }
    // Only `event:` and `data:` lines matter; comments, `id:` and `retry:` are skipped unread.
    if (first !== LETTER_E && first !== LETTER_D) return;
    const head = line.head(HEAD_BYTES);
    if (head.startsWith('event:')) this.event = head.slice(6).trim();
    else if (head.startsWith('data:')) this.onData(line, head, this.event ?? eventType(head));
  }

  private onData(line: SseLine, head: string, event: string | null): void {
    switch (event) {
      case 'content_block_delta':
        return this.onContentDelta(line, head);
      case 'content_block_start':
        if (/"content_block"\s*:\s*\{\s*"type"\s*:\s*"(?:redacted_)?thinking"/.test(head)) this.thinking = true;
        return;
      case 'message_start':
        this.raw = { ...(this.parse(line)?.message as Json | undefined)?.usage as Json | undefined };
        return;
      case 'message_delta':
        return this.overlay(this.parse(line)?.usage);
      case 'message_stop':
        this.settled = this.raw !== null;
        return;
      default:
        return;
    }
  }

  private onContentDelta(line: SseLine, head: string): void {
    if (head.includes('"thinking_delta"')) this.thinking = true;
    if (head.includes('"signature_delta"')) return;
    for (const key of PAYLOAD_KEYS) {
      const at = head.indexOf(key);
      if (at !== -1) {
        this.payloadBytes += Math.max(0, line.length - at - key.length - DELTA_CLOSING_BYTES);
        return;
      }
    }
    // An unfamiliar layout: count the whole line, which can only over-estimate.
    this.payloadBytes += line.length;
  }

  private overlay(delta: unknown): void {
    if (typeof delta !== 'object' || delta === null) return;
    const cumulative = delta as Json;
    this.raw ??= {};
    for (const field of CUMULATIVE_FIELDS) {
      if (cumulative[field] !== undefined && cumulative[field] !== null) this.raw[field] = cumulative[field];
    }
    this.settled = true;
  }

  private parse(line: SseLine): Json | null {
    try {
      const value: unknown = JSON.parse(line.text().slice(5));
      return typeof value === 'object' && value !== null ? (value as Json) : null;
    } catch {
      // A malformed event must not break the pass-through; its usage is simply not learnt.
      return null;
    }
  }
}
