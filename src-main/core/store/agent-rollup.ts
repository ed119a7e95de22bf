/**
 * The agent views' hourly rollup: per source, hour, project, session, model, budget and kind of
 * credential, what the requests cost and when they ran. It is written in the same transaction as every
 * usage row it sums (settlement, log import), so the agents view reads thousands of rows instead of
 * millions. Hours (not days) keep it exact in every whole-hour time zone and make the 5-hour windows
 * exact too: a window opens and closes on the hour. In SQLite the table is its primary key (WITHOUT
 * ROWID), so a range of hours is one contiguous read. Over long ranges, what needs no model or hour is
 * read from the daily rollup built from this one (agent-daily.ts).
 */
import { cacheCreationTokens } from '../usage.js';
import type { Dialect } from './migrations.js';
import type { UsageRow } from './types.js';
import { hourOf } from './usage-sql.js';

export type AgentRollupEntry = Pick<UsageRow, 'budget_id' | 'model' | 'source' | 'cost_micros' | 'usage' | 'created_at' | 'session_id' | 'project' | 'auth_kind'>;

const KEY = 'source, hour, project, session_id, model, budget_id, auth_kind';
export const ROLLUP_SUMS = ['requests', 'cost_micros', 'input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'];
/** The columns both agent rollups sum or bound, after their key. */
export const ROLLUP_VALUES = `${ROLLUP_SUMS.join(', ')}, first_at, last_at`;
const COLUMNS = `${KEY}, ${ROLLUP_VALUES}`;
export const HOURS_PER_DAY = 24;
/** Their definitions, as both tables declare them. */
export const ROLLUP_VALUE_COLUMNS = [...ROLLUP_SUMS.map((c) => `  ${c} BIGINT NOT NULL DEFAULT 0`), '  first_at BIGINT NOT NULL', '  last_at BIGINT NOT NULL'].join(',\n');

export const AGENT_ROLLUP_TABLE = `CREATE TABLE agent_usage_hourly (
  source TEXT NOT NULL,
  hour BIGINT NOT NULL,
  project TEXT NOT NULL,
  session_id TEXT NOT NULL,
  model TEXT NOT NULL,
  budget_id BIGINT NOT NULL,
  auth_kind TEXT NOT NULL,
${ROLLUP_VALUE_COLUMNS},
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

/** How a request joins its row of `table` (`excluded` is the row it would have inserted). */
export const conflict = (table: string, key: string, dialect: Dialect) => `ON CONFLICT (${key}) DO UPDATE SET
  ${ROLLUP_SUMS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')},
  first_at = ${least[dialect]}(${table}.first_at, excluded.first_at), last_at = ${greatest[dialect]}(${table}.last_at, excluded.last_at)`;

export const SUM_PARAMS = '@requests, @cost_micros, @input_tokens, @output_tokens, @cache_creation, @cache_read, @first_at, @last_at';

/** Adds one request (or a correction of one, with `requests` 0) to the rollup. */
export const agentRollupSql = (dialect: Dialect) => `INSERT INTO agent_usage_hourly (${COLUMNS})
  VALUES (@source, @hour, @project, @session_id, @model, @budget_id, @auth_kind, ${SUM_PARAMS})
  ${conflict('agent_usage_hourly', KEY, dialect)}`;

/** The PostgreSQL settlement's rollup step, fed by its `u` (the settled row) and the outcome's parameters. */
const SETTLED_SUMS = '1, @cost::bigint, @input_tokens, @output_tokens, @cache_creation, @cache_read_input_tokens, u.created_at, u.created_at';
export const AGENT_ROLLUP_FROM_SETTLED = `INSERT INTO agent_usage_hourly (${COLUMNS})
  SELECT u.source, u.created_at / 3600000, COALESCE(u.project, ''), COALESCE(u.session_id, ''), u.model, COALESCE(u.budget_id, 0),
    COALESCE(u.auth_kind, ''), ${SETTLED_SUMS}
  FROM u ${conflict('agent_usage_hourly', KEY, 'postgres')}`;

export function agentRollupParams(entry: AgentRollupEntry, requests = 1) {
  const u = entry.usage;
  const hour = hourOf(entry.created_at);
  return {
    source: entry.source,
    hour,
    day: Math.floor(hour / HOURS_PER_DAY),
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
