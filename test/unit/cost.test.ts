import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costMicros, costPicos } from '../../src-main/core/pricing/cost.js';
import { ANTHROPIC_PRICES } from '../../src-main/core/pricing/seed-anthropic.js';
import { ZERO_USAGE, type Usage } from '../../src-main/core/usage.js';

const priceOf = (model: string) => ANTHROPIC_PRICES.find((p) => p.model === model)!;
const usage = (fields: Partial<Usage>): Usage => ({ ...ZERO_USAGE, ...fields });

describe('costMicros', () => {
  it('prices every cache tier at its own rate', () => {
    // Sonnet 4.6: 1000 in × $3 + 2000 5m-writes × $3.75 + 3000 1h-writes × $6 + 4000 reads × $0.30
    // + 500 out × $15, per million: 3,000 + 7,500 + 18,000 + 1,200 + 7,500 = 37,200 micro-dollars.
    const cost = costMicros(
      usage({ input_tokens: 1000, cache_write_5m_tokens: 2000, cache_write_1h_tokens: 3000, cache_read_input_tokens: 4000, output_tokens: 500 }),
      priceOf('claude-sonnet-4-6'),
    );
    expect(cost).toBe(37_200);
  });

  it('bills the whole request at long-context rates once the prompt passes 200K tokens', () => {
    // 150,000 in + 60,000 read = 210,000 > 200,000: 150,000 × $6 + 60,000 × $0.60 + 1,000 × $22.50,
    // per million: 900,000 + 36,000 + 22,500 = 958,500 micro-dollars.
    const long = usage({ input_tokens: 150_000, cache_read_input_tokens: 60_000, output_tokens: 1_000 });
    expect(costMicros(long, priceOf('claude-sonnet-4-5'))).toBe(958_500);
    // The same usage on Sonnet 4.6, billed flat: 450,000 + 18,000 + 15,000.
    expect(costMicros(long, priceOf('claude-sonnet-4-6'))).toBe(483_000);
  });

  it('keeps standard rates at exactly the threshold', () => {
    // 200,000 × $3 + 100 × $15 = 600,000 + 1,500.
    expect(costMicros(usage({ input_tokens: 200_000, output_tokens: 100 }), priceOf('claude-sonnet-4-5'))).toBe(601_500);
  });

  it('scales the cache rates with the long-context input rate', () => {
    // 190,000 5m-writes + 20,000 1h-writes = 210,000: 190,000 × $7.50 + 20,000 × $12 = 1,425,000 + 240,000.
    const writes = usage({ cache_write_5m_tokens: 190_000, cache_write_1h_tokens: 20_000 });
    expect(costMicros(writes, priceOf('claude-sonnet-4-5'))).toBe(1_665_000);
  });

  it('adds $0.01 per web search', () => {
    // Haiku 4.5: 100 in × $1 + 10 out × $5 per million = 150, plus 3 × 10,000.
    expect(costMicros(usage({ input_tokens: 100, output_tokens: 10, web_search_requests: 3 }), priceOf('claude-haiku-4-5'))).toBe(30_150);
  });

  it('rounds up to the next micro-dollar, once per request', () => {
    // Haiku 3: one input token is 0.25 micro-dollars; three are 0.75; both bill 1.
    expect(costPicos(usage({ input_tokens: 1 }), priceOf('claude-3-haiku-20240307'))).toBe(250_000);
    expect(costMicros(usage({ input_tokens: 1 }), priceOf('claude-3-haiku-20240307'))).toBe(1);
    expect(costMicros(usage({ input_tokens: 3 }), priceOf('claude-3-haiku-20240307'))).toBe(1);
    expect(costMicros(ZERO_USAGE, priceOf('claude-3-haiku-20240307'))).toBe(0);
  });

  it('never falls when any one count rises', () => {
    const counts = fc.nat({ max: 400_000 });
    const fields: (keyof Usage)[] = ['input_tokens', 'output_tokens', 'cache_write_5m_tokens', 'cache_write_1h_tokens', 'cache_read_input_tokens', 'web_search_requests'];
    fc.assert(
      fc.property(
        fc.constantFrom(...ANTHROPIC_PRICES),
        fc.record({
          input_tokens: counts,
          output_tokens: counts,
          cache_write_5m_tokens: counts,
          cache_write_1h_tokens: counts,
          cache_read_input_tokens: counts,
          web_search_requests: fc.nat({ max: 20 }),
        }),
        fc.constantFrom(...fields),
        fc.integer({ min: 1, max: 100_000 }),
        (price, base, field, extra) => {
          const more = { ...base, [field]: base[field] + extra };
          expect(costPicos(more, price)).toBeGreaterThan(costPicos(base, price));
          expect(Number.isSafeInteger(costPicos(more, price))).toBe(true);
        },
      ),
    );
  });
});
