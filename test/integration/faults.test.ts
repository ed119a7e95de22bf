/** Upstream faults, store faults and limits: the client gets a clear answer and the ledger stays exact. */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src-main/core/store/sqlite/index.js';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';

let mock: MockAnthropic;
let t: TestCore;

beforeAll(async () => {
  mock = await startMockAnthropic();
  t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url, AGENT_BUDGET_UPSTREAM_TIMEOUT_S: '0.5', AGENT_BUDGET_MAX_BODY_MB: '0.05' });
  await t.api('POST', '/budgets', { name: 'faults', max_dollars: 10 });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});
afterEach(() => {
  mock.scenario = { kind: 'ok' };
});

const client = new Proxy({} as Anthropic, {
  get: (_, key) => Reflect.get(new Anthropic({ apiKey: 'sk-ant-test', baseURL: t.base, defaultHeaders: { 'X-Budget-Id': 'faults' }, maxRetries: 0 }), key),
});
const params = { model: 'claude-sonnet-4-6', max_tokens: 1000, messages: [{ role: 'user' as const, content: 'hello' }] };
const lastRow = async () => (await t.api('GET', '/budgets/faults/usage?limit=1')).body.items[0];
const messagesSent = () => mock.requests.filter((r) => r.url.startsWith('/v1/messages')).length;

describe('upstream faults', () => {
  it('a connection reset mid-stream reaches the client as an error and is settled at the worst case', async () => {
    mock.scenario = { kind: 'reset-mid-stream' };
    const stream = client.messages.stream(params);
    await expect(stream.finalMessage()).rejects.toThrow();
    await settled(t);
    const row = await lastRow();
    expect(row).toMatchObject({ status: 'error', estimated: true });
    expect(row.cost_dollars).toBe(row.reserved_dollars);
  });

  it('malformed JSON reaches the client exactly as sent and is settled at the worst case', async () => {
    mock.scenario = { kind: 'malformed-json' };
    const response = await fetch(`${t.base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'x-budget-id': 'faults' },
      body: JSON.stringify(params),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"id": "msg_broken", "usage": {');
    await settled(t);
    const row = await lastRow();
    expect(row).toMatchObject({ status: 'ok', estimated: true });
    expect(row.cost_dollars).toBe(row.reserved_dollars);
  });

  it('a stream that ends without its usage is settled at the worst case', async () => {
    mock.scenario = { kind: 'truncated-stream' };
    const response = await fetch(`${t.base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'x-budget-id': 'faults' },
      body: JSON.stringify({ ...params, stream: true }),
    });
    expect(await response.text()).toContain('message_start');
    await settled(t);
    const row = await lastRow();
    expect(row.estimated).toBe(true);
    expect(row.cost_dollars).toBe(row.reserved_dollars);
  });

  it('an upstream that sends nothing gets a 504 after the timeout, settled at the worst case since it may have billed', async () => {
    mock.scenario = { kind: 'stall-before-headers' };
    const error = (await client.messages.create(params).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(504);
    expect(error.headers?.get('x-should-retry')).toBe('true');
    expect((error.error as any).error.message).toMatch(/sent nothing for 0.5 s/);
    await settled(t);
    expect(await lastRow()).toMatchObject({ status: 'error', estimated: true });
  });

  it('an upstream that cannot be reached gets a 502 and costs nothing', async () => {
    const down = await startTestCore({ ANTHROPIC_UPSTREAM_URL: 'http://127.0.0.1:9' });
    try {
      const c = new Anthropic({ apiKey: 'sk-ant-test', baseURL: down.base, maxRetries: 0 });
      const error = (await c.messages.create(params).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
      expect(error.status).toBe(502);
      await settled(down);
      const row = (await down.api('GET', '/budgets/default/usage?limit=1')).body.items[0];
      expect(row).toMatchObject({ status: 'error', cost_dollars: 0, estimated: false });
    } finally {
      await down.close();
    }
  });

  it('a client that leaves mid-stream aborts the upstream and is settled from what was seen, marked estimated', async () => {
    mock.scenario = { kind: 'slow-stream', events: 5000 };
    const stream = client.messages.stream(params);
    let seen = 0;
    stream.on('text', () => {
      if (++seen === 3) stream.abort();
    });
    await stream.done().catch(() => undefined);
    await settled(t);
    const row = await lastRow();
    expect(row).toMatchObject({ status: 'aborted', estimated: true, input_tokens: 25 });
    expect(row.cost_dollars).toBeLessThan(row.reserved_dollars);
  });
});

describe('limits and bad input', () => {
  it('a body over the size limit gets a 413 the client really receives, and nothing goes upstream', async () => {
    const sent = messagesSent();
    const big = { ...params, messages: [{ role: 'user', content: 'x'.repeat(200_000) }] };
    const error = (await client.messages.create(big as typeof params).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(413);
    expect((error.error as any).error.message).toMatch(/limit/i);
    expect(messagesSent()).toBe(sent);
  });

  it.each([
    ['not JSON', '{"model":', /not valid JSON/],
    ['no model', JSON.stringify({ max_tokens: 10, messages: [] }), /`model` is required/],
    ['no max_tokens', JSON.stringify({ model: 'claude-sonnet-4-6', messages: [] }), /`max_tokens` is required/],
    ['bad max_tokens', JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: -5, messages: [] }), /positive integer/],
  ])('a message with %s gets a 400 naming the problem, nothing upstream, nothing recorded', async (_, body, message) => {
    const sent = messagesSent();
    const { total } = (await t.api('GET', '/budgets/faults/usage')).body;
    const response = await fetch(`${t.base}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-budget-id': 'faults' }, body });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(message);
    expect(messagesSent()).toBe(sent);
    expect((await t.api('GET', '/budgets/faults/usage')).body.total).toBe(total);
  });

  it.each([
    [{ name: 'x', max_dollars: 0 }, 'max_dollars'],
    [{ name: 'x', max_dollars: 'ten' }, 'max_dollars'],
    [{ name: '12345', max_dollars: 1 }, 'name'],
    [{ name: 'x', max_dollars: 1, period: 'hourly' }, 'period'],
    [{ name: 'x', max_dollars: 1, timezone: 'Mars/Olympus' }, 'timezone'],
    [{ name: 'x', max_dollars: 1, webhook_url: 'not a url' }, 'webhook_url'],
  ])('creating %j is refused naming %s, and nothing is written', async (input, field) => {
    const before = (await t.api('GET', '/budgets')).body.budgets.length;
    const { status, body } = await t.api('POST', '/budgets', input);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain(field);
    expect((await t.api('GET', '/budgets')).body.budgets.length).toBe(before);
  });
});

describe('store faults', () => {
  /** Makes every write fail as on a read-only or failing disk (SQLITE_READONLY), and returns a function that undoes it. */
  function breakDisk(): () => void {
    const { db } = t.core.store as SqliteStore;
    db.pragma('query_only = 1');
    return () => void db.pragma('query_only = 0');
  }

  it('with the store unwritable, metered requests are refused with a 503 rather than forwarded unrecorded', async () => {
    const sent = messagesSent();
    const free = breakDisk();
    try {
      const error = (await client.messages.create(params).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
      expect(error.status).toBe(503);
      expect((error.error as any).error.message).toMatch(/cannot record this request/);
      expect(messagesSent()).toBe(sent);
    } finally {
      free();
    }
  });

  it('with fail_open set, the same fault forwards the request unmetered', async () => {
    await t.api('PUT', '/settings', { fail_open: true });
    const sent = messagesSent();
    const free = breakDisk();
    try {
      const message = await client.messages.create(params);
      expect(message.content[0]).toMatchObject({ type: 'text' });
      expect(messagesSent()).toBe(sent + 1);
    } finally {
      free();
      await t.api('PUT', '/settings', { fail_open: false });
    }
  });
});
