/**
 * The agent views' rollup: per source, hour, project, session, model, budget and kind of credential,
 * what the requests cost and when they ran. It is written in the same transaction as every usage row
 * it sums (settlement, log import), so the agents view reads thousands of rows instead of millions.
 * Hours (not days) keep it exact in every whole-hour time zone and make the 5-hour windows exact too:
 * a window opens and closes on the hour. In SQLite the table is its primary key (WITHOUT ROWID), so a
 * range of hours is one contiguous read.
 */
import { cacheCreationTokens } from '../usage.js';
import type { Dialect } from './migrations.js';
import type { UsageRow } from './types.js';
import { hourOf } from './usage-sql.js';

export type AgentRollupEntry = Pick<UsageRow, 'budget_id' | 'model' | 'source' | 'cost_micros' | 'usage' | 'created_at' | 'session_id' | 'project' | 'auth_kind'>;

const KEY = 'source, hour, project, session_id, model, budget_id, auth_kind';
const SUMS = ['requests', 'cost_micros', 'input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'];
const COLUMNS = `${KEY}, ${SUMS.join(', ')}, first_at, last_at`;

export const AGENT_ROLLUP_TABLE = `CREATE TABLE agent_usage_hourly (
  source TEXT NOT NULL,
  hour BIGINT NOT NULL,
  project TEXT NOT NULL,
  session_id TEXT NOT NULL,
  model TEXT NOT NULL,
  budget_id BIGINT NOT NULL,
  auth_kind TEXT NOT NULL,
  requests BIGINT NOT NULL DEFAULT 0,
  cost_micros BIGINT NOT NULL DEFAULT 0,
  input_tokens BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0,
  cache_creation_input_tokens BIGINT NOT NULL DEFAULT 0,
  cache_read_input_tokens BIGINT NOT NULL DEFAULT 0,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (${KEY})
){{without_rowid}}`;

/** Rebuilds the rollup from the usage rows (the migration that creates it, and the benchmark's store). */
export const AGENT_ROLLUP_BACKFILL = `INSERT INTO agent_usage_hourly (${COLUMNS})
  SELECT source, created_at / 3600000, COALESCE(project, ''), COALESCE(session_id, ''), model, COALESCE(budget_id, 0), COALESCE(auth_kind, ''),
    COUNT(*), SUM(cost_micros), SUM(input_tokens), SUM(output_tokens), SUM(cache_write_5m_tokens + cache_write_1h_tokens),
    SUM(cache_read_input_tokens), MIN(created_at), MAX(created_at)
  FROM usage WHERE status NOT IN ('pending', 'blocked') GROUP BY 1, 2, 3, 4, 5, 6, 7`;

const least: Record<Dialect, string> = { sqlite: 'MIN', postgres: 'LEAST' };
const greatest: Record<Dialect, string> = { sqlite: 'MAX', postgres: 'GREATEST' };

/** How a request joins its hour's row (`excluded` is the row it would have inserted). */
export const agentRollupConflict = (dialect: Dialect) => `ON CONFLICT (${KEY}) DO UPDATE SET
  ${SUMS.map((c) => `${c} = agent_usage_hourly.${c} + excluded.${c}`).join(', ')},
  first_at = ${least[dialect]}(agent_usage_hourly.first_at, excluded.first_at), last_at = ${greatest[dialect]}(agent_usage_hourly.last_at, excluded.last_at)`;

/** Adds one request (or a correction of one, with `requests` 0) to the rollup. */
export const agentRollupSql = (dialect: Dialect) => `INSERT INTO agent_usage_hourly (${COLUMNS})
  VALUES (@source, @hour, @project, @session_id, @model, @budget_id, @auth_kind, @requests, @cost_micros, @input_tokens, @output_tokens,
    @cache_creation, @cache_read, @first_at, @last_at)
  ${agentRollupConflict(dialect)}`;

/** The PostgreSQL settlement's rollup step, fed by its `u` (the settled row) and the outcome's parameters. */
export const AGENT_ROLLUP_FROM_SETTLED = `INSERT INTO agent_usage_hourly (${COLUMNS})
  SELECT u.source, u.created_at / 3600000, COALESCE(u.project, ''), COALESCE(u.session_id, ''), u.model, COALESCE(u.budget_id, 0),
    COALESCE(u.auth_kind, ''), 1, @cost::bigint, @input_tokens, @output_tokens, @cache_creation, @cache_read_input_tokens, u.created_at, u.created_at
  FROM u ${agentRollupConflict('postgres')}`;

export function agentRollupParams(entry: AgentRollupEntry, requests = 1) {
  const u = entry.usage;
  return {
    source: entry.source,
    hour: hourOf(entry.created_at),
    project: entry.project ?? '',
    session_id: entry.session_id ?? '',
    model: entry.model,
    budget_id: entry.budget_id ?? 0,
    auth_kind: entry.auth_kind ?? '',
    requests,
    cost_micros: entry.cost_micros,
    input_tokens: u.input_tokens,
    output_tokens: u.output_tokens,
    cache_creation: cacheCreationTokens(u),
    cache_read: u.cache_read_input_tokens,
    first_at: entry.created_at,
    last_at: entry.created_at,
  };
}
