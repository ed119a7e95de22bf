import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worstCase } from '../../src-main/core/ledger/cost-plan.js';
import { OPENAI_PRICES } from '../../src-main/core/pricing/seed-openai.js';
import { openaiAdapter } from '../../src-main/core/providers/openai/adapter.js';
import { parseOpenAIRequest } from '../../src-main/core/providers/openai/request.js';
import { CONVERSATION_ALLOWANCE_TOKENS, IMAGE_URL_TOKENS } from '../../src-main/core/providers/openai/worst-case.js';
import { fieldOf } from '../helpers/field-of.js';
import { chatStream, responsesStream } from '../helpers/mock-openai.js';

const price = (model: string) => OPENAI_PRICES.find((p) => p.model === model)!;
const TRACKING = { price: price('gpt-4o'), maxOutputTokens: 16_384, onResponseId: () => {} };
const raw = (body: unknown) => Buffer.from(JSON.stringify(body));
const parse = (body: unknown, path = '/chat/completions') => parseOpenAIRequest(raw(body), path);

describe('OpenAI request parsing', () => {
  it('names the field at fault', () => {
    expect(fieldOf(() => parse({ messages: [] }))).toBe('model');
    expect(fieldOf(() => parse({ model: 'gpt-4o' }))).toBe('messages');
    expect(fieldOf(() => parse({ model: 'gpt-4o', messages: [], max_completion_tokens: -1 }))).toBe('max_completion_tokens');
    expect(fieldOf(() => parse({ model: 'gpt-4o', messages: [], n: 0 }))).toBe('n');
    expect(fieldOf(() => parse({ model: 'gpt-4o', messages: [], service_tier: 'gold' }))).toBe('service_tier');
    expect(fieldOf(() => parse({ model: 'gpt-4o', input: 'x', background: true }, '/responses'))).toBe('background');
    expect(fieldOf(() => parseOpenAIRequest(Buffer.from('{nope'), '/chat/completions'))).toBe('body');
  });

  it('reads the output limit from whichever field the API uses', () => {
    expect(parse({ model: 'gpt-4o', messages: [], max_tokens: 50 }).max_output_tokens).toBe(50);
    expect(parse({ model: 'gpt-4o', messages: [], max_completion_tokens: 70, max_tokens: 50 }).max_output_tokens).toBe(70);
    expect(parse({ model: 'gpt-4o', input: 'x', max_output_tokens: 90 }, '/responses').max_output_tokens).toBe(90);
    expect(parse({ model: 'gpt-4o', messages: [] }).max_output_tokens).toBeNull();
  });
});

describe('OpenAI worst case', () => {
  it('without a limit, bounds output by the model output limit from the pricing table', () => {
    const request = parse({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    const plan = openaiAdapter.plan(request, price('gpt-4o'));
    expect(plan.max_output_tokens).toBe(16_384);
    // Input: the body's bytes at $2.50/M, rounded up; output: 16,384 × $10/M = $0.16384.
    expect(worstCase(plan)).toBe(Math.ceil((request.body_bytes * 2_500_000) / 1_000_000) + 163_840);
  });

  it('adds allowances for images by URL and for a conversation the body does not hold', () => {
    const plain = parse({ model: 'gpt-4o', input: 'x', max_output_tokens: 10 }, '/responses');
    const image = parse({ model: 'gpt-4o', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://e.x/a.png' }] }], max_output_tokens: 10 }, '/responses');
    const continued = parse({ model: 'gpt-4o', input: 'x', previous_response_id: 'resp_1', max_output_tokens: 10 }, '/responses');
    const fixed = (r: typeof plain) => openaiAdapter.plan(r, price('gpt-4o')).fixed_micros;
    expect(fixed(image)).toBe(Math.ceil(((image.body_bytes + IMAGE_URL_TOKENS) * 2_500_000) / 1_000_000));
    expect(fixed(continued)).toBe(Math.ceil(((continued.body_bytes + CONVERSATION_ALLOWANCE_TOKENS) * 2_500_000) / 1_000_000));
    expect(fixed(plain)).toBe(Math.ceil(plain.body_bytes * 2.5));
  });

  it('asks for the usage chunk upstream only when the client did not, and clamps the client-chosen field', () => {
    const streaming = parse({ model: 'gpt-4o', messages: [], stream: true, max_tokens: 500 });
    expect(JSON.parse(openaiAdapter.upstreamBody(streaming, raw(streaming.body), null).toString())).toMatchObject({ stream_options: { include_usage: true } });
    const asked = parse({ model: 'gpt-4o', messages: [], stream: true, stream_options: { include_usage: true } });
    const askedRaw = raw(asked.body);
    expect(openaiAdapter.upstreamBody(asked, askedRaw, null)).toBe(askedRaw);
    expect(JSON.parse(openaiAdapter.upstreamBody(streaming, raw(streaming.body), 300).toString())).toMatchObject({ max_tokens: 300 });
  });
});

describe('OpenAI stream usage', () => {
  const usage = { input: 1200, cached: 200, output: 300, reasoning: 100, cacheWrite: 0 };
  const expected = { input_tokens: 1000, cache_read_input_tokens: 200, output_tokens: 300 };

  it('any chunking of a Chat Completions stream gives the same usage and the same bytes to the client, without the injected usage chunk', () => {
    const body = { model: 'gpt-4o', messages: [], stream: true, stream_options: { include_usage: true } };
    const stream = Buffer.from(chatStream(body, 'a b c d é', usage, 'c1').join(''));
    const withoutUsage = Buffer.from(chatStream({ ...body, stream_options: undefined }, 'a b c d é', usage, 'c1').join('').replaceAll(',"usage":null', ''));
    const request = parse({ model: 'gpt-4o', messages: [], stream: true });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const tracker = openaiAdapter.streamTracker(request, TRACKING);
        const out: Buffer[] = [];
        let start = 0;
        for (const end of [...points, stream.length]) {
          out.push(tracker.transform(stream.subarray(start, end)));
          start = end;
        }
        out.push(tracker.flush());
        expect(tracker.finalUsage()).toMatchObject(expected);
        expect(Buffer.concat(out).toString().replaceAll(',"usage":null', '')).toBe(withoutUsage.toString());
      }),
    );
  });

  it('reads Responses usage from response.completed, cache writes apart from plain input, passing every byte through', () => {
    const request = parse({ model: 'gpt-4o', input: 'x', stream: true }, '/responses');
    const stream = Buffer.from(responsesStream(request.body, 'hello there', { ...usage, cacheWrite: 150 }, 'r1').join(''));
    const tracker = openaiAdapter.streamTracker(request, TRACKING);
    const out = Buffer.concat([tracker.transform(stream.subarray(0, 100)), tracker.transform(stream.subarray(100)), tracker.flush()]);
    expect(out.equals(stream)).toBe(true);
    expect(tracker.finalUsage()).toMatchObject({ ...expected, input_tokens: 850, cache_write_5m_tokens: 150 });
  });
});
