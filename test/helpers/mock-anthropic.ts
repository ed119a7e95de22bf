/**
 * A loopback stand-in for api.anthropic.com that answers in Anthropic's exact wire format
 * (JSON messages and SSE streams), records what it received, and can misbehave on demand.
 */
import type { ServerResponse } from 'node:http';
import { type MockUpstream, type RecordedRequest, startMockUpstream } from './mock-upstream.js';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  server_tool_use?: { web_search_requests: number };
}

export type Scenario =
  | { kind: 'ok'; text?: string; usage?: Partial<AnthropicUsage> }
  | { kind: 'error'; status: number; type: string; message: string }
  | { kind: 'reset-mid-stream' }
  | { kind: 'malformed-json' }
  | { kind: 'truncated-stream' }
  | { kind: 'stall-before-headers' }
  | { kind: 'slow-stream'; events: number }
  /** `deltas` identical text events, written as fast as the reader takes them; `written` counts bytes the socket accepted. */
  | { kind: 'long-stream'; deltas: number; progress: { written: number } }
  /** Holds every answer until `openGate()`, so requests really are in flight together. */
  | { kind: 'gate' };

export type MockAnthropic = MockUpstream<Scenario>;
export type { RecordedRequest };

const DEFAULT_USAGE: AnthropicUsage = { input_tokens: 25, output_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

export function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function anthropicStream(model: string, text: string, usage: AnthropicUsage, id: string): string[] {
  const words = text.split(/(?<= )/);
  return [
    sse('message_start', {
      type: 'message_start',
      message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
    }),
    sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    sse('ping', { type: 'ping' }),
    ...words.map((word) => sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: word } })),
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }),
    sse('message_stop', { type: 'message_stop' }),
  ];
}

/** One listener pair per wait, both removed after: a long stream waits thousands of times. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The stream with its one delta event repeated, each write waiting for the socket to drain like a real server. */
async function writeLongStream(res: ServerResponse, events: string[], scenario: Extract<Scenario, { kind: 'long-stream' }>): Promise<void> {
  const [start, blockStart, ping, delta, ...end] = events.map((event) => Buffer.from(event));
  const send = async (chunk: Buffer) => {
    if (!res.write(chunk)) await drainedOrClosed(res);
    scenario.progress.written += chunk.length;
  };
  for (const chunk of [start!, blockStart!, ping!]) await send(chunk);
  for (let i = 0; i < scenario.deltas && !res.destroyed; i++) await send(delta!);
  const tail = Buffer.concat(end);
  res.end(tail);
  scenario.progress.written += tail.length;
}

function answerMessages(res: ServerResponse, body: Record<string, unknown>, scenario: Scenario, n: number): void {
  const id = `msg_mock_${n}`;
  const headers = { 'request-id': `req_mock_${n}` };
  if (scenario.kind === 'error') {
    res.writeHead(scenario.status, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'error', error: { type: scenario.type, message: scenario.message } }));
    return;
  }
  if (scenario.kind === 'stall-before-headers') return;
  const model = String(body.model);
  const text = scenario.kind === 'ok' && scenario.text ? scenario.text : 'Hello from the mock upstream.';
  const usage = { ...DEFAULT_USAGE, ...(scenario.kind === 'ok' ? scenario.usage : {}) };
  if (body.stream === true) {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const streamed = scenario.kind === 'slow-stream' ? 'tick '.repeat(scenario.events) : scenario.kind === 'long-stream' ? `${'x'.repeat(4000)} ` : text;
    const events = anthropicStream(model, streamed, usage, id);
    if (scenario.kind === 'reset-mid-stream') {
      res.write(events.slice(0, 4).join(''));
      res.socket?.destroy();
      return;
    }
    if (scenario.kind === 'truncated-stream') {
      res.end(events.slice(0, 4).join(''));
      return;
    }
    if (scenario.kind === 'long-stream') return void writeLongStream(res, events, scenario);
    if (scenario.kind === 'slow-stream') {
      // One event per macrotask, so a client can leave mid-stream; the stream still ends by itself.
      let i = 0;
      const next = () => {
        if (res.destroyed || i >= events.length) return void res.end();
        res.write(events[i++]);
        setImmediate(next);
      };
      next();
      return;
    }
    res.end(events.join(''));
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'application/json' });
  if (scenario.kind === 'malformed-json') return void res.end('{"id": "msg_broken", "usage": {');
  if (scenario.kind === 'reset-mid-stream') {
    res.write('{"id":');
    res.socket?.destroy();
    return;
  }
  res.end(
    JSON.stringify({ id, type: 'message', role: 'assistant', model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage }),
  );
}

export function startMockAnthropic(): Promise<MockAnthropic> {
  return startMockUpstream<Scenario>({ kind: 'ok' }, ({ req, res, path, body, n, scenario, hold }) => {
    if (req.method === 'POST' && path === '/v1/messages' && body) {
      if (scenario.kind === 'gate') return hold(() => answerMessages(res, body, { kind: 'ok' }, n));
      return answerMessages(res, body, scenario, n);
    }
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ input_tokens: Math.ceil(JSON.stringify(body ?? {}).length / 4) }));
    }
    if (req.method === 'GET' && path === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ data: [{ type: 'model', id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6' }], has_more: false }));
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `mock: no route ${req.method} ${path}` } }));
  });
}
