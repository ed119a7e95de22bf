/** /api/pricing: the table in dollars per million tokens, and replacing one model's prices. */
import type * as Api from '../../../src-shared/api.js';
import { dollarsToMicros, microsToDollars } from '../money.js';
import type { ModelPrice } from '../pricing/types.js';
import type { ApiContext } from './context.js';
import { contractRouter } from './contract-router.js';
import { validate } from './errors.js';
import { PricePut } from './schemas.js';

export function priceView(price: ModelPrice): Api.ModelPrice {
  const perMtok = (micros: number | null) => (micros === null ? null : microsToDollars(micros));
  return {
    model: price.model,
    provider: price.provider,
    input_per_mtok: microsToDollars(price.input),
    output_per_mtok: microsToDollars(price.output),
    cache_write_5m_per_mtok: microsToDollars(price.cache_write_5m),
    cache_write_1h_per_mtok: microsToDollars(price.cache_write_1h),
    cache_read_per_mtok: microsToDollars(price.cache_read),
    long_context_threshold: price.long_context_threshold,
    long_context_input_per_mtok: perMtok(price.long_context_input),
    long_context_output_per_mtok: perMtok(price.long_context_output),
    web_search_per_use_dollars: microsToDollars(price.web_search_per_use),
    max_output_tokens: price.max_output_tokens,
    source_date: price.source_date,
  };
}

/** Cache rates default to Anthropic's multipliers of the input price (OpenAI: no write premium). */
function fromInput(input: ReturnType<typeof PricePut.parse>, today: string): ModelPrice {
  const micros = (dollars: number) => dollarsToMicros(dollars);
  const writeFactor = input.provider === 'anthropic' ? 1 : 0;
  return {
    model: input.model,
    provider: input.provider,
    input: micros(input.input_per_mtok),
    output: micros(input.output_per_mtok),
    cache_write_5m: micros(input.cache_write_5m_per_mtok ?? input.input_per_mtok * (1 + 0.25 * writeFactor)),
    cache_write_1h: micros(input.cache_write_1h_per_mtok ?? input.input_per_mtok * (1 + writeFactor)),
    cache_read: micros(input.cache_read_per_mtok ?? input.input_per_mtok * 0.1),
    long_context_threshold: input.long_context_threshold ?? null,
    long_context_input: input.long_context_input_per_mtok == null ? null : micros(input.long_context_input_per_mtok),
    long_context_output: input.long_context_output_per_mtok == null ? null : micros(input.long_context_output_per_mtok),
    web_search_per_use: micros(input.web_search_per_use_dollars ?? 0.01),
    max_output_tokens: input.max_output_tokens ?? 64_000,
    source_date: input.source_date ?? today,
  };
}

export function pricingRoutes(ctx: ApiContext) {
  const api = contractRouter();

  api.get('/pricing', async () => {
    const [models, updatedAt, inferred] = await Promise.all([ctx.store.pricing.list(), ctx.store.pricing.updatedAt(), ctx.store.usage.inferredModels()]);
    const book = ctx.prices();
    return {
      updated_at: updatedAt === null ? null : new Date(updatedAt).toISOString(),
      models: models.map(priceView),
      inferred: inferred.map((row) => ({ ...row, priced_as: book.resolve(row.model, 'anthropic')?.price.model ?? book.resolve(row.model, 'openai')?.price.model ?? book.resolve(row.model, 'gemini')?.price.model ?? null })),
    };
  });

  api.put('/pricing', async (req) => {
    const price = fromInput(validate(PricePut, req.body), new Date(ctx.now()).toISOString().slice(0, 10));
    await ctx.store.pricing.upsert(price, ctx.now());
    await ctx.reloadPrices();
    ctx.bus.emit({ type: 'pricing' });
    return priceView(price);
  });

  return api.router;
}
