import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ApiError, GoogleGenAI } from '@google/genai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockGemini, type MockGemini } from '../helpers/mock-gemini.js';
import { leaveStream, swarm } from '../helpers/swarm.js';

const SECRET_HEADER_KEY = 'AIzaSyHEADER-secret-0123456789';
const SECRET_QUERY_KEY = 'AIzaSyQUERY-secret-9876543210';

let mock: MockGemini;
let t: TestCore;
const logLines: string[] = [];

beforeAll(async () => {
  mock = await startMockGemini();
  // Every log line at debug level is kept, to check that no key reaches the log.
  const sink = new Writable({ write: (chunk, _encoding, done) => void (logLines.push(String(chunk)), done()) });
  t = await startTestCore({ GEMINI_UPSTREAM_URL: mock.url }, { logger: pino({ level: 'debug' }, sink) });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const client = (budget: string) => new GoogleGenAI({ apiKey: SECRET_HEADER_KEY, httpOptions: { baseUrl: `${t.base}/b/${budget}/gemini` } });
const generate = (c: GoogleGenAI, options: { signal?: AbortSignal } = {}) =>
  c.models.generateContent({ model: 'gemini-2.5-flash-lite', contents: 'hello', config: { maxOutputTokens: 1000, thinkingConfig: { thinkingBudget: 0 }, abortSignal: options.signal } });
const upstreamGenerations = () => mock.requests.filter((r) => r.url.includes('enerateContent')).length;
const rawGenerate = (budget: string, body: unknown, query = '') =>
  fetch(`${t.base}/b/${budget}/gemini/v1beta/models/gemini-2.5-flash:generateContent${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': SECRET_HEADER_KEY },
    body: JSON.stringify(body),
  });

describe('Gemini budget enforcement', () => {
  it('refuses with a Google-shaped 402 naming the budget, which the SDK does not retry, before anything goes upstream', async () => {
    await t.api('POST', '/budgets', { name: 'gm-tiny', max_dollars: 0.0001 });
    const sent = upstreamGenerations();
    const error = (await generate(client('gm-tiny')).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(402);
    expect(JSON.parse(error.message).error).toMatchObject({ code: 402, status: 'FAILED_PRECONDITION', message: expect.stringMatching(/^Budget 'gm-tiny' cannot cover this request/) });
    const response = await rawGenerate('gm-tiny', { contents: [{ role: 'user', parts: [{ text: 'x' }] }] });
    expect(response.status).toBe(402);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(upstreamGenerations()).toBe(sent);
    expect((await t.api('GET', '/budgets/gm-tiny/usage')).body.items[0]).toMatchObject({ provider: 'gemini', status: 'blocked' });
  });

  it('200 concurrent requests in flight together never push a small budget past its cap', async () => {
    // gemini-2.5-flash-lite: each request may cost 1000 × $0.40/M plus its input bound (~$0.00042 in all); it really
    // costs 40 × $0.10/M + 9 × $0.40/M = $0.0000076, rounded up to whole micro-dollars: $0.000008.
    await t.api('POST', '/budgets', { name: 'gm-swarm', max_dollars: 0.01 });
    const c = client('gm-swarm');
    mock.scenario = { kind: 'gate' };
    const { admitted, refused, ok } = await swarm(t, mock, 'gm-swarm', 200, () => generate(c));
    expect(admitted).toBeGreaterThan(0);
    expect(refused).toBe(200 - admitted);
    expect(ok).toBe(admitted);
    const { body } = await t.api('GET', '/budgets/gm-swarm');
    expect(body.spent_dollars).toBeLessThanOrEqual(0.01);
    expect(body.spent_dollars).toBeCloseTo(admitted * 0.000008, 9);
  });

  it('a client that leaves mid-stream stops the upstream and is settled, marked estimated, within the worst case', async () => {
    await t.api('POST', '/budgets', { name: 'gm-abort', max_dollars: 1 });
    mock.scenario = { kind: 'slow-stream', chunks: 2000 };
    const abort = new AbortController();
    const stream = await client('gm-abort').models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: 'long',
      config: { maxOutputTokens: 4000, thinkingConfig: { thinkingBudget: 0 }, abortSignal: abort.signal },
    });
    const row = await leaveStream(t, 'gm-abort', stream, abort);
    // Input bound plus what was streamed, never more than 4000 × $2.50/M plus the input bound.
    expect(row.cost_dollars).toBeGreaterThan(0);
    expect(row.cost_dollars).toBeLessThanOrEqual(0.0101);
    mock.scenario = { kind: 'ok' };
  });

  it('a long prompt the byte bound would refuse is admitted once countTokens counts it, with the client’s own key', async () => {
    // 400 kB of text bounds the prompt at ~400k tokens: $0.12 at gemini-2.5-flash's $0.30/M, more than the $0.05 budget.
    await t.api('POST', '/budgets', { name: 'gm-count', max_dollars: 0.05 });
    const body = { contents: [{ role: 'user', parts: [{ text: 'word '.repeat(80_000) }] }], generationConfig: { maxOutputTokens: 100, thinkingConfig: { thinkingBudget: 0 } } };
    mock.countAnswer = null;
    mock.scenario = { kind: 'error', status: 500, googleStatus: 'INTERNAL', message: 'mock: generate must not be reached' };
    // A counter that fails leaves the byte bound: refused, and the generate call never reaches upstream.
    const countFails = mock.requests.length;
    mock.countAnswer = -1;
    const refused = await rawGenerate('gm-count', body, '?key=' + SECRET_QUERY_KEY);
    expect(refused.status).toBe(402);
    expect(mock.requests.slice(countFails).map((r) => r.url.split('?')[0])).toEqual(['/v1beta/models/gemini-2.5-flash:countTokens']);
    // A working counter: 100,000 tokens (+10% and 100 of margin) fit.
    mock.countAnswer = 100_000;
    mock.scenario = { kind: 'ok', usage: { prompt: 100_000, candidates: 10 } };
    const before = mock.requests.length;
    const admitted = await rawGenerate('gm-count', { ...body, contents: [{ role: 'user', parts: [{ text: 'other '.repeat(70_000) }] }] }, '?key=' + SECRET_QUERY_KEY);
    expect(admitted.status).toBe(200);
    const calls = mock.requests.slice(before);
    expect(calls.map((r) => r.url)).toEqual([`/v1beta/models/gemini-2.5-flash:countTokens?key=${SECRET_QUERY_KEY}`, `/v1beta/models/gemini-2.5-flash:generateContent?key=${SECRET_QUERY_KEY}`]);
    expect(calls[0].body).toMatchObject({ generateContentRequest: { model: 'models/gemini-2.5-flash', contents: body.contents.map(() => expect.any(Object)) } });
    expect(calls[0].body!.generateContentRequest).not.toHaveProperty('generationConfig');
    await settled(t);
    expect((await t.api('GET', '/budgets/gm-count/usage?limit=1')).body.items[0]).toMatchObject({ status: 'ok', input_tokens: 100_000, cost_dollars: 0.030025 });
    mock.countAnswer = null;
  });
});

describe('API keys stay out of logs and the store', () => {
  it('neither the x-goog-api-key header nor a key= query parameter is logged or stored, on any path', async () => {
    await t.api('POST', '/budgets', { name: 'gm-keys', max_dollars: 1 });
    mock.scenario = { kind: 'ok' };
    const contents = [{ role: 'user', parts: [{ text: 'x' }] }];
    expect((await rawGenerate('gm-keys', { contents }, `?key=${SECRET_QUERY_KEY}`)).status).toBe(200);
    expect((await rawGenerate('gm-keys', { contents: 'not-an-array' }, `?key=${SECRET_QUERY_KEY}`)).status).toBe(400);
    expect((await rawGenerate('gm-tiny', { contents }, `?key=${SECRET_QUERY_KEY}`)).status).toBe(402);
    const unsupported = await fetch(`${t.base}/gemini/v1beta/cachedContents?key=${SECRET_QUERY_KEY}`, { method: 'POST', headers: { 'x-goog-api-key': SECRET_HEADER_KEY }, body: '{}' });
    expect(unsupported.status).toBe(404);
    expect(await unsupported.text()).not.toContain(SECRET_QUERY_KEY);
    await settled(t);
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('');
    expect(logs).toContain('proxy request not served');
    for (const secret of [SECRET_HEADER_KEY, SECRET_QUERY_KEY]) {
      expect(logs).not.toContain(secret);
      for (const file of readdirSync(t.dataDir)) {
        if (file.startsWith('agent-budget.db')) expect(readFileSync(join(t.dataDir, file)).includes(secret)).toBe(false);
      }
    }
    const rows = (await t.api('GET', '/budgets/gm-keys/usage')).body.items;
    expect(JSON.stringify(rows)).not.toMatch(/AIzaSy/);
  });
});
