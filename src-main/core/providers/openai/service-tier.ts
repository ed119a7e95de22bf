/**
 * Service tiers change the price of every token: Flex processing costs half the standard rates and
 * Priority processing twice them (openai.com/api/pricing, Flex and Priority tables, 2026).
 */
import type { ModelPrice } from '../../pricing/types.js';
import type { ServiceTier } from './request.js';

const TIER_PERCENT: Record<ServiceTier, number> = { default: 100, flex: 50, priority: 200 };

export function tierPrice(price: ModelPrice, tier: ServiceTier): ModelPrice {
  const percent = TIER_PERCENT[tier];
  if (percent === 100) return price;
  // Rounded up so a tiered price never under-bills.
  const scale = (rate: number) => Math.ceil((rate * percent) / 100);
  return {
    ...price,
    input: scale(price.input),
    output: scale(price.output),
    cache_write_5m: scale(price.cache_write_5m),
    cache_write_1h: scale(price.cache_write_1h),
    cache_read: scale(price.cache_read),
  };
}
