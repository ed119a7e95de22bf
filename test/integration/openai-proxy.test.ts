import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockOpenAI, type MockOpenAI } from '../helpers/mock-openai.js';

let mock: MockOpenAI;
let t: TestCore;

beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await startTestCore({ OPENAI_UPSTREAM_URL: mock.url });
  await t.api('POST', '/budgets', { name: 'oa', max_dollars: 5 });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const client = (budget = 'oa') => new OpenAI({ apiKey: 'sk-test', baseURL: `${t.base}/openai/v1`, defaultHeaders: { 'X-Budget-Id': budget }, maxRetries: 0 });
const lastUsage = async (budget = 'oa') => (await t.api('GET', `/budgets/${budget}/usage?limit=1`)).body.items[0];
const lastUpstreamBody = () => mock.requests[mock.requests.length - 1].body!;

// gpt-4o: $2.50 input, $1.25 cached input, $10 output per million tokens. 1000 prompt tokens of which 400 cached,
// 200 completion tokens of which 50 reasoning: 600 × 2.50 + 400 × 1.25 + 200 × 10 = 1500 + 500 + 2000 = 4000 per million = $0.004.
const USAGE = { input: 1000, cached: 400, output: 200, reasoning: 50 };

describe('Chat Completions through the proxy with the real openai SDK', () => {
  it('a JSON completion is answered unchanged and settled from its usage, cached input at the cached rate', async () => {
    mock.scenario = { kind: 'ok', text: 'Four.', usage: USAGE };
    const completion = await client().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: '2+2?' }], max_completion_tokens: 300 });
    expect(completion.choices[0].message.content).toBe('Four.');
    expect(completion.usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 200 });
    expect(lastUpstreamBody()).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: '2+2?' }], max_completion_tokens: 300 });
    expect(mock.requests.at(-1)!.headers['x-budget-id']).toBeUndefined();
    await settled(t);
    expect(await lastUsage()).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
      status: 'ok',
      input_tokens: 600,
      cache_read_input_tokens: 400,
      output_tokens: 200,
      cost_dollars: 0.004,
      estimated: false,
      request_id: expect.stringMatching(/^req_mock_/),
    });
  });

  it('a stream without include_usage gets usage asked for upstream, and the client never sees the usage chunk', async () => {
    mock.scenario = { kind: 'ok', text: 'one two three', usage: USAGE };
    const stream = await client().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'count' }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(lastUpstreamBody().stream_options).toEqual({ include_usage: true });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
    await settled(t);
    expect(await lastUsage()).toMatchObject({ status: 'ok', input_tokens: 600, cache_read_input_tokens: 400, output_tokens: 200, cost_dollars: 0.004, stream: true });
  });

  it('a client that asked for include_usage gets the usage chunk exactly as OpenAI sent it', async () => {
    mock.scenario = { kind: 'ok', text: 'hi', usage: USAGE };
    const stream = await client().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 200, prompt_tokens_details: { cached_tokens: 400 } });
    await settled(t);
    expect((await lastUsage()).cost_dollars).toBe(0.004);
  });

  it('n multiplies the reserved output: one choice fits a budget that three do not', async () => {
    // 1000 output tokens at $10/M is $0.01 per choice, plus a few hundred micro-dollars of input bound.
    await t.api('POST', '/budgets', { name: 'narrow', max_dollars: 0.02 });
    mock.scenario = { kind: 'ok', usage: USAGE };
    const ask = (n: number) => client('narrow').chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], n, max_completion_tokens: 1000 });
    const error = (await ask(3).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(402);
    const completion = await ask(1);
    expect(completion.choices).toHaveLength(1);
  });

  it('flex and priority service tiers halve and double the price', async () => {
    mock.scenario = { kind: 'ok', usage: USAGE };
    for (const [tier, dollars] of [['flex', 0.002], ['priority', 0.008]] as const) {
      await client().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], service_tier: tier });
      await settled(t);
      expect(await lastUsage()).toMatchObject({ status: 'ok', cost_dollars: dollars });
    }
  });
});

describe('Responses API through the proxy', () => {
  it('a JSON response is settled from usage, reasoning counted as output', async () => {
    mock.scenario = { kind: 'ok', text: 'Done.', usage: USAGE };
    const response = await client().responses.create({ model: 'gpt-4o', input: 'do it', max_output_tokens: 500 });
    expect(response.output_text).toBe('Done.');
    await settled(t);
    expect(await lastUsage()).toMatchObject({ provider: 'openai', status: 'ok', input_tokens: 600, cache_read_input_tokens: 400, output_tokens: 200, cost_dollars: 0.004 });
  });

  it('a streamed response is relayed event for event and settled from response.completed', async () => {
    mock.scenario = { kind: 'ok', text: 'alpha beta', usage: USAGE };
    const stream = await client().responses.create({ model: 'gpt-4o', input: 'go', stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toBe('alpha beta');
    expect(types.at(-1)).toBe('response.completed');
    expect(lastUpstreamBody()).toEqual({ model: 'gpt-4o', input: 'go', stream: true });
    await settled(t);
    expect(await lastUsage()).toMatchObject({ status: 'ok', output_tokens: 200, cost_dollars: 0.004, stream: true });
  });

  it('background responses are refused with a clear error and nothing goes upstream', async () => {
    const before = mock.requests.length;
    const error = (await client().responses.create({ model: 'gpt-4o', input: 'x', background: true }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/Background responses are not supported/);
    expect(mock.requests.length).toBe(before);
  });
});

describe('other OpenAI paths', () => {
  it('GET /models is forwarded unbilled; unknown paths get a 404 saying what is supported', async () => {
    const models = await client().models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o']);
    const before = mock.requests.length;
    const response = await fetch(`${t.base}/openai/v1/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"text-embedding-3-small","input":"x"}' });
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error.message).toMatch(/POST \/openai\/v1\/chat\/completions/);
    expect(mock.requests.length).toBe(before);
  });

  it('the budget may be named in the path for tools that can only set a base URL', async () => {
    mock.scenario = { kind: 'ok', usage: USAGE };
    const pathClient = new OpenAI({ apiKey: 'sk-test', baseURL: `${t.base}/b/oa/openai/v1`, maxRetries: 0 });
    const { total } = (await t.api('GET', '/budgets/oa/usage')).body;
    await pathClient.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
    await settled(t);
    expect((await t.api('GET', '/budgets/oa/usage')).body.total).toBe(total + 1);
  });
});
