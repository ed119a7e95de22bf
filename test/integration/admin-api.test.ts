import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';

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

describe('budgets API', () => {
  it('creates, reads by id or name, changes and deletes a budget', async () => {
    const created = await t.api('POST', '/budgets', { name: 'my-agents', max_dollars: 25, period: 'daily', timezone: 'America/New_York' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'my-agents', max_dollars: 25, period: 'daily', timezone: 'America/New_York', spent_dollars: 0, remaining_dollars: 25, webhook_url: null, clamp_max_tokens: false });
    expect(Date.parse(created.body.resets_at)).toBeGreaterThan(Date.now());
    const byId = await t.api('GET', `/budgets/${created.body.id}`);
    expect(byId.body).toMatchObject({ name: 'my-agents', by_model: [] });
    const patched = await t.api('PATCH', '/budgets/my-agents', { max_dollars: 40, webhook_url: 'https://hooks.example.com/services/T000/SECRET' });
    expect(patched.body).toMatchObject({ max_dollars: 40, webhook_url: 'https://hooks.example.com/••••' });
    const list = await t.api('GET', '/budgets');
    expect(list.body.budgets.map((b: { name: string }) => b.name)).toEqual(['default', 'my-agents']);
    expect((await t.api('DELETE', '/budgets/my-agents')).status).toBe(204);
    expect((await t.api('GET', '/budgets/my-agents')).status).toBe(404);
  });

  it.each([
    [{ name: 'x', max_dollars: 0 }, 'max_dollars', 'greater than 0'],
    [{ name: 'x', max_dollars: -5 }, 'max_dollars', 'greater than 0'],
    [{ name: 'x', max_dollars: 'ten' }, 'max_dollars', 'number'],
    [{ name: '1234', max_dollars: 5 }, 'name', 'all digits'],
    [{ name: 'has space', max_dollars: 5 }, 'name', 'letters, digits'],
    [{ name: 'x', max_dollars: 5, period: 'hourly' }, 'period', 'daily, weekly, monthly, total'],
    [{ name: 'x', max_dollars: 5, timezone: 'Mars/Base' }, 'timezone', 'time zone'],
    [{ name: 'x', max_dollars: 5, webhook_url: 'ftp://nope' }, 'webhook_url', 'http(s) URL'],
  ])('rejects %j naming %s', async (input, field, phrase) => {
    const before = await t.api('GET', '/budgets');
    const { status, body } = await t.api('POST', '/budgets', input);
    expect(status).toBe(400);
    expect(body.error.type).toBe('invalid_request_error');
    const issue = body.error.fields.find((f: { field: string }) => f.field === field);
    expect(issue.message).toContain(phrase);
    expect((await t.api('GET', '/budgets')).body).toEqual(before.body);
  });

  it('a duplicate name is a 409 and invalid JSON a 400', async () => {
    await t.api('POST', '/budgets', { name: 'twice', max_dollars: 1 });
    const again = await t.api('POST', '/budgets', { name: 'twice', max_dollars: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("'twice' already exists");
    const bad = await fetch(`${t.base}/api/budgets`, { method: 'POST', headers: { authorization: `Bearer ${t.core.adminToken}`, 'content-type': 'application/json' }, body: '{"name":' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not valid JSON/);
  });

  it('serves an SVG badge coloured by state', async () => {
    const response = await fetch(`${t.base}/api/budgets/twice/badge`);
    expect(response.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const svg = await response.text();
    expect(svg).toContain('twice');
    expect(svg).toContain('$0.00 / $1.00');
  });
});

describe('who may change things', () => {
  it('reading is open; changing needs the admin token', async () => {
    expect((await fetch(`${t.base}/api/budgets`)).status).toBe(200);
    const anonymous = await fetch(`${t.base}/api/budgets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sneaky', max_dollars: 1e6 }) });
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${t.base}/api/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' }, body: '{}' });
    expect(wrong.status).toBe(401);
  });

  it('a web page on another origin cannot change budgets even with the token', async () => {
    const response = await fetch(`${t.base}/api/budgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.core.adminToken}`, origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'evil', max_dollars: 1 }),
    });
    expect(response.status).toBe(403);
    expect((await t.api('GET', '/budgets/evil')).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding) on the API and the proxy', async () => {
    const { request } = await import('undici');
    for (const path of ['/agent-budget/api/budgets', '/agent-budget/v1/messages']) {
      const response = await request(`http://127.0.0.1:${t.core.port}${path}`, { method: 'GET', headers: { host: `attacker.example:${t.core.port}` } });
      expect(response.statusCode).toBe(403);
      expect(await response.body.text()).toContain('is not allowed');
    }
  });
});

describe('pricing, settings and stats', () => {
  it('lists the seeded table with its date and replaces one model', async () => {
    const before = await t.api('GET', '/pricing');
    expect(before.body.updated_at).toMatch(/^\d{4}-/);
    const sonnet = before.body.models.find((m: { model: string }) => m.model === 'claude-sonnet-4-6');
    expect(sonnet).toMatchObject({ provider: 'anthropic', input_per_mtok: 3, output_per_mtok: 15, cache_write_5m_per_mtok: 3.75, cache_write_1h_per_mtok: 6, cache_read_per_mtok: 0.3 });
    const put = await t.api('PUT', '/pricing', { model: 'acme-1', provider: 'anthropic', input_per_mtok: 2, output_per_mtok: 8 });
    expect(put.body).toMatchObject({ model: 'acme-1', cache_write_5m_per_mtok: 2.5, cache_write_1h_per_mtok: 4, cache_read_per_mtok: 0.2 });
    const invalid = await t.api('PUT', '/pricing', { model: 'acme-2', provider: 'anthropic', input_per_mtok: -1, output_per_mtok: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['input_per_mtok', 'output_per_mtok']);
  });

  it('an unknown model family is refused with a pointer to the pricing table, nothing sent upstream', async () => {
    const sent = mock.requests.length;
    const response = await fetch(`${t.base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mystery-model-9', max_tokens: 10, messages: [] }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/no price for model 'mystery-model-9'.*Pricing/);
    expect(mock.requests.length).toBe(sent);
  });

  it('settings round-trip and validate', async () => {
    const put = await t.api('PUT', '/settings', { retention_days: 30, default_max_dollars: 12.5 });
    expect(put.body).toMatchObject({ retention_days: 30, default_max_dollars: 12.5, auto_create_budgets: false });
    const bad = await t.api('PUT', '/settings', { retention_days: 0 });
    expect(bad.status).toBe(400);
    expect((await t.api('GET', '/settings')).body.retention_days).toBe(30);
  });

  it('stats and health answer with their documented shapes', async () => {
    const stats = await t.api('GET', '/stats');
    for (const key of ['today_dollars', 'month_dollars', 'total_dollars', 'requests', 'blocked_requests', 'input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'top_budgets', 'top_models']) {
      expect(stats.body).toHaveProperty(key);
    }
    const health = await (await fetch(`${t.base}/health`)).json();
    expect(health).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
