/**
 * A loopback stand-in for api.openai.com that answers in OpenAI's exact wire format: Chat
 * Completions (JSON, and SSE with the usage chunk only when `stream_options.include_usage` asks for
 * it) and Responses (JSON, and SSE events ending in `response.completed`, with the
 * `response.output_item.done` event Codex CLI builds its transcript from), plus the input token
 * counter `POST /v1/responses/input_tokens`.
 */
import type { ServerResponse } from 'node:http';
import { type MockUpstream, startMockUpstream } from './mock-upstream.js';

export interface OpenAIMockUsage {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  /** Input tokens written to the prompt cache (`input_tokens_details.cache_write_tokens`). */
  cacheWrite: number;
}

export type OpenAIScenario =
  | { kind: 'ok'; text?: string; usage?: Partial<OpenAIMockUsage> }
  | { kind: 'error'; status: number; type: string; message: string }
  | { kind: 'reset-mid-stream' }
  | { kind: 'slow-stream'; events: number }
  | { kind: 'gate' };

export type MockOpenAI = MockUpstream<OpenAIScenario>;

const DEFAULT_USAGE: OpenAIMockUsage = { input: 40, cached: 0, output: 9, reasoning: 0, cacheWrite: 0 };
/** What the mock's input token counter answers per byte of counted JSON: OpenAI's tokenizer averages ~4 bytes a token. */
export const MOCK_BYTES_PER_COUNTED_TOKEN = 4;
const CREATED = 1_764_000_000;

const data = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;
const event = (type: string, payload: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;

function chatUsage(u: OpenAIMockUsage) {
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: u.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function responsesUsage(u: OpenAIMockUsage) {
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached, cache_write_tokens: u.cacheWrite },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output,
  };
}

export function chatStream(body: Record<string, unknown>, text: string, u: OpenAIMockUsage, id: string): string[] {
  const withUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const choices = typeof body.n === 'number' ? body.n : 1;
  const base = { id, object: 'chat.completion.chunk', created: CREATED, model: body.model, service_tier: 'default', system_fingerprint: 'fp_mock' };
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    ...base,
    choices: Array.from({ length: choices }, (_, index) => ({ index, delta, logprobs: null, finish_reason: finish })),
    ...(withUsage ? { usage: null } : {}),
  });
  return [
    data(chunk({ role: 'assistant', content: '', refusal: null }, null)),
    ...text.split(/(?<= )/).map((word) => data(chunk({ content: word }, null))),
    data(chunk({}, 'stop')),
    ...(withUsage ? [data({ ...base, choices: [], usage: chatUsage(u) })] : []),
    'data: [DONE]\n\n',
  ];
}

function response(body: Record<string, unknown>, id: string, text: string, status: string, usage: unknown) {
  const output = status === 'completed' ? [{ type: 'message', id: `msg_${id}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }] : [];
  return { id, object: 'response', created_at: CREATED, status, model: body.model, output, usage, error: null, incomplete_details: null };
}

export function responsesStream(body: Record<string, unknown>, text: string, u: OpenAIMockUsage, id: string): string[] {
  let seq = 0;
  const next = (type: string, payload: Record<string, unknown>) => event(type, { sequence_number: seq++, ...payload });
  const item = { output_index: 0, content_index: 0, item_id: `msg_${id}` };
  return [
    next('response.created', { response: response(body, id, '', 'in_progress', null) }),
    next('response.in_progress', { response: response(body, id, '', 'in_progress', null) }),
    next('response.output_item.added', { output_index: 0, item: { type: 'message', id: `msg_${id}`, status: 'in_progress', role: 'assistant', content: [] } }),
    next('response.content_part.added', { ...item, part: { type: 'output_text', text: '', annotations: [] } }),
    ...text.split(/(?<= )/).map((word) => next('response.output_text.delta', { ...item, delta: word })),
    next('response.output_text.done', { ...item, text }),
    next('response.content_part.done', { ...item, part: { type: 'output_text', text, annotations: [] } }),
    next('response.output_item.done', { output_index: 0, item: response(body, id, text, 'completed', null).output[0] }),
    next('response.completed', { response: response(body, id, text, 'completed', responsesUsage(u)) }),
  ];
}

/** OpenAI never writes more than a request's output limit: usage above it is cut to it, reasoning first. */
function withinLimit(usage: OpenAIMockUsage, body: Record<string, unknown>): OpenAIMockUsage {
  const limit = body.max_output_tokens ?? body.max_completion_tokens ?? body.max_tokens;
  if (typeof limit !== 'number' || usage.output <= limit) return usage;
  return { ...usage, output: limit, reasoning: Math.min(usage.reasoning, limit) };
}

function sendStream(res: ServerResponse, events: string[], scenario: OpenAIScenario): void {
  if (scenario.kind === 'reset-mid-stream') {
    res.write(events.slice(0, 3).join(''));
    return void res.socket?.destroy();
  }
  if (scenario.kind !== 'slow-stream') return void res.end(events.join(''));
  // One event per macrotask, so a client can leave mid-stream; the stream still ends by itself.
  let i = 0;
  const next = () => {
    if (res.destroyed || i >= events.length) return void res.end();
    res.write(events[i++]);
    setImmediate(next);
  };
  next();
}

function answer(res: ServerResponse, path: string, body: Record<string, unknown>, scenario: OpenAIScenario, n: number): void {
  const headers = { 'x-request-id': `req_mock_${n}`, 'openai-processing-ms': '1' };
  if (scenario.kind === 'error') {
    res.writeHead(scenario.status, { ...headers, 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ error: { message: scenario.message, type: scenario.type, param: null, code: null } }));
  }
  const text = scenario.kind === 'ok' && scenario.text ? scenario.text : scenario.kind === 'slow-stream' ? 'tick '.repeat(scenario.events) : 'Hello from the mock OpenAI.';
  const usage = withinLimit({ ...DEFAULT_USAGE, ...(scenario.kind === 'ok' ? scenario.usage : {}) }, body);
  const id = path === '/v1/responses' ? `resp_mock_${n}` : `chatcmpl-mock${n}`;
  if (body.stream === true) {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8' });
    const events = path === '/v1/responses' ? responsesStream(body, text, usage, id) : chatStream(body, text, usage, id);
    return sendStream(res, events, scenario);
  }
  res.writeHead(200, { ...headers, 'content-type': 'application/json' });
  if (path === '/v1/responses') return void res.end(JSON.stringify(response(body, id, text, 'completed', responsesUsage(usage))));
  const choices = Array.from({ length: typeof body.n === 'number' ? body.n : 1 }, (_, index) => ({
    index,
    message: { role: 'assistant', content: text, refusal: null, annotations: [] },
    logprobs: null,
    finish_reason: 'stop',
  }));
  res.end(JSON.stringify({ id, object: 'chat.completion', created: CREATED, model: body.model, choices, usage: chatUsage(usage), service_tier: 'default', system_fingerprint: 'fp_mock' }));
}

export function startMockOpenAI(): Promise<MockOpenAI> {
  return startMockUpstream<OpenAIScenario>({ kind: 'ok' }, ({ req, res, path, body, n, scenario, hold }) => {
    if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/responses') && body) {
      if (scenario.kind === 'gate') return hold(() => answer(res, path, body, { kind: 'ok' }, n));
      return answer(res, path, body, scenario, n);
    }
    if (req.method === 'POST' && path === '/v1/responses/input_tokens' && body) {
      const counted = Buffer.byteLength(JSON.stringify([body.instructions, body.input, body.tools]));
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ object: 'response.input_tokens', input_tokens: Math.ceil(counted / MOCK_BYTES_PER_COUNTED_TOKEN) }));
    }
    if (req.method === 'GET' && path === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: CREATED, owned_by: 'openai' }] }));
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `mock: no route ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: 'unknown_url' } }));
  });
}
