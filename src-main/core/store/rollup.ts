/** One settled or blocked request as the parameters of its hourly-aggregate upsert (`usageSql.rollup`). */
import { cacheCreationTokens } from '../usage.js';
import type { UsageRow } from './types.js';
import { hourOf } from './usage-sql.js';

export type RollupEntry = Pick<UsageRow, 'budget_id' | 'provider' | 'model' | 'source' | 'status' | 'cost_micros' | 'usage' | 'created_at'>;

/** `requests` is 0 when the entry is a correction of a request already counted. */
export function rollupParams(entry: RollupEntry, requests = 1) {
  const blocked = entry.status === 'blocked' ? 1 : 0;
  const u = entry.usage;
  return {
    budget_id: entry.budget_id ?? 0,
    hour: hourOf(entry.created_at),
    provider: entry.provider,
    model: entry.model,
    source: entry.source,
    requests: requests - blocked,
    blocked,
    cost_micros: entry.cost_micros,
    input_tokens: u.input_tokens,
    output_tokens: u.output_tokens,
    cache_creation: cacheCreationTokens(u),
    cache_read: u.cache_read_input_tokens,
  };
}
