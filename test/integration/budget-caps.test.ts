import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { waitFor } from '../helpers/wait.js';

let mock: MockAnthropic;
let t: TestCore;

beforeAll(async () => {
  mock = await startMockAnthropic();
  t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const sdk = (budget?: string) =>
  new Anthropic({ apiKey: 'sk-ant-test', baseURL: t.base, defaultHeaders: budget ? { 'X-Budget-Id': budget } : {}, maxRetries: 3 });

const ask = (client: Anthropic, max_tokens = 1000) =>
  client.messages.create({ model: 'claude-sonnet-4-6', max_tokens, messages: [{ role: 'user', content: 'hello' }] });

describe('caps and refusals', () => {
  it('refuses with 402 and x-should-retry: false before anything goes upstream, and the SDK does not retry', async () => {
    await t.api('POST', '/budgets', { name: 'tiny', max_dollars: 0.01, period: 'daily', timezone: 'Europe/Berlin' });
    const messagesSent = () => mock.requests.filter((r) => r.url.startsWith('/v1/messages?') || r.url === '/v1/messages').length;
    const sent = messagesSent();
    const error = await ask(sdk('tiny')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(402);
    expect(apiError.headers?.get('x-should-retry')).toBe('false');
    expect(apiError.headers?.get('x-agent-budget-remaining')).toBe('0.010000');
    expect((apiError.error as any).error.type).toBe('budget_exceeded');
    expect((apiError.error as any).error.message).toMatch(
      /^Budget 'tiny' cannot cover this request: \$0\.00 spent and \$0\.00 reserved by requests in flight, of \$0\.01; this request may cost up to \$0\.02; resets \d{4}-\d\d-\d\d 00:00 Europe\/Berlin$/,
    );
    expect(messagesSent()).toBe(sent);
    const { body } = await t.api('GET', '/budgets/tiny/usage');
    expect(body.items[0]).toMatchObject({ status: 'blocked', cost_dollars: 0 });
  });

  it('requests without a header land in the default budget, which has a $10 daily cap', async () => {
    const { body } = await t.api('GET', '/budgets/default');
    expect(body).toMatchObject({ name: 'default', max_dollars: 10, period: 'daily' });
    await ask(sdk());
    await settled(t);
    const usage = await t.api('GET', '/budgets/default/usage');
    expect(usage.body.total).toBe(1);
  });

  it('an unknown budget is a 404 naming it, unless auto-create is on', async () => {
    const error = (await ask(sdk('nobody')).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(404);
    expect((error.error as any).error.message).toContain("'nobody'");
    await t.api('PUT', '/settings', { auto_create_budgets: true, default_max_dollars: 3 });
    await ask(sdk('nobody'));
    const { body } = await t.api('GET', '/budgets/nobody');
    expect(body).toMatchObject({ name: 'nobody', max_dollars: 3 });
    await t.api('PUT', '/settings', { auto_create_budgets: false });
  });

  it('200 concurrent requests in flight together never push a small budget past its cap', async () => {
    // Each request may cost up to about $0.0153 (1000 output tokens at $15/M plus its input bound); it really costs
    // 25 × $3/M + 12 × $15/M = $0.000255. The mock holds every answer until all 200 were admitted or refused.
    await t.api('POST', '/budgets', { name: 'swarm', max_dollars: 0.1 });
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: t.base, defaultHeaders: { 'X-Budget-Id': 'swarm' }, maxRetries: 0 });
    mock.scenario = { kind: 'gate' };
    let refused = 0;
    const calls = Array.from({ length: 200 }, () =>
      ask(client).then(
        () => 'ok' as const,
        (error: { status?: number }) => {
          if (error.status !== 402) return 'error' as const;
          refused++;
          return 'refused' as const;
        },
      ),
    );
    await waitFor(() => mock.gated() + refused === 200, 'every request to be admitted or refused');
    const admitted = mock.gated();
    const during = (await t.api('GET', '/budgets/swarm')).body;
    expect(during.spent_dollars + during.reserved_dollars).toBeLessThanOrEqual(0.1);
    mock.openGate();
    const results = await Promise.all(calls);
    await settled(t);
    expect(admitted).toBeGreaterThan(0);
    expect(refused).toBe(200 - admitted);
    expect(results.filter((r) => r === 'ok').length).toBe(admitted);
    const { body } = await t.api('GET', '/budgets/swarm');
    expect(body.spent_dollars).toBeLessThanOrEqual(0.1);
    expect(body.spent_dollars).toBeCloseTo(admitted * 0.000255, 9);
  });

  it('the global cap refuses across budgets in the same admission step', async () => {
    const stats = await t.api('GET', '/stats');
    await t.api('PUT', '/settings', { global_max_dollars: stats.body.month_dollars + 0.01, global_period: 'monthly' });
    await t.api('POST', '/budgets', { name: 'roomy', max_dollars: 100 });
    const error = (await ask(sdk('roomy'), 4000).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(402);
    expect((error.error as any).error.message).toMatch(/^The global cap \(monthly\) cannot cover this request/);
    // What remains is the global cap's (about a cent), not the roomy budget's $100.
    expect(Number(error.headers?.get('x-agent-budget-remaining'))).toBeLessThanOrEqual(0.01);
    await t.api('PUT', '/settings', { global_max_dollars: null });
    await ask(sdk('roomy'), 4000);
  });

  it('clamps max_tokens to what the money covers when the budget allows it', async () => {
    // $0.02 covers 100 input bytes-as-tokens at $3/M plus about 1,300 output tokens at $15/M, not 4,000.
    await t.api('POST', '/budgets', { name: 'clamped', max_dollars: 0.02, clamp_max_tokens: true });
    const response = await fetch(`${t.base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-budget-id': 'clamped', 'x-api-key': 'k' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 4000, messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(response.status).toBe(200);
    const clampedTo = Number(/lowered to (\d+)/.exec(response.headers.get('x-agent-budget-clamped') ?? '')?.[1]);
    expect(clampedTo).toBeGreaterThanOrEqual(1024);
    expect(clampedTo).toBeLessThan(4000);
    expect((mock.requests.at(-1)!.body as { max_tokens: number }).max_tokens).toBe(clampedTo);
    await settled(t);
  });

  it('tightens a loose byte bound with count_tokens instead of refusing, and caches the count per conversation', async () => {
    // 400 KB of text: the byte bound says up to 400k input tokens ($1.20 at $3/M), over the $1 cap.
    // The mock counts about a quarter of that, so the request fits once tightened.
    await t.api('POST', '/budgets', { name: 'long-chat', max_dollars: 1 });
    const counted = () => mock.requests.filter((r) => r.url.startsWith('/v1/messages/count_tokens')).length;
    const before = counted();
    const history = [{ role: 'user' as const, content: 'word '.repeat(80_000) }];
    const client = sdk('long-chat');
    await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: history });
    expect(counted()).toBe(before + 1);
    const forwarded = mock.requests.filter((r) => r.url.startsWith('/v1/messages/count_tokens')).at(-1)!;
    expect(forwarded.body).not.toHaveProperty('max_tokens');
    expect(forwarded.headers['x-budget-id']).toBeUndefined();
    // The next turn extends the counted prefix: no second count.
    await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: [...history, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'and then?' }],
    });
    expect(counted()).toBe(before + 1);
    await settled(t);
  });

  it('refuses at once, without count_tokens, a request whose output alone cannot fit in what remains', async () => {
    // 100 KB of prompt: loose enough that tightening would be tried. But 4,000 output tokens at $15/M
    // are $0.06 before any input, over the $0.05 cap: no count could make it fit.
    await t.api('POST', '/budgets', { name: 'no-count', max_dollars: 0.05 });
    const counted = () => mock.requests.filter((r) => r.url.startsWith('/v1/messages/count_tokens')).length;
    const before = { counts: counted(), all: mock.requests.length };
    const error = (await sdk('no-count')
      .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 4_000, messages: [{ role: 'user', content: 'word '.repeat(20_000) }] })
      .catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(402);
    expect(error.headers?.get('x-agent-budget-remaining')).toBe('0.050000');
    expect((error.error as any).error.message).toMatch(/^Budget 'no-count' cannot cover this request/);
    expect(counted()).toBe(before.counts);
    expect(mock.requests.length).toBe(before.all);
    expect((await t.api('GET', '/budgets/no-count/usage')).body.items[0]).toMatchObject({ status: 'blocked' });
  });

  it('pausing refuses every metered request with a paused message', async () => {
    await t.api('POST', '/pause', { paused: true });
    const error = (await ask(sdk()).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(402);
    expect((error.error as any).error.message).toMatch(/paused/);
    await t.api('POST', '/pause', { paused: false });
    await ask(sdk());
  });
});
