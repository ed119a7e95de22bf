/** Local safety: browser origins on the proxy, the token file, header limits, secrets kept out of answers and logs. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/app.js';
import { loadConfig } from '../../src-main/core/config.js';
import type { Core } from '../../src-main/core/core.js';
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

const message = JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
const send = (headers: Record<string, string>) =>
  fetch(`${t.base}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-secret-key-123', ...headers }, body: message });

describe('local safety', () => {
  it('the proxy refuses requests from a web page unless its origin is allowed in settings', async () => {
    const sent = mock.requests.length;
    const refused = await send({ origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(mock.requests.length).toBe(sent);
    await t.api('PUT', '/settings', { allowed_origins: ['https://my-tool.example'] });
    expect((await send({ origin: 'https://my-tool.example' })).status).toBe(200);
    expect((await send({ origin: 'https://evil.example' })).status).toBe(403);
  });

  it('the generated admin token file is readable by its owner only', () => {
    expect(statSync(join(t.dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
  });

  it('oversized request headers get a 431 and nothing goes upstream', async () => {
    const sent = mock.requests.length;
    const response = await send({ 'x-padding': 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(431);
    expect(mock.requests.length).toBe(sent);
  });

  it('webhook URLs are shown with their secrets masked', async () => {
    const { body } = await t.api('POST', '/budgets', { name: 'hooked', max_dollars: 1, webhook_url: 'https://hooks.example/T000/B000/s3cr3tt0k3n?key=abcdef' });
    expect(JSON.stringify(body)).not.toContain('s3cr3tt0k3n');
    expect(JSON.stringify(body)).not.toContain('abcdef');
    expect(body.webhook_url).toMatch(/^https:\/\/hooks\.example\//);
  });

  it('the refusal tells the agent what happened, not how to lift the cap', async () => {
    await t.api('POST', '/budgets', { name: 'locked', max_dollars: 0.0001 });
    const response = await send({ 'x-budget-id': 'locked' });
    expect(response.status).toBe(402);
    const text = (await response.json()).error.message as string;
    expect(text).toMatch(/^Budget 'locked' cannot cover this request/);
    expect(text).not.toMatch(/token|\/api|settings|curl|PATCH|PUT/i);
  });
});

describe('secrets never reach logs or the store', () => {
  let core: Core;
  let logs = '';

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _, done) => void ((logs += chunk.toString()), done()) });
    const config = loadConfig({ PORT: '0', AGENT_BUDGET_DATA_DIR: join(t.dataDir, 'logged'), ANTHROPIC_UPSTREAM_URL: mock.url, LOG_LEVEL: 'trace' });
    core = await startCore({ config, logger: pino({ level: 'trace' }, sink) });
  });
  afterAll(() => core.close());

  it('API keys, OAuth tokens and bodies appear in no log line and no usage row', async () => {
    const base = `http://127.0.0.1:${core.port}/agent-budget`;
    const secretBody = JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'my-private-prompt-text' }] });
    for (const auth of [{ 'x-api-key': 'sk-ant-api03-SECRETKEY' }, { authorization: 'Bearer sk-ant-oat01-SECRETOAUTH' }] as Record<string, string>[]) {
      await fetch(`${base}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: secretBody });
      await fetch(`${base}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{"model": broken' });
    }
    const rows = await core.store.usage.list((await core.store.budgets.get('default', Date.now()))!.id, { limit: 10, offset: 0 });
    expect(rows.items.map((row) => row.auth_kind).sort()).toEqual(['api_key', 'oauth']);
    const stored = JSON.stringify(rows);
    for (const secret of ['SECRETKEY', 'SECRETOAUTH', 'my-private-prompt-text']) {
      expect(logs).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    // The requests were logged (settled and refused), just without what they carried.
    expect(logs).toContain('"msg":"settled"');
    expect(logs).toContain('not valid JSON');
  });
});

