import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src-main/core/retention.js';
import type { CoreEvent } from '../../src-main/core/events.js';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { waitFor } from '../helpers/wait.js';

let mock: MockAnthropic;
let hooks: WebhookReceiver;
let t: TestCore;
const events: CoreEvent[] = [];

beforeAll(async () => {
  mock = await startMockAnthropic();
  hooks = await startWebhookReceiver();
  t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url });
  t.core.bus.on((event) => events.push(event));
});
afterAll(async () => {
  await t.close();
  await hooks.close();
  await mock.close();
});

/** One request that really costs `output` tokens of Haiku 4.5 output ($5/M) and nothing else. */
async function spend(budget: string, output: number) {
  mock.scenario = { kind: 'ok', usage: { input_tokens: 0, output_tokens: output } };
  const client = new Anthropic({ apiKey: 'k', baseURL: t.base, defaultHeaders: { 'X-Budget-Id': budget }, maxRetries: 0 });
  await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
  await settled(t);
}

const thresholdsOf = async (budget: string) =>
  ((await t.api('GET', '/alerts')).body.alerts as { budget_name: string; threshold: number }[]).filter((a) => a.budget_name === budget).map((a) => a.threshold).sort((a, b) => a - b);

describe('threshold alerts', () => {
  it('fire once each at 50%, 80% and 100%, with a webhook per alert and its delivery recorded', async () => {
    // Cap $0.01 = 2,000 Haiku output tokens. Spend 1,100 (55%), then 600 (85%), then 400 (105%).
    await t.api('POST', '/budgets', { name: 'alerted', max_dollars: 0.01, period: 'monthly', webhook_url: hooks.url });
    await spend('alerted', 1_100);
    await waitFor(() => hooks.received.length === 1, 'the 50% webhook');
    expect(await thresholdsOf('alerted')).toEqual([50]);
    await spend('alerted', 100);
    expect(await thresholdsOf('alerted')).toEqual([50]);
    await spend('alerted', 500);
    await waitFor(() => hooks.received.length === 2, 'the 80% webhook');
    await spend('alerted', 400);
    await waitFor(() => hooks.received.length === 3, 'the 100% webhook');
    expect(await thresholdsOf('alerted')).toEqual([50, 80, 100]);
    expect(hooks.received.map((r) => r.body.threshold)).toEqual([50, 80, 100]);
    expect(hooks.received[2]!.body).toMatchObject({
      event: 'threshold',
      budget: { name: 'alerted' },
      max_dollars: 0.01,
      period: 'monthly',
      by_model: [{ model: 'claude-haiku-4-5', requests: 4, output_tokens: 2_100 }],
    });
    await waitFor(async () => {
      const alerts = (await t.api('GET', '/alerts?budget_id=' + hooks.received[0]!.body.budget.id)).body.alerts;
      return alerts.every((a: { deliveries: unknown[] }) => a.deliveries.length === 1) && alerts;
    }, 'deliveries to be recorded');
    const alertEvents = events.filter((e) => e.type === 'alert');
    expect(alertEvents.map((e) => (e as Extract<CoreEvent, { type: 'alert' }>).alert.threshold)).toEqual([50, 80, 100]);
  });

  it('the first refused request of a period counts as reaching 100% when spend stops short of the cap', async () => {
    await t.api('POST', '/budgets', { name: 'short', max_dollars: 0.001, period: 'daily' });
    const client = new Anthropic({ apiKey: 'k', baseURL: t.base, defaultHeaders: { 'X-Budget-Id': 'short' }, maxRetries: 0 });
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 1000, messages: [] }).catch(() => undefined);
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 1000, messages: [] }).catch(() => undefined);
    await waitFor(async () => (await thresholdsOf('short')).length === 1, 'the 100% alert');
    expect(await thresholdsOf('short')).toEqual([100]);
  });

  it('raising the cap re-arms the thresholds above the new spend', async () => {
    await t.api('PATCH', '/budgets/alerted', { max_dollars: 0.1 });
    expect(await thresholdsOf('alerted')).toEqual([]);
    await spend('alerted', 8_000); // $0.0505 total of $0.10
    await waitFor(async () => (await thresholdsOf('alerted')).length === 1, 'the re-armed 50% alert');
  });

  it('retries a failing webhook and reports each attempt; the test button sends a test payload', async () => {
    hooks.statuses.push(500, 503);
    const { body } = await t.api('POST', '/budgets/alerted/test-webhook');
    expect(body).toEqual({ delivered: true, status_code: 200, error: null, attempts: 3 });
    expect(hooks.received.at(-1)!.body).toMatchObject({ event: 'test', budget: { name: 'alerted' } });
    const noHook = await t.api('POST', '/budgets/short/test-webhook');
    expect(noHook.status).toBe(400);
  });
});

describe('live events and retention', () => {
  it('streams spend events over SSE as requests settle', async () => {
    const controller = new AbortController();
    const response = await fetch(`${t.base}/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    await spend('alerted', 10);
    let text = '';
    await waitFor(async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      return text.includes('event: spend');
    }, 'a spend event');
    expect(text).toMatch(/event: spend\ndata: \{"type":"spend","budget":\{"id":\d+,"name":"alerted"/);
    controller.abort();
  });

  it('deletes usage rows past retention while budget totals stay', async () => {
    const before = (await t.api('GET', '/budgets/alerted')).body;
    const rows = (await t.api('GET', '/budgets/alerted/usage')).body.total;
    expect(rows).toBeGreaterThan(0);
    await t.api('PUT', '/settings', { retention_days: 1 });
    const deleted = await applyRetention(t.core.store, Date.now() + 2 * 86_400_000);
    expect(deleted).toBeGreaterThanOrEqual(rows);
    expect((await t.api('GET', '/budgets/alerted/usage')).body.total).toBe(0);
    const after = (await t.api('GET', '/budgets/alerted')).body;
    expect(after.spent_dollars).toBe(before.spent_dollars);
    expect(after.by_model).toEqual(before.by_model);
  });
});
