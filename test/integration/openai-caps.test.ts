import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockOpenAI, type MockOpenAI } from '../helpers/mock-openai.js';
import { leaveStream, swarm } from '../helpers/swarm.js';

let mock: MockOpenAI;
let t: TestCore;

beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await startTestCore({ OPENAI_UPSTREAM_URL: mock.url });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const client = (budget: string, maxRetries = 2) =>
  new OpenAI({ apiKey: 'sk-test', baseURL: `${t.base}/openai/v1`, defaultHeaders: { 'X-Budget-Id': budget }, maxRetries });
const chat = (c: OpenAI, stream = false) =>
  c.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }], max_completion_tokens: 1000, stream } as OpenAI.ChatCompletionCreateParamsNonStreaming);
const upstreamCalls = () => mock.requests.filter((r) => r.method === 'POST').length;

describe('OpenAI budget enforcement', () => {
  it('refuses with an OpenAI-shaped 402 the SDK does not retry, before anything goes upstream', async () => {
    await t.api('POST', '/budgets', { name: 'oa-tiny', max_dollars: 0.0001 });
    const sent = upstreamCalls();
    const error = (await chat(client('oa-tiny')).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(402);
    expect(error.headers?.get('x-should-retry')).toBe('false');
    expect(error.headers?.get('x-agent-budget-remaining')).toBe('0.000100');
    expect(error.error).toMatchObject({ type: 'budget_exceeded', code: 'budget_exceeded', message: expect.stringMatching(/^Budget 'oa-tiny' cannot cover this request/) });
    expect(upstreamCalls()).toBe(sent);
    expect((await t.api('GET', '/budgets/oa-tiny/usage')).body.items[0]).toMatchObject({ provider: 'openai', status: 'blocked' });
  });

  it('200 concurrent requests in flight together never push a small budget past its cap', async () => {
    // gpt-4o-mini: each request may cost 1000 × $0.60/M plus its input bound (~$0.0006); it really costs
    // 40 × $0.15/M + 9 × $0.60/M = $0.0000114, rounded up to whole micro-dollars: $0.000012.
    await t.api('POST', '/budgets', { name: 'oa-swarm', max_dollars: 0.01 });
    const c = client('oa-swarm', 0);
    mock.scenario = { kind: 'gate' };
    const { admitted, ok } = await swarm(t, mock, 'oa-swarm', 200, () => chat(c));
    expect(admitted).toBeGreaterThan(0);
    expect(ok).toBe(admitted);
    const { body } = await t.api('GET', '/budgets/oa-swarm');
    expect(body.spent_dollars).toBeLessThanOrEqual(0.01);
    expect(body.spent_dollars).toBeCloseTo(admitted * 0.000012, 9);
  });

  it('an upstream error passes through with its status and body, and releases the reservation', async () => {
    await t.api('POST', '/budgets', { name: 'oa-err', max_dollars: 1 });
    mock.scenario = { kind: 'error', status: 400, type: 'invalid_request_error', message: "Unsupported parameter: 'foo'." };
    const error = (await chat(client('oa-err')).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    expect(error.error).toMatchObject({ message: "Unsupported parameter: 'foo'.", type: 'invalid_request_error' });
    await settled(t);
    const { body } = await t.api('GET', '/budgets/oa-err');
    expect(body).toMatchObject({ spent_dollars: 0, reserved_dollars: 0 });
  });

  it('a client that leaves mid-stream stops the upstream and is settled, marked estimated', async () => {
    await t.api('POST', '/budgets', { name: 'oa-abort', max_dollars: 1 });
    mock.scenario = { kind: 'slow-stream', events: 2000 };
    const abort = new AbortController();
    const stream = await client('oa-abort').chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'long' }], max_completion_tokens: 4000, stream: true },
      { signal: abort.signal },
    );
    const row = await leaveStream(t, 'oa-abort', stream, abort);
    // Charged for the input bound and what was streamed, never more than the worst case.
    expect(row.cost_dollars).toBeGreaterThan(0);
    expect(row.cost_dollars).toBeLessThanOrEqual(0.0025);
    mock.scenario = { kind: 'ok' };
  });

  it('a model of no known family is refused with a clear error telling how to price it', async () => {
    const error = (await client('oa-err')
      .chat.completions.create({ model: 'mystery-model-1', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/no price for model 'mystery-model-1'/);
  });

  it('an unknown model of a known family is priced as the newest of its family and marked inferred', async () => {
    mock.scenario = { kind: 'ok' };
    await client('oa-err').chat.completions.create({ model: 'gpt-5.9', messages: [{ role: 'user', content: 'x' }], max_completion_tokens: 100 });
    await settled(t);
    expect((await t.api('GET', '/budgets/oa-err/usage?limit=1')).body.items[0]).toMatchObject({ model: 'gpt-5.9', price_inferred: true, status: 'ok' });
  });

  it('stats split spend by provider', async () => {
    const { body } = await t.api('GET', '/stats');
    expect(body.by_provider.map((p: { provider: string }) => p.provider)).toContain('openai');
  });
});
