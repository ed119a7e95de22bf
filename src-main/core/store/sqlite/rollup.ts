/** Adds one settled or blocked request to the hourly aggregates the dashboard charts read. */
import type { UsageRow } from '../types.js';
import { cacheCreationTokens } from '../../usage.js';
import type { SqliteDb } from './open.js';

export const HOUR_MS = 3_600_000;

export type RollupEntry = Pick<UsageRow, 'budget_id' | 'provider' | 'model' | 'source' | 'status' | 'cost_micros' | 'usage' | 'created_at'>;

export function rollupWriter(db: SqliteDb): (entry: RollupEntry) => void {
  const upsert = db.prepare(
    `INSERT INTO usage_hourly (budget_id, hour, provider, model, source, requests, blocked, cost_micros,
       input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (budget_id, hour, provider, model, source) DO UPDATE SET
       requests = requests + excluded.requests, blocked = blocked + excluded.blocked,
       cost_micros = cost_micros + excluded.cost_micros, input_tokens = input_tokens + excluded.input_tokens,
       output_tokens = output_tokens + excluded.output_tokens,
       cache_creation_input_tokens = cache_creation_input_tokens + excluded.cache_creation_input_tokens,
       cache_read_input_tokens = cache_read_input_tokens + excluded.cache_read_input_tokens`,
  );
  return (entry) => {
    const blocked = entry.status === 'blocked' ? 1 : 0;
    const u = entry.usage;
    upsert.run(
      entry.budget_id ?? 0,
      Math.floor(entry.created_at / HOUR_MS),
      entry.provider,
      entry.model,
      entry.source,
      1 - blocked,
      blocked,
      entry.cost_micros,
      u.input_tokens,
      u.output_tokens,
      cacheCreationTokens(u),
      u.cache_read_input_tokens,
    );
  };
}
