/**
 * Recording requests that arrive already settled (Claude Code's logs), shared by both stores. A
 * request is counted once: a proxy record of the same Anthropic request id wins, and a later copy
 * of a logged request with more output replaces the earlier one (its difference is what is added).
 */
import type { Usage } from '../usage.js';
import type { UsageInsert } from './usage-insert.js';

export interface ImportOutcome {
  inserted: number;
  updated: number;
  /** Already counted: by the proxy, or by an earlier copy with as much output. */
  skipped: number;
  /** Budgets whose spend changed. */
  budgetIds: number[];
}

export interface ExistingRecord {
  id: number;
  source: string;
  budget_id: number | null;
  cost_micros: number;
  input_tokens: number;
  output_tokens: number;
  cache_write_5m_tokens: number;
  cache_write_1h_tokens: number;
  cache_read_input_tokens: number;
  web_search_requests: number;
}

export type ImportStep = { kind: 'insert' } | { kind: 'skip' } | { kind: 'update'; id: number; budgetId: number | null; costDelta: number; usageDelta: Usage };

export function planImport(existing: ExistingRecord | undefined, row: UsageInsert): ImportStep {
  if (!existing) return { kind: 'insert' };
  if (existing.source !== 'claude-code-logs' || row.usage.output_tokens <= existing.output_tokens) return { kind: 'skip' };
  const u = row.usage;
  return {
    kind: 'update',
    id: existing.id,
    budgetId: existing.budget_id,
    costDelta: row.cost_micros - existing.cost_micros,
    usageDelta: {
      input_tokens: u.input_tokens - existing.input_tokens,
      output_tokens: u.output_tokens - existing.output_tokens,
      cache_write_5m_tokens: u.cache_write_5m_tokens - existing.cache_write_5m_tokens,
      cache_write_1h_tokens: u.cache_write_1h_tokens - existing.cache_write_1h_tokens,
      cache_read_input_tokens: u.cache_read_input_tokens - existing.cache_read_input_tokens,
      web_search_requests: u.web_search_requests - existing.web_search_requests,
    },
  };
}

export const importSql = {
  existing: `SELECT id, source, budget_id, cost_micros, input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
    cache_read_input_tokens, web_search_requests FROM usage WHERE request_id = @request_id`,
  insert: `INSERT INTO usage (budget_id, provider, model, status, cost_micros, input_tokens, output_tokens, cache_write_5m_tokens,
      cache_write_1h_tokens, cache_read_input_tokens, web_search_requests, price_inferred, request_id, session_id, project,
      auth_kind, source, created_at, settled_at)
    VALUES (@budget_id, @provider, @model, 'ok', @cost_micros, @input_tokens, @output_tokens, @cache_write_5m_tokens,
      @cache_write_1h_tokens, @cache_read_input_tokens, @web_search_requests, @price_inferred, @request_id, @session_id, @project,
      @auth_kind, @source, @created_at, @created_at)`,
  update: `UPDATE usage SET cost_micros = cost_micros + @cost_delta, input_tokens = input_tokens + @input_tokens,
    output_tokens = output_tokens + @output_tokens, cache_write_5m_tokens = cache_write_5m_tokens + @cache_write_5m_tokens,
    cache_write_1h_tokens = cache_write_1h_tokens + @cache_write_1h_tokens,
    cache_read_input_tokens = cache_read_input_tokens + @cache_read_input_tokens,
    web_search_requests = web_search_requests + @web_search_requests WHERE id = @id`,
  /** A watched budget whose period ended starts its new one before logged spend is added. */
  rollBudget: 'UPDATE budgets SET period_start = @period_start, spent_micros = 0 WHERE id = @budget_id AND period_start < @period_start',
  /** Spend from before the budget's current period is history, not spend against its cap. */
  addSpend: 'UPDATE budgets SET spent_micros = spent_micros + @delta WHERE id = @budget_id AND period_start <= @created_at',
};

export const insertParams = (row: UsageInsert) => ({ ...row, ...row.usage, price_inferred: row.price_inferred ? 1 : 0 });
