import Anthropic from '@anthropic-ai/sdk';
import { type IncomingMessage, request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settled as settledCore, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { waitFor } from '../helpers/wait.js';

let mock: MockAnthropic;
let t: TestCore;

beforeAll(async () => {
  mock = await startMockAnthropic();
  t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url });
  await t.api('POST', '/budgets', { name: 'agents', max_dollars: 25, period: 'daily' });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});
afterEach(() => {
  mock.scenario = { kind: 'ok' };
});

const client = (headers: Record<string, string> = { 'X-Budget-Id': 'agents' }) =>
  new Anthropic({ apiKey: 'sk-ant-test', baseURL: t.base, defaultHeaders: headers, maxRetries: 0 });

async function usageRows(budget = 'agents') {
  const { body } = await t.api('GET', `/budgets/${budget}/usage?limit=500`);
  return body.items as any[];
}

const settled = () => settledCore(t);

async function readToEnd(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function occurrences(haystack: Buffer, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

describe('metered pass-through with the real Anthropic SDK', () => {
  it('a JSON message is forwarded, answered unchanged and metered from its usage', async () => {
    mock.scenario = { kind: 'ok', text: 'four words of text', usage: { input_tokens: 1000, output_tokens: 500 } };
    const message = await client().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0]).toEqual({ type: 'text', text: 'four words of text' });
    await settled();
    const [row] = await usageRows();
    expect(row).toMatchObject({ model: 'claude-sonnet-4-6', status: 'ok', input_tokens: 1000, output_tokens: 500, stream: false, estimated: false, provider: 'anthropic', auth_kind: 'api_key', source: 'proxy' });
    // Sonnet 4.5: $3/MTok in, $15/MTok out → 1000 × 3 + 500 × 15 = 10,500 micro-dollars.
    expect(row.cost_dollars).toBe(0.0105);
    expect(row.request_id).toBe(message._request_id);
  });

  it('a stream is relayed event for event and settled with exactly the usage the SDK saw', async () => {
    mock.scenario = { kind: 'ok', text: 'streamed answer with several words', usage: { input_tokens: 2000, output_tokens: 321, cache_read_input_tokens: 10_000 } };
    const stream = client().messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 2048, messages: [{ role: 'user', content: 'stream please' }] });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ text: 'streamed answer with several words' });
    await settled();
    const [row] = await usageRows();
    expect({ input: row.input_tokens, output: row.output_tokens, read: row.cache_read_input_tokens }).toEqual({
      input: final.usage.input_tokens,
      output: final.usage.output_tokens,
      read: final.usage.cache_read_input_tokens,
    });
    expect(row.stream).toBe(true);
    // 2000 × 3 + 321 × 15 + 10,000 × 0.30 = 6000 + 4815 + 3000 = 13,815 micro-dollars.
    expect(row.cost_dollars).toBe(0.013815);
  });

  it('a client that reads slowly holds the upstream back instead of filling the proxy, and still gets every event', async () => {
    const deltas = 16_000; // about 66 MB of events
    const progress = { written: 0 };
    mock.scenario = { kind: 'long-stream', deltas, progress };
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const body = JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'long' }] });
      request(`${t.base}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'x-budget-id': 'agents' } }, resolve)
        .on('error', reject)
        .end(body);
    });
    // Not reading: once the sockets' buffers are full the upstream's writes must stop being accepted.
    const stalledAt = await waitFor(async () => {
      const before = progress.written;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return before > 0 && progress.written === before ? before : false;
    }, 'the upstream to stall behind the unread client', 300);
    const received = await readToEnd(response);
    expect(stalledAt).toBeLessThan(received.length / 2);
    expect(received.length).toBe(progress.written);
    expect(occurrences(received, 'event: content_block_delta')).toBe(deltas);
    expect(received.subarray(-200).toString()).toContain('event: message_stop');
    await settled();
    const [row] = await usageRows();
    expect(row).toMatchObject({ status: 'ok', estimated: false, output_tokens: 12 });
  });

  it('forwards the bytes and headers the provider sent, minus the budget header', async () => {
    const body = JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'x' }] });
    const headers = { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' };
    const direct = await fetch(`${mock.url}/v1/messages`, { method: 'POST', headers, body });
    const viaProxy = await fetch(`${t.base}/v1/messages?beta=true`, { method: 'POST', headers: { ...headers, 'x-budget-id': 'agents' }, body });
    expect(viaProxy.status).toBe(200);
    const directText = (await direct.text()).replaceAll('msg_mock_', 'msg_').replace(/msg_\d+/, 'msg_N');
    const proxiedText = (await viaProxy.text()).replaceAll('msg_mock_', 'msg_').replace(/msg_\d+/, 'msg_N');
    expect(proxiedText).toBe(directText);
    expect(viaProxy.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(viaProxy.headers.get('request-id')).toMatch(/^req_mock_\d+$/);
    expect(Number(viaProxy.headers.get('x-agent-budget-remaining'))).toBeGreaterThan(0);
    const forwarded = mock.requests.at(-1)!;
    expect(forwarded.url).toBe('/v1/messages?beta=true');
    expect(forwarded.headers['x-budget-id']).toBeUndefined();
    expect(forwarded.headers['x-api-key']).toBe('sk-ant-test');
    await settled();
  });

  it('passes upstream errors through with their status and body and bills nothing', async () => {
    mock.scenario = { kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' };
    const response = await fetch(`${t.base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-budget-id': 'agents' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [] }),
    });
    expect(response.status).toBe(529);
    expect(await response.json()).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    await settled();
    const [row] = await usageRows();
    expect(row).toMatchObject({ status: 'error', cost_dollars: 0 });
  });

  it('the path-tagged base URL names the budget for tools that can only set a URL', async () => {
    const tagged = new Anthropic({ apiKey: 'sk-ant-test', baseURL: `${t.base}/b/agents`, maxRetries: 0 });
    await tagged.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    await settled();
    expect((await usageRows())[0].model).toBe('claude-haiku-4-5');
  });

  it('counts tokens and lists models unbilled, answers the HEAD probe, and refuses unmetered billable routes', async () => {
    const before = (await usageRows()).length;
    const count = await client().messages.countTokens({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hello' }] });
    expect(count.input_tokens).toBeGreaterThan(0);
    const models = await client().models.list();
    expect(models.data[0]!.id).toBe('claude-sonnet-4-6');
    expect((await fetch(`${t.base}/`, { method: 'HEAD' })).status).toBe(200);
    const batches = await fetch(`${t.base}/v1/messages/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(batches.status).toBe(404);
    expect(batches.headers.get('x-should-retry')).toBe('false');
    expect((await batches.json()).error.message).toMatch(/not supported by this proxy/);
    const unknown = await fetch(`${t.base}/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect((await usageRows()).length).toBe(before);
  });
});
