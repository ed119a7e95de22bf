/** The pricing table. Seeding adds models the table lacks and never overwrites a user's edit. */
import type { ModelPrice } from '../../pricing/types.js';
import type { PricingRepo } from '../store.js';
import type { SqliteDb } from './open.js';

const COLUMNS = `model, provider, input, output, cache_write_5m, cache_write_1h, cache_read, long_context_threshold,
  long_context_input, long_context_output, web_search_per_use, max_output_tokens, source_date`;
const VALUES = `@model, @provider, @input, @output, @cache_write_5m, @cache_write_1h, @cache_read, @long_context_threshold,
  @long_context_input, @long_context_output, @web_search_per_use, @max_output_tokens, @source_date`;

export class SqlitePricing implements PricingRepo {
  constructor(private readonly db: SqliteDb) {}

  async list(): Promise<ModelPrice[]> {
    return this.db.prepare(`SELECT ${COLUMNS} FROM pricing ORDER BY provider, model`).all() as ModelPrice[];
  }

  async upsert(price: ModelPrice, now: number): Promise<void> {
    this.db.prepare(`INSERT OR REPLACE INTO pricing (${COLUMNS}, updated_at) VALUES (${VALUES}, @now)`).run({ ...price, now });
  }

  async updatedAt(): Promise<number | null> {
    return (this.db.prepare('SELECT MAX(updated_at) AS at FROM pricing').get() as { at: number | null }).at;
  }

  async seed(prices: ModelPrice[], now: number): Promise<void> {
    const insert = this.db.prepare(`INSERT INTO pricing (${COLUMNS}, updated_at) VALUES (${VALUES}, @now) ON CONFLICT (model) DO NOTHING`);
    this.db.transaction(() => {
      for (const price of prices) insert.run({ ...price, now });
    })();
  }
}
