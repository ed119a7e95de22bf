import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamUsage } from '../../src-main/core/providers/anthropic/stream-usage.js';

/** SSE as Anthropic sends it: an `event:` line, one `data:` line of compact JSON, a blank line. */
const event = (name: string, data: string) => `event: ${name}\ndata: ${data}\n\n`;

const START = event(
  'message_start',
  '{"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":3000,"cache_read_input_tokens":12000,"cache_creation":{"ephemeral_5m_input_tokens":1000,"ephemeral_1h_input_tokens":2000},"output_tokens":2,"service_tier":"standard"}}}',
);
const TEXT_BLOCK = [
  event('content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'),
  event('ping', '{"type": "ping"}'),
  event('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}'),
  event('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" wörld 🌍"}}'),
  event('content_block_stop', '{"type":"content_block_stop","index":0}'),
].join('');
const DELTA = event(
  'message_delta',
  '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":472,"cache_creation_input_tokens":3000,"cache_read_input_tokens":12000,"output_tokens":57,"server_tool_use":null}}',
);
const STOP = event('message_stop', '{"type":"message_stop"}');
const STREAM = START + TEXT_BLOCK + DELTA + STOP;

const FINAL = {
  input_tokens: 472,
  output_tokens: 57,
  cache_write_5m_tokens: 1000,
  cache_write_1h_tokens: 2000,
  cache_read_input_tokens: 12000,
  web_search_requests: 0,
};

function track(parts: (string | Buffer)[]): AnthropicStreamUsage {
  const tracker = new AnthropicStreamUsage();
  for (const part of parts) tracker.transform(Buffer.isBuffer(part) ? part : Buffer.from(part));
  tracker.flush();
  return tracker;
}

function summary(tracker: AnthropicStreamUsage) {
  return { final: tracker.finalUsage(), partial: tracker.partialUsage(), thinking: tracker.sawThinking };
}

describe('AnthropicStreamUsage', () => {
  it('passes every chunk through as the very same buffer', () => {
    const tracker = new AnthropicStreamUsage();
    const chunk = Buffer.from(STREAM);
    expect(tracker.transform(chunk)).toBe(chunk);
    expect(tracker.flush().length).toBe(0);
  });

  it('takes input and the cache split from message_start and the cumulative output from message_delta', () => {
    expect(track([STREAM]).finalUsage()).toEqual(FINAL);
  });

  it('has no final usage before message_delta; a stream cut short is estimated from its text', () => {
    const tracker = track([START + TEXT_BLOCK]);
    expect(tracker.finalUsage()).toBeNull();
    // "Hello" (5 bytes) + " wörld 🌍" (1 + 6 + 1 + 4 bytes) = 17 bytes, at 2 bytes a token: 9.
    expect(tracker.partialUsage()).toEqual({ ...FINAL, output_tokens: 9 });
    expect(tracker.sawThinking).toBe(false);
  });

  it('caps the estimate at max_tokens', () => {
    const tracker = new AnthropicStreamUsage(4);
    tracker.transform(Buffer.from(START + TEXT_BLOCK));
    expect(tracker.partialUsage().output_tokens).toBe(4);
  });

  it('counts tool input JSON as streamed, escaped', () => {
    const tool = event('content_block_delta', '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\":1}"}}');
    // {\"a\":1} is 9 bytes on the wire: 5 tokens.
    expect(track([START, tool]).partialUsage().output_tokens).toBe(5);
  });

  it('lets later cumulative counts replace earlier ones, never add to them', () => {
    const delta = (usage: string) => event('message_delta', `{"type":"message_delta","delta":{"stop_reason":null,"stop_sequence":null},"usage":${usage}}`);
    const tracker = track([
      START,
      delta('{"output_tokens":10}'),
      delta('{"input_tokens":null,"cache_creation_input_tokens":5000,"output_tokens":25,"server_tool_use":{"web_search_requests":2}}'),
    ]);
    // 5,000 writes in all, 2,000 of them known as 1-hour: the other 3,000 are billed at 5 minutes.
    expect(tracker.finalUsage()).toEqual({ ...FINAL, output_tokens: 25, cache_write_5m_tokens: 3000, web_search_requests: 2 });
  });

  it('settles on message_start usage when message_stop comes without message_delta', () => {
    expect(track([START, TEXT_BLOCK, STOP]).finalUsage()).toEqual({ ...FINAL, output_tokens: 2 });
  });

  it('notices thinking, and leaves signatures out of the estimate', () => {
    const thinking = [
      event('content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}'),
      event('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me think"}}'),
      event('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}'),
      event('content_block_stop', '{"type":"content_block_stop","index":0}'),
    ].join('');
    const tracker = track([START, thinking]);
    expect(tracker.sawThinking).toBe(true);
    // "Let me think" is 12 bytes: 6 tokens.
    expect(tracker.partialUsage().output_tokens).toBe(6);
    expect(track([START, event('content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgB"}}')]).sawThinking).toBe(true);
  });

  it('reads CRLF streams and streams without event lines alike', () => {
    expect(summary(track([STREAM.replaceAll('\n', '\r\n')]))).toEqual(summary(track([STREAM])));
    expect(summary(track([STREAM.replace(/^event: .*\n/gm, '')]))).toEqual(summary(track([STREAM])));
  });

  it('survives malformed and error events without learning from them', () => {
    const tracker = track([
      START,
      event('error', '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'),
      event('message_delta', '{"type":"message_delta","usage":{'),
    ]);
    expect(tracker.finalUsage()).toBeNull();
    expect(tracker.partialUsage()).toEqual({ ...FINAL, output_tokens: 2 });
  });

  it('learns the same usage however the stream is cut into chunks', () => {
    const streams = [STREAM, STREAM.replaceAll('\n', '\r\n'), START + TEXT_BLOCK].map((text) => Buffer.from(text));
    fc.assert(
      fc.property(fc.constantFrom(...streams), fc.uniqueArray(fc.nat({ max: 2000 }), { maxLength: 40 }), (bytes, cuts) => {
        const points = [...new Set(cuts.map((cut) => cut % bytes.length))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i) => bytes.subarray(from, points[i] ?? bytes.length));
        const tracker = new AnthropicStreamUsage();
        const out = Buffer.concat(chunks.map((chunk) => tracker.transform(chunk)));
        tracker.flush();
        expect(out.equals(bytes)).toBe(true);
        expect(summary(tracker)).toEqual(summary(track([bytes])));
      }),
    );
  });
});
