/** The pricing table in SQLite (statements in pricing-sql.ts). */
import type { ModelPrice } from '../../pricing/types.js';
import { pricingSql } from '../pricing-sql.js';
import type { PricingRepo } from '../store.js';
import type { SqliteDb } from './open.js';
import { gatedWrite, writeTransaction } from './write-gate.js';

export class SqlitePricing implements PricingRepo {
  constructor(private readonly db: SqliteDb) {}

  async list(): Promise<ModelPrice[]> {
    return this.db.prepare(pricingSql.list).all() as ModelPrice[];
  }

  async upsert(price: ModelPrice, now: number): Promise<void> {
    gatedWrite(this.db, () => this.db.prepare(pricingSql.upsert).run({ ...price, now }));
  }

  async updatedAt(): Promise<number | null> {
    return (this.db.prepare(pricingSql.updatedAt).get() as { at: number | null }).at;
  }

  async seed(prices: ModelPrice[], now: number): Promise<void> {
    const insert = this.db.prepare(pricingSql.seed);
    writeTransaction(this.db, () => {
      for (const price of prices) insert.run({ ...price, now });
    })();
  }
}
