/**
 * A minimal Anthropic upstream for the benchmark and the soak: no artificial delay, JSON and SSE in
 * Anthropic's wire format with correct usage. A request may ask for a fault with `x-mock-fault`
 * (`error`: a 500; `slow`: a long stream sent one event per tick so a client can leave mid-way), and
 * `x-mock-stream: paced` sends a stream's events as separate writes, so first and last byte differ.
 */
import { createServer } from 'node:http';

const USAGE = { input_tokens: 25, output_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const JSON_BODY = JSON.stringify({
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [{ type: 'text', text: 'ok' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: USAGE,
});

const sse = (event, data) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A stream of `deltas` text events between message_start and message_stop, as Anthropic sends it. */
export function streamEvents(deltas) {
  return [
    sse('message_start', { type: 'message_start', message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, stop_sequence: null, usage: { ...USAGE, output_tokens: 1 } } }),
    sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    ...Array.from({ length: deltas }, () => sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'tick ' } })),
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: deltas } }),
    sse('message_stop', { type: 'message_stop' }),
  ];
}

const STREAM_200_EVENTS = streamEvents(196);
const STREAM_200 = STREAM_200_EVENTS.join('');

/** Think time before the second event: the first one (with the headers) reaches the client alone. */
const FIRST_EVENT_GAP_MS = 2;

/**
 * One event per turn of the event loop, each leaving as its own chunk as a model's tokens do. The
 * gap after the first event matters on a 2-core machine: without it the mock's writing loop keeps
 * the shared client core busy and the client cannot read the first event until the last is written.
 */
function writePaced(res, events, i = 0) {
  if (res.destroyed) return;
  if (i === events.length) return res.end();
  res.write(events[i]);
  if (i === 0) setTimeout(writePaced, FIRST_EVENT_GAP_MS, res, events, 1);
  else setImmediate(writePaced, res, events, i + 1);
}

export function startMockAnthropic(port = 0) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const fault = req.headers['x-mock-fault'];
      if (fault === 'error') {
        res.writeHead(500, { 'content-type': 'application/json', 'request-id': 'req_bench' });
        return res.end('{"type":"error","error":{"type":"api_error","message":"mock failure"}}');
      }
      const stream = Buffer.concat(chunks).includes('"stream":true');
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_bench', 'content-length': Buffer.byteLength(JSON_BODY) });
        return res.end(JSON_BODY);
      }
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_bench' });
      if (req.headers['x-mock-stream'] === 'paced') return writePaced(res, STREAM_200_EVENTS);
      if (fault !== 'slow') return res.end(STREAM_200);
      const events = streamEvents(400);
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= events.length) {
          clearInterval(timer);
          return res.end();
        }
        res.write(events[i++]);
      }, 5);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// Run on its own (for the benchmark, pinned to a core): prints the port.
if (process.argv[1] === new URL(import.meta.url).pathname) {
  const server = await startMockAnthropic(Number(process.argv[2] ?? 0));
  process.stdout.write(`${server.address().port}\n`);
}
