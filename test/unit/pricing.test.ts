import { describe, expect, it } from 'vitest';
import { compareVersions, parseModelId, PriceBook } from '../../src-main/core/pricing/price-book.js';
import { ANTHROPIC_PRICES } from '../../src-main/core/pricing/seed-anthropic.js';
import type { ModelPrice } from '../../src-main/core/pricing/types.js';

const anthropic = new PriceBook(ANTHROPIC_PRICES);

function price(model: string, provider: ModelPrice['provider'], input: number): ModelPrice {
  return {
    model,
    provider,
    input,
    output: input * 4,
    cache_write_5m: input,
    cache_write_1h: input,
    cache_read: input / 10,
    long_context_threshold: null,
    long_context_input: null,
    long_context_output: null,
    web_search_per_use: 10_000,
    max_output_tokens: 128_000,
    source_date: '2026-11-01',
  };
}

const openai = new PriceBook(
  ['gpt-5', 'gpt-5.4', 'gpt-5-mini', 'gpt-5.4-mini', 'gpt-4.1', 'gpt-4o', 'o3', 'o4-mini'].map((model, i) => price(model, 'openai', (i + 1) * 100_000)),
);

function resolvedModel(book: PriceBook, model: string, provider: ModelPrice['provider'] = 'anthropic') {
  const found = book.resolve(model, provider);
  return found && { model: found.price.model, inferred: found.inferred };
}

describe('Anthropic seed prices', () => {
  it('holds each model once, in whole micro-dollars', () => {
    const ids = ANTHROPIC_PRICES.map((p) => p.model);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of ANTHROPIC_PRICES) {
      for (const rate of [p.input, p.output, p.cache_write_5m, p.cache_write_1h, p.cache_read]) expect(Number.isInteger(rate)).toBe(true);
    }
  });

  it('applies the published cache multipliers (Haiku 3 keeps its own rounded prices)', () => {
    for (const p of ANTHROPIC_PRICES.filter((row) => row.model !== 'claude-3-haiku-20240307')) {
      expect(p.cache_write_5m * 4).toBe(p.input * 5);
      expect(p.cache_write_1h).toBe(p.input * 2);
      expect(p.cache_read * 10).toBe(p.input);
    }
    const haiku3 = ANTHROPIC_PRICES.find((row) => row.model === 'claude-3-haiku-20240307')!;
    expect([haiku3.cache_write_5m, haiku3.cache_write_1h, haiku3.cache_read]).toEqual([300_000, 500_000, 30_000]);
  });

  it('carries the reference table prices', () => {
    const rates = (model: string) => {
      const p = ANTHROPIC_PRICES.find((row) => row.model === model)!;
      return [p.input, p.output];
    };
    expect(rates('claude-opus-5')).toEqual([5_000_000, 25_000_000]);
    expect(rates('claude-opus-4-1-20250805')).toEqual([15_000_000, 75_000_000]);
    expect(rates('claude-sonnet-5')).toEqual([2_000_000, 10_000_000]);
    expect(rates('claude-sonnet-4-5-20250929')).toEqual([3_000_000, 15_000_000]);
    expect(rates('claude-haiku-4-5')).toEqual([1_000_000, 5_000_000]);
    expect(rates('claude-3-5-haiku-20241022')).toEqual([800_000, 4_000_000]);
    expect(rates('claude-mythos-5')).toEqual([10_000_000, 50_000_000]);
  });

  it('gives the long-context tier to Sonnet 4 and 4.5 only', () => {
    const tiered = ANTHROPIC_PRICES.filter((p) => p.long_context_threshold !== null).map((p) => p.model);
    expect(tiered.sort()).toEqual(['claude-sonnet-4-0', 'claude-sonnet-4-20250514', 'claude-sonnet-4-5', 'claude-sonnet-4-5-20250929']);
    for (const model of tiered) {
      const p = ANTHROPIC_PRICES.find((row) => row.model === model)!;
      expect([p.long_context_threshold, p.long_context_input, p.long_context_output]).toEqual([200_000, 6_000_000, 22_500_000]);
    }
  });

  it('charges $0.01 per web search', () => {
    expect(new Set(ANTHROPIC_PRICES.map((p) => p.web_search_per_use))).toEqual(new Set([10_000]));
  });
});

describe('model ids', () => {
  it.each([
    ['claude-opus-4-8', 'claude-opus-4-8', 'claude-opus', [4, 8]],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5', 'claude-sonnet', [4, 5]],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku', 'claude-haiku', [3, 5]],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet', 'claude-sonnet', [3, 7]],
    ['claude-fable-5', 'claude-fable-5', 'claude-fable', [5]],
    ['gpt-5.4-mini', 'gpt-5.4-mini', 'gpt-mini', [5, 4]],
    ['gpt-4o-2024-08-06', 'gpt-4o', 'gpt-4o', []],
    ['gpt-5.1-codex', 'gpt-5.1-codex', 'gpt-codex', [5, 1]],
    ['o4-mini', 'o4-mini', 'o-mini', [4]],
    ['o3-2025-04-16', 'o3', 'o', [3]],
  ])('%s has base %s, family %s, version %j', (id, base, family, version) => {
    expect(parseModelId(id)).toEqual({ base, family, version });
  });

  it('orders versions number by number, a longer version after its prefix', () => {
    const versions = [[4, 1], [5], [4, 8], [4], [4, 5], [3, 5]];
    expect([...versions].sort(compareVersions)).toEqual([[3, 5], [4], [4, 1], [4, 5], [4, 8], [5]]);
  });
});

describe('PriceBook', () => {
  it('finds exact ids as they are', () => {
    expect(resolvedModel(anthropic, 'claude-sonnet-4-5-20250929')).toEqual({ model: 'claude-sonnet-4-5-20250929', inferred: false });
    expect(resolvedModel(anthropic, 'claude-opus-4-8')).toEqual({ model: 'claude-opus-4-8', inferred: false });
  });

  it('matches dated and -latest ids to their base model', () => {
    expect(resolvedModel(anthropic, 'claude-haiku-4-5-20991231')).toEqual({ model: 'claude-haiku-4-5', inferred: false });
    expect(resolvedModel(anthropic, 'claude-3-5-haiku-latest')).toEqual({ model: 'claude-3-5-haiku-20241022', inferred: false });
    expect(resolvedModel(anthropic, 'claude-opus-4-6-2026-02-05')).toEqual({ model: 'claude-opus-4-6', inferred: false });
  });

  it('prices an unknown model by the newest known model of its family, marked inferred', () => {
    expect(resolvedModel(anthropic, 'claude-opus-6')).toEqual({ model: 'claude-opus-5', inferred: true });
    expect(resolvedModel(anthropic, 'claude-opus-4-9-20270101')).toEqual({ model: 'claude-opus-5', inferred: true });
    expect(resolvedModel(anthropic, 'claude-sonnet-5-5')).toEqual({ model: 'claude-sonnet-5', inferred: true });
    expect(resolvedModel(anthropic, 'claude-haiku-5-5')).toEqual({ model: 'claude-haiku-4-5', inferred: true });
    expect(resolvedModel(anthropic, 'claude-3-opus-20240229')).toEqual({ model: 'claude-opus-5', inferred: true });
    expect(resolvedModel(anthropic, 'claude-mythos-5-1')).toEqual({ model: 'claude-mythos-5', inferred: true });
  });

  it('returns null for a model of no known family, or of another provider', () => {
    expect(anthropic.resolve('gemini-2.5-pro', 'anthropic')).toBeNull();
    expect(anthropic.resolve('claude-instant-1', 'anthropic')).toBeNull();
    expect(anthropic.resolve('claude-opus-5', 'openai')).toBeNull();
  });

  it('applies the same rule to OpenAI ids', () => {
    expect(resolvedModel(openai, 'gpt-5.4', 'openai')).toEqual({ model: 'gpt-5.4', inferred: false });
    expect(resolvedModel(openai, 'gpt-4o-2024-11-20', 'openai')).toEqual({ model: 'gpt-4o', inferred: false });
    expect(resolvedModel(openai, 'gpt-5.9', 'openai')).toEqual({ model: 'gpt-5.4', inferred: true });
    expect(resolvedModel(openai, 'gpt-6-mini', 'openai')).toEqual({ model: 'gpt-5.4-mini', inferred: true });
    expect(resolvedModel(openai, 'o5', 'openai')).toEqual({ model: 'o3', inferred: true });
    expect(resolvedModel(openai, 'o5-mini', 'openai')).toEqual({ model: 'o4-mini', inferred: true });
    expect(openai.resolve('gpt-4o-audio-preview', 'openai')).toBeNull();
  });
});
