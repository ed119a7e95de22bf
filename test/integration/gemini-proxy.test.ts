import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockGemini, type MockGemini } from '../helpers/mock-gemini.js';

let mock: MockGemini;
let t: TestCore;

beforeAll(async () => {
  mock = await startMockGemini();
  t = await startTestCore({ GEMINI_UPSTREAM_URL: mock.url });
  await t.api('POST', '/budgets', { name: 'gm', max_dollars: 5 });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const client = (budget = 'gm') => new GoogleGenAI({ apiKey: 'AIza-test-key', httpOptions: { baseUrl: `${t.base}/gemini`, headers: { 'X-Budget-Id': budget } } });
const lastUsage = async (budget = 'gm') => (await t.api('GET', `/budgets/${budget}/usage?limit=1`)).body.items[0];
const lastUpstream = () => mock.requests[mock.requests.length - 1];

// gemini-2.5-pro: $1.25 input, $0.125 cached, $10 output per million tokens. A 1000-token prompt of which 400
// cached, 150 answer tokens and 50 thought tokens: 600 × 1.25 + 400 × 0.125 + 200 × 10 = 750 + 50 + 2000 = 2800 per million.
const USAGE = { prompt: 1000, cached: 400, candidates: 150, thoughts: 50 };

describe('generateContent through the proxy with the real @google/genai SDK', () => {
  it('a JSON answer is relayed unchanged and settled from usageMetadata, thoughts as output, cached input at the cached rate', async () => {
    mock.scenario = { kind: 'ok', text: 'Four.', usage: USAGE };
    const response = await client().models.generateContent({ model: 'gemini-2.5-pro', contents: '2+2?', config: { maxOutputTokens: 300 } });
    expect(response.text).toBe('Four.');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 1000, cachedContentTokenCount: 400, thoughtsTokenCount: 50 });
    const upstream = lastUpstream();
    // @google/genai 3.x calls the v1 API; the Gemini CLI calls v1beta: both are proxied.
    expect(upstream.url).toBe('/v1/models/gemini-2.5-pro:generateContent');
    expect(upstream.headers['x-goog-api-key']).toBe('AIza-test-key');
    expect(upstream.headers['x-budget-id']).toBeUndefined();
    expect(upstream.body).toMatchObject({ contents: [{ role: 'user', parts: [{ text: '2+2?' }] }], generationConfig: { maxOutputTokens: 300 } });
    await settled(t);
    expect(await lastUsage()).toMatchObject({
      provider: 'gemini',
      model: 'gemini-2.5-pro',
      status: 'ok',
      input_tokens: 600,
      cache_read_input_tokens: 400,
      output_tokens: 200,
      cost_dollars: 0.0028,
      estimated: false,
      stream: false,
      // The key the Gemini CLI's log import rebuilds from the same answer, so a request counts once.
      request_id: 'gemini:gemini-2.5-pro:600:400:200',
    });
  });

  it('a streamed answer (alt=sse) reaches the SDK chunk by chunk and is settled from the last usageMetadata', async () => {
    mock.scenario = { kind: 'ok', text: 'one two three', usage: USAGE };
    const stream = await client().models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'count' });
    const texts: string[] = [];
    for await (const chunk of stream) texts.push(chunk.text ?? '');
    expect(lastUpstream().url).toBe('/v1/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    expect(texts.join('')).toContain('one two three');
    await settled(t);
    expect(await lastUsage()).toMatchObject({ status: 'ok', input_tokens: 600, cache_read_input_tokens: 400, output_tokens: 200, cost_dollars: 0.0028, stream: true });
  });

  it('the JSON-array stream (no alt=sse) is relayed byte for byte and settled, the key taken from the query', async () => {
    mock.scenario = { kind: 'ok', text: 'alpha beta gamma', usage: USAGE };
    const response = await fetch(`${t.base}/b/gm/gemini/v1beta/models/gemini-2.5-pro:streamGenerateContent?key=AIza-query-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'go' }] }] }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    const chunks = JSON.parse(text) as { candidates: { content: { parts: { text: string; thought?: boolean }[] } }[] }[];
    const answer = chunks.flatMap((c) => c.candidates[0].content.parts).filter((part) => !part.thought);
    expect(answer.map((part) => part.text).join('')).toBe('alpha beta gamma');
    expect(text).toContain('\n,\r\n');
    expect(lastUpstream().url).toBe('/v1beta/models/gemini-2.5-pro:streamGenerateContent?key=AIza-query-key');
    await settled(t);
    expect(await lastUsage()).toMatchObject({ status: 'ok', output_tokens: 200, cost_dollars: 0.0028, stream: true });
  });

  it('prompts past 200k tokens are billed at the long-context rates', async () => {
    // 250,000 prompt tokens at $2.50 and 1,000 output at $15 (gemini-2.5-pro above 200k): 625,000 + 15,000 per million.
    mock.scenario = { kind: 'ok', usage: { prompt: 250_000, cached: 0, candidates: 1_000, thoughts: 0 } };
    await client().models.generateContent({ model: 'gemini-2.5-pro', contents: 'long' });
    await settled(t);
    expect(await lastUsage()).toMatchObject({ input_tokens: 250_000, output_tokens: 1_000, cost_dollars: 0.64 });
  });

  it('Google Search grounding pays its fee per search query on Gemini 3 models', async () => {
    // gemini-3-flash-preview: 40 × $0.50 + 9 × $3 = 47 per million = $0.000047, plus 2 queries × $0.014.
    mock.scenario = { kind: 'ok', usage: { prompt: 40, candidates: 9 }, searchQueries: ['weather paris', 'weather lyon'] };
    await client().models.generateContent({ model: 'gemini-3-flash-preview', contents: 'weather?', config: { tools: [{ googleSearch: {} }] } });
    await settled(t);
    expect(await lastUsage()).toMatchObject({ web_search_requests: 2, cost_dollars: 0.028047 });
  });

  it('Gemini CLI model ids are priced: its router model and its default pro model', async () => {
    mock.scenario = { kind: 'ok', usage: { prompt: 1_000_000, candidates: 0 } };
    for (const [model, dollars] of [['gemini-3.5-flash-lite', 0.3], ['gemini-3.1-pro-preview', 4]] as const) {
      await client().models.generateContent({ model, contents: 'x' });
      await settled(t);
      expect(await lastUsage()).toMatchObject({ model, price_inferred: false, cost_dollars: dollars });
    }
  });
});

describe('other Gemini paths', () => {
  it('model lists and countTokens are forwarded unbilled', async () => {
    const { total } = (await t.api('GET', '/budgets/gm/usage')).body;
    const pager = await client().models.list();
    expect(pager.page.map((m) => m.name)).toEqual(['models/gemini-2.5-pro']);
    mock.countAnswer = 123;
    const counted = await client().models.countTokens({ model: 'gemini-2.5-pro', contents: 'hello' });
    expect(counted.totalTokens).toBe(123);
    mock.countAnswer = null;
    expect((await t.api('GET', '/budgets/gm/usage')).body.total).toBe(total);
  });

  it('other paths get a Google-shaped 404 saying what is supported, and nothing goes upstream', async () => {
    const before = mock.requests.length;
    const response = await fetch(`${t.base}/gemini/v1beta/models/gemini-2.5-pro:batchGenerateContent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 404, status: 'NOT_FOUND', message: expect.stringMatching(/:generateContent and :streamGenerateContent/) });
    expect(mock.requests.length).toBe(before);
  });

  it('a body without contents is refused with INVALID_ARGUMENT naming the field', async () => {
    const response = await fetch(`${t.base}/gemini/v1beta/models/gemini-2.5-pro:generateContent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ status: 'INVALID_ARGUMENT', message: '`contents` is required and must be an array.' });
  });

  it('an upstream error passes through with its status and Google body, and releases the reservation', async () => {
    await t.api('POST', '/budgets', { name: 'gm-err', max_dollars: 1 });
    mock.scenario = { kind: 'error', status: 400, googleStatus: 'INVALID_ARGUMENT', message: 'Invalid JSON payload received.' };
    const error = (await client('gm-err').models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('Invalid JSON payload received.');
    await settled(t);
    expect((await t.api('GET', '/budgets/gm-err')).body).toMatchObject({ spent_dollars: 0, reserved_dollars: 0 });
    mock.scenario = { kind: 'ok' };
  });

  it('stats split spend by provider, Gemini included', async () => {
    const { body } = await t.api('GET', '/stats');
    expect(body.by_provider.map((p: { provider: string }) => p.provider)).toContain('gemini');
  });
});
