/** The price book an instance prices requests with, rebuilt whenever the store's table changes. */
import type { PricingRepo } from '../store/store.js';
import { PriceBook } from './price-book.js';

export class LivePrices {
  private constructor(
    private readonly repo: PricingRepo,
    private book: PriceBook,
    private signature: string,
  ) {}

  static async load(repo: PricingRepo): Promise<LivePrices> {
    const rows = await repo.list();
    return new LivePrices(repo, new PriceBook(rows), JSON.stringify(rows));
  }

  readonly current = (): PriceBook => this.book;

  /**
   * Re-reads the table; true when it changed. The rows themselves are compared, not a last-changed
   * time: in team mode another machine's clock may stamp an edit earlier than one already seen.
   */
  async reload(): Promise<boolean> {
    const rows = await this.repo.list();
    const signature = JSON.stringify(rows);
    if (signature === this.signature) return false;
    this.book = new PriceBook(rows);
    this.signature = signature;
    return true;
  }
}
