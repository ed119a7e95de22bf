/** The shared pricing table in PostgreSQL (statements in pricing-sql.ts). */
import type { ModelPrice } from '../../pricing/types.js';
import { pricingSql } from '../pricing-sql.js';
import type { PricingRepo } from '../store.js';
import { type PgPool, rows } from './pool.js';
import { inTransaction } from './transaction.js';

export class PgPricing implements PricingRepo {
  constructor(private readonly pool: PgPool) {}

  list(): Promise<ModelPrice[]> {
    return rows<ModelPrice>(this.pool, pricingSql.list);
  }

  async upsert(price: ModelPrice, now: number): Promise<void> {
    await rows(this.pool, pricingSql.upsert, { ...price, now });
  }

  async updatedAt(): Promise<number | null> {
    return (await rows<{ at: number | null }>(this.pool, pricingSql.updatedAt))[0].at;
  }

  async seed(prices: ModelPrice[], now: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const price of prices) await rows(client, pricingSql.seed, { ...price, now });
    });
  }
}
