/** Log requests as usage rows, priced with the same table as the proxy. */
import type { PriceBook } from '../pricing/price-book.js';
import { costMicros } from '../pricing/cost.js';
import type { UsageInsert } from '../store/usage-insert.js';
import type { AgentLogAdapter, LogRequest } from './adapter.js';

/** A priced request, not yet attributed to a budget (that needs the store's budgets, see watched-budgets.ts). */
export type PricedRow = Omit<UsageInsert, 'budget_id' | 'budget_period_start'>;

export function priceRequests(adapter: Pick<AgentLogAdapter, 'provider' | 'source'>, requests: LogRequest[], prices: PriceBook, unpriced: Set<string>): PricedRow[] {
  const rows: PricedRow[] = [];
  for (const request of requests) {
    const resolved = prices.resolve(request.model, adapter.provider);
    if (!resolved) {
      unpriced.add(request.model);
      continue;
    }
    rows.push({
      provider: adapter.provider,
      model: request.model,
      usage: request.usage,
      cost_micros: costMicros(request.usage, resolved.price),
      price_inferred: resolved.inferred,
      request_id: request.requestKey,
      session_id: request.sessionId,
      project: request.project,
      auth_kind: null,
      source: adapter.source,
      created_at: request.time,
    });
  }
  return rows;
}
