import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/core/errors.js';
import { GEMINI_PRICES } from '../../src-main/core/pricing/seed-gemini.js';
import { PriceBook } from '../../src-main/core/pricing/price-book.js';
import type { ModelPrice } from '../../src-main/core/pricing/types.js';
import { geminiAdapter } from '../../src-main/core/providers/gemini/adapter.js';
import { countTokensPath } from '../../src-main/core/providers/gemini/count-tokens.js';
import { parseGeminiRequest } from '../../src-main/core/providers/gemini/request.js';
import { CONTEXT_WINDOW_TOKENS, INLINE_MEDIA_TOKENS, SERVER_TOOL_RESULT_TOKENS, SERVER_TOOL_STEPS, TOOL_PROMPT_TOKENS } from '../../src-main/core/providers/gemini/worst-case.js';
import { fieldOf } from '../helpers/field-of.js';
import { geminiChunks } from '../helpers/mock-gemini.js';

const price = (model: string) => GEMINI_PRICES.find((p) => p.model === model)!;
/** What the proxy tells a stream tracker: the price, and an output bound and response-id hook Gemini's tracker does not use. */
const tracking = (p: ModelPrice) => ({ price: p, maxOutputTokens: 65_536, onResponseId: () => {} });
const raw = (body: unknown) => Buffer.from(JSON.stringify(body));
const GENERATE = '/models/gemini-2.5-flash:generateContent';
const parse = (body: unknown, path = GENERATE) => parseGeminiRequest(raw(body), path);
const contents = [{ role: 'user', parts: [{ text: 'hello' }] }];

describe('Gemini routes and request parsing', () => {
  it('meters generateContent and streamGenerateContent, forwards countTokens and model lists, refuses the rest', () => {
    expect(geminiAdapter.route('POST', '/models/gemini-2.5-pro:generateContent')).toEqual({ kind: 'metered' });
    expect(geminiAdapter.route('POST', '/models/gemini-2.5-pro:streamGenerateContent')).toEqual({ kind: 'metered' });
    expect(geminiAdapter.route('POST', '/models/gemini-2.5-pro:countTokens')).toEqual({ kind: 'forward' });
    expect(geminiAdapter.route('GET', '/models')).toEqual({ kind: 'forward' });
    expect(geminiAdapter.route('GET', '/models/gemini-2.5-pro')).toEqual({ kind: 'forward' });
    for (const [method, path] of [['GET', '/models/gemini-2.5-pro:generateContent'], ['POST', '/models/gemini-2.5-pro:batchGenerateContent'], ['POST', '/cachedContents'], ['POST', '/files'], ['POST', '/models/x:embedContent']]) {
      expect(geminiAdapter.route(method!, path!).kind).toBe('unsupported');
    }
  });

  it('takes the model and streaming from the path, and the limits from generationConfig in either spelling', () => {
    expect(parse({ contents }, '/models/gemini-3.1-pro-preview:streamGenerateContent')).toMatchObject({ model: 'gemini-3.1-pro-preview', stream: true, max_output_tokens: null, candidates: 1, thinking_budget: null });
    expect(parse({ contents, generationConfig: { maxOutputTokens: 500, candidateCount: 2, thinkingConfig: { thinkingBudget: 128 } } })).toMatchObject({ stream: false, max_output_tokens: 500, candidates: 2, thinking_budget: 128 });
    expect(parse({ contents, generation_config: { max_output_tokens: 300, thinking_config: { thinking_budget: 0 } } })).toMatchObject({ max_output_tokens: 300, thinking_budget: 0 });
    expect(parse({ contents, generationConfig: { thinkingConfig: { thinkingBudget: -1, includeThoughts: true } } }).thinking_budget).toBeNull();
  });

  it('names the field at fault', () => {
    expect(fieldOf(() => parse({}))).toBe('contents');
    expect(fieldOf(() => parse({ contents: 'hi' }))).toBe('contents');
    expect(fieldOf(() => parse({ contents, generationConfig: [] }))).toBe('generationConfig');
    expect(fieldOf(() => parse({ contents, generationConfig: { maxOutputTokens: 0 } }))).toBe('generationConfig.maxOutputTokens');
    expect(fieldOf(() => parse({ contents, generationConfig: { candidateCount: 1.5 } }))).toBe('generationConfig.candidateCount');
    expect(fieldOf(() => parse({ contents, generationConfig: { thinkingConfig: { thinkingBudget: -2 } } }))).toBe('generationConfig.thinkingConfig.thinkingBudget');
    expect(fieldOf(() => parseGeminiRequest(Buffer.from('{nope'), GENERATE))).toBe('body');
  });

  it('renders errors in Google’s shape with a status the clients do not retry for a refusal', () => {
    const refusal = geminiAdapter.renderError(new AppError('budget_exceeded', "Budget 'x' cannot cover this request"));
    expect(refusal).toEqual({
      status: 402,
      headers: { 'x-should-retry': 'false' },
      body: JSON.stringify({ error: { code: 402, message: "Budget 'x' cannot cover this request", status: 'FAILED_PRECONDITION' } }),
    });
    const invalid = JSON.parse(geminiAdapter.renderError(new AppError('invalid_request_error', 'bad', { fields: [{ field: 'contents', message: 'bad' }] })).body);
    expect(invalid.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', details: [{ fieldViolations: [{ field: 'contents', description: 'bad' }] }] });
    expect(countTokensPath('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse&key=abc')).toBe('/v1beta/models/gemini-2.5-pro:countTokens?key=abc');
    expect(countTokensPath('/v1/models/gemini-2.5-pro:generateContent')).toBe('/v1/models/gemini-2.5-pro:countTokens');
  });
});

describe('Gemini worst case', () => {
  const flash = price('gemini-2.5-flash');

  it('is the body’s bytes as input plus the output limit and the thinking budget beside it', () => {
    const body = { contents, generationConfig: { maxOutputTokens: 4000, thinkingConfig: { thinkingBudget: 2000 } } };
    const plan = geminiAdapter.plan(parse(body), flash);
    expect(plan.max_output_tokens).toBe(6000);
    expect(plan.output_picos_per_token).toBe(flash.output);
    expect(plan.fixed_micros).toBe(Math.ceil((raw(body).length * flash.input) / 1e6));
    // Clamping keeps the thinking budget and at least 1,024 tokens of answer.
    expect(plan.min_output_tokens).toBe(2000 + 1024);
  });

  it('takes the model’s output limit when thinking is dynamic or no limit is set, times the candidates', () => {
    expect(geminiAdapter.plan(parse({ contents, generationConfig: { maxOutputTokens: 1000 } }), flash).max_output_tokens).toBe(65_536);
    expect(geminiAdapter.plan(parse({ contents, generationConfig: { maxOutputTokens: 1000, thinkingConfig: { thinkingBudget: 0 } } }), flash).max_output_tokens).toBe(1000);
    expect(geminiAdapter.plan(parse({ contents, generationConfig: { candidateCount: 3 } }), flash).max_output_tokens).toBe(3 * 65_536);
  });

  it('counts inline media beyond their bytes, bounds referenced content by the context window, and prices past 200k at the long rates', () => {
    const media = { contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }, { text: 'what is this?' }] }], generationConfig: { maxOutputTokens: 10, thinkingConfig: { thinkingBudget: 0 } } };
    expect(geminiAdapter.plan(parse(media), flash).fixed_micros).toBe(Math.ceil(((raw(media).length + INLINE_MEDIA_TOKENS) * flash.input) / 1e6));
    const pro = price('gemini-2.5-pro');
    const file = { contents: [{ role: 'user', parts: [{ fileData: { mimeType: 'video/mp4', fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc' } }] }] };
    expect(geminiAdapter.plan(parse(file, '/models/gemini-2.5-pro:generateContent'), pro).fixed_micros).toBe(Math.ceil((CONTEXT_WINDOW_TOKENS * pro.long_context_input!) / 1e6));
    const cached = { contents, cachedContent: 'cachedContents/xyz' };
    const plan = geminiAdapter.plan(parse(cached, '/models/gemini-2.5-pro:generateContent'), pro);
    expect(plan.output_picos_per_token).toBe(pro.long_context_output);
  });

  it('adds server-side tool steps and their search fees: per query on Gemini 3, per grounded prompt on 2.x', () => {
    const body = { contents, tools: [{ googleSearch: {} }], generationConfig: { maxOutputTokens: 100, thinkingConfig: { thinkingBudget: 0 } } };
    const three = price('gemini-3-flash-preview');
    const input = raw(body).length + TOOL_PROMPT_TOKENS + SERVER_TOOL_STEPS * SERVER_TOOL_RESULT_TOKENS;
    expect(geminiAdapter.plan(parse(body, '/models/gemini-3-flash-preview:generateContent'), three).fixed_micros).toBe(Math.ceil((input * three.input + SERVER_TOOL_STEPS * 14_000 * 1e6) / 1e6));
    expect(geminiAdapter.plan(parse(body), flash).fixed_micros).toBe(Math.ceil((input * flash.input + 35_000 * 1e6) / 1e6));
  });

  it('a clamp lowers maxOutputTokens to what the money covers, keeping the thinking budget', () => {
    const request = parse({ contents, generationConfig: { maxOutputTokens: 8000, thinkingConfig: { thinkingBudget: 1000 }, temperature: 0.2 } });
    expect(geminiAdapter.plan(request, flash)).toMatchObject({ max_output_tokens: 9000, min_output_tokens: 2024 });
    const body = JSON.parse(geminiAdapter.upstreamBody(request, raw(request.body), 3000).toString());
    expect(body.generationConfig).toEqual({ maxOutputTokens: 2000, thinkingConfig: { thinkingBudget: 1000 }, temperature: 0.2 });
  });
});

describe('Gemini stream usage', () => {
  const request = parse({ contents }, '/models/gemini-2.5-pro:streamGenerateContent');
  const usage = { prompt: 1000, cached: 400, candidates: 150, thoughts: 50, toolUse: 20 };
  // Quotes, backslashes and brackets inside the text must not be taken for the objects' structure.
  const chunks = geminiChunks('gemini-2.5-pro', 'alpha "beta" \\"} gamma\\\\ {[delta] \u00e9t\u00e9 ', usage, 'r1', ['q1', 'q2']);
  const sse = Buffer.from(chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join(''));
  const array = Buffer.from(`[${chunks.map((c) => JSON.stringify(c, null, 2)).join('\n,\r\n')}\n]`);
  // gemini-2.5-pro counts one grounded prompt whatever the number of queries.
  const expected = { input_tokens: 620, cache_read_input_tokens: 400, output_tokens: 200, web_search_requests: 1 };

  it.each([['SSE', sse], ['JSON array', array]])('reads the final usage of a %s stream cut anywhere, passing every byte through', (_name, stream) => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
        const tracker = geminiAdapter.streamTracker(request, tracking(price('gemini-2.5-pro')));
        const out: Buffer[] = [];
        let start = 0;
        for (const end of [...[...new Set(cuts)].sort((a, b) => a - b), stream.length]) {
          out.push(tracker.transform(stream.subarray(start, end)));
          start = end;
        }
        out.push(tracker.flush());
        expect(Buffer.concat(out).equals(stream)).toBe(true);
        expect(tracker.finalUsage()).toMatchObject(expected);
      }),
    );
  });

  it.each([['SSE', sse], ['JSON array', array]])('reads a %s stream delivered one byte at a time (every cut, escapes included)', (_name, stream) => {
    const tracker = geminiAdapter.streamTracker(request, tracking(price('gemini-2.5-pro')));
    for (let i = 0; i < stream.length; i++) tracker.transform(stream.subarray(i, i + 1));
    expect(tracker.finalUsage()).toMatchObject(expected);
    expect(tracker.partialUsage().output_tokens).toBe(200);
  });

  it('a stream cut before any usage is bounded by the input bound and, while thoughts may be running, the thinking allowance', () => {
    const tracker = geminiAdapter.streamTracker(request, tracking(price('gemini-2.5-pro')));
    expect(tracker.finalUsage()).toBeNull();
    expect(tracker.partialUsage()).toMatchObject({ input_tokens: raw({ contents }).length, output_tokens: 65_536 });
    const off = parse({ contents, generationConfig: { thinkingConfig: { thinkingBudget: 0 } } }, '/models/gemini-2.5-pro:streamGenerateContent');
    const quiet = geminiAdapter.streamTracker(off, tracking(price('gemini-2.5-pro')));
    quiet.transform(Buffer.from(`data: ${JSON.stringify({ candidates: [{ content: { parts: [{ text: 'abcdefgh' }] } }] })}\r\n\r\n`));
    expect(quiet.partialUsage()).toMatchObject({ output_tokens: 4 });
  });

  it('usage in a JSON answer (or a whole JSON-array stream) is read from its last usageMetadata', () => {
    expect(geminiAdapter.usageFromJson(chunks.at(-1), request)).toMatchObject(expected);
    expect(geminiAdapter.usageFromJson(chunks, request)).toMatchObject(expected);
    expect(geminiAdapter.usageFromJson({ error: { code: 400 } }, request)).toBeNull();
  });
});

describe('Gemini pricing', () => {
  const book = new PriceBook(GEMINI_PRICES);
  const resolved = (model: string) => {
    const found = book.resolve(model, 'gemini');
    return found && { model: found.price.model, inferred: found.inferred };
  };

  it('knows the Gemini CLI’s default models and matches release suffixes to their base id', () => {
    for (const model of ['gemini-3.1-pro-preview', 'gemini-3.5-flash-lite', 'gemini-3.8-flash', 'gemini-3-flash-preview', 'gemini-2.5-pro', 'gemini-3.1-pro-preview-customtools']) {
      expect(resolved(model)).toEqual({ model, inferred: false });
    }
    expect(resolved('gemini-3.1-pro')).toEqual({ model: 'gemini-3.1-pro-preview', inferred: false });
    expect(resolved('gemini-3-flash')).toEqual({ model: 'gemini-3-flash-preview', inferred: false });
    expect(resolved('gemini-2.5-flash-preview-09-2025')).toEqual({ model: 'gemini-2.5-flash', inferred: false });
    expect(resolved('gemini-3.1-flash-lite-preview')).toEqual({ model: 'gemini-3.1-flash-lite', inferred: false });
  });

  it('prices an unknown model as the newest of its family: pro, flash or flash-lite', () => {
    expect(resolved('gemini-4-pro-preview')).toEqual({ model: 'gemini-3.1-pro-preview', inferred: true });
    expect(resolved('gemini-4-flash')).toEqual({ model: 'gemini-3.8-flash', inferred: true });
    expect(resolved('gemini-4-flash-lite')).toEqual({ model: 'gemini-3.5-flash-lite', inferred: true });
    expect(book.resolve('gemma-4-31b-it', 'gemini')).toBeNull();
  });

  it('charges the long-prompt rates on the Pro models only', () => {
    expect(price('gemini-3.1-pro-preview')).toMatchObject({ long_context_threshold: 200_000, long_context_input: 4_000_000, long_context_output: 18_000_000 });
    expect(price('gemini-3.5-flash').long_context_threshold).toBeNull();
  });
});
