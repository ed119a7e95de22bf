/**
 * Settlement as one statement: the pending row takes its outcome, its budget (and the global cap)
 * give back the reservation and take the cost when still in the same period, and the hour's
 * aggregates (and the agent views' rollups) grow. `status = 'pending'` makes a repeat touch nothing.
 */
import { agentDailySql } from '../agent-daily.js';
import { AGENT_ROLLUP_FROM_SETTLED } from '../agent-rollup.js';
import { ROLLUP_ON_CONFLICT } from '../usage-sql.js';

const budgetRelease = (periodColumn: string) => `UPDATE budgets SET reserved_micros = budgets.reserved_micros - u.reserved_micros,
    spent_micros = budgets.spent_micros + CASE WHEN budgets.period_start = u.${periodColumn} THEN @cost::bigint ELSE 0 END`;

export const SETTLE_SQL = `
WITH u AS (
  UPDATE usage SET status = @status, cost_micros = @cost::bigint, input_tokens = @input_tokens, output_tokens = @output_tokens,
    cache_write_5m_tokens = @cache_write_5m_tokens, cache_write_1h_tokens = @cache_write_1h_tokens,
    cache_read_input_tokens = @cache_read_input_tokens, web_search_requests = @web_search_requests,
    estimated = @estimated, request_id = @request_id, settled_at = @now, lease_expires_at = NULL
  WHERE id = @id AND status = 'pending'
  RETURNING budget_id, global_id, reserved_micros, period_start, global_period_start, provider, model, source, created_at, session_id, project, auth_kind
), b AS (
  ${budgetRelease('period_start')} FROM u WHERE budgets.id = u.budget_id RETURNING budgets.*
), g AS (
  ${budgetRelease('global_period_start')} FROM u WHERE budgets.id = u.global_id RETURNING budgets.*
), h AS (
  INSERT INTO usage_hourly (budget_id, hour, provider, model, source, requests, blocked, cost_micros,
    input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens)
  SELECT COALESCE(u.budget_id, 0), u.created_at / 3600000, u.provider, u.model, u.source, 1, 0, @cost::bigint,
    @input_tokens, @output_tokens, @cache_creation, @cache_read_input_tokens FROM u
  ${ROLLUP_ON_CONFLICT}
), a AS (
  ${AGENT_ROLLUP_FROM_SETTLED}
)
SELECT (SELECT to_jsonb(b) FROM b) AS budget, (SELECT to_jsonb(g) FROM g) AS global, (${agentDailySql.fromSettled}) AS daily`;
