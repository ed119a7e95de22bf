/**
 * The agent views' rollups: per source, hour, project, session, model, budget and kind of credential,
 * what the requests cost and when they ran; and the same per UTC day without the model and credential.
 * The hourly one is written in the same transaction as every usage row it sums (settlement, log
 * import), so the agents view reads thousands of rows instead of millions. The daily one is too on a
 * shared PostgreSQL; on a single machine it takes each hour once the hour has ended, off the request
 * path (sqlite/agent-days.ts), and the views read the hours since from the hourly one.
 * Hours keep the hourly rollup exact in every whole-hour time zone and make the 5-hour windows exact
 * too: a window opens and closes on the hour. The daily one answers what needs no model or hour
 * (totals, projects, sessions) over long ranges: the proxy's traffic fills every hour of a year with
 * rows for each session and model, a sixth of a million, where the daily rollup has a twentieth of that.
 * In SQLite each table is its primary key (WITHOUT ROWID), so a range of hours or days is one contiguous read.
 */
import { cacheCreationTokens } from '../usage.js';
import type { Dialect } from './migrations.js';
import type { UsageRow } from './types.js';
import { hourOf } from './usage-sql.js';

export type AgentRollupEntry = Pick<UsageRow, 'budget_id' | 'model' | 'source' | 'cost_micros' | 'usage' | 'created_at' | 'session_id' | 'project' | 'auth_kind'>;

const KEY = 'source, hour, project, session_id, model, budget_id, auth_kind';
const DAILY_KEY = 'source, day, project, session_id, budget_id';
const SUMS = ['requests', 'cost_micros', 'input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'];
const VALUES = `${SUMS.join(', ')}, first_at, last_at`;
const COLUMNS = `${KEY}, ${VALUES}`;
const DAILY_COLUMNS = `${DAILY_KEY}, ${VALUES}`;
export const HOURS_PER_DAY = 24;

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

export const AGENT_DAILY_TABLE = `CREATE TABLE agent_usage_daily (
  source TEXT NOT NULL,
  day BIGINT NOT NULL,
  project TEXT NOT NULL,
  session_id TEXT NOT NULL,
  budget_id BIGINT NOT NULL,
  requests BIGINT NOT NULL DEFAULT 0,
  cost_micros BIGINT NOT NULL DEFAULT 0,
  input_tokens BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0,
  cache_creation_input_tokens BIGINT NOT NULL DEFAULT 0,
  cache_read_input_tokens BIGINT NOT NULL DEFAULT 0,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (${DAILY_KEY})
){{without_rowid}}`;

const DAILY_FROM_HOURLY = `source, hour / ${HOURS_PER_DAY}, project, session_id, budget_id, ${SUMS.map((c) => `SUM(${c})`).join(', ')}, MIN(first_at), MAX(last_at)`;

/** Rebuilds the daily rollup from the hourly one (the migration that creates it, and the benchmark's store). */
export const AGENT_DAILY_BACKFILL = `INSERT INTO agent_usage_daily (${DAILY_COLUMNS}) SELECT ${DAILY_FROM_HOURLY} FROM agent_usage_hourly GROUP BY 1, 2, 3, 4, 5`;

/**
 * Where a single machine's daily rollup has got to (sqlite/agent-days.ts): it holds every hour of the
 * hourly rollup before `through_hour`. Right after the backfill, that is every hour there is.
 */
export const AGENT_DAILY_PROGRESS = {
  table: 'CREATE TABLE agent_daily_progress (through_hour BIGINT NOT NULL)',
  start: 'INSERT INTO agent_daily_progress (through_hour) SELECT COALESCE(MAX(hour) + 1, 0) FROM agent_usage_hourly',
  read: 'SELECT through_hour FROM agent_daily_progress',
  advance: 'UPDATE agent_daily_progress SET through_hour = @to',
};

/** How a request joins its row of `table` (`excluded` is the row it would have inserted). */
const conflict = (table: string, key: string, dialect: Dialect) => `ON CONFLICT (${key}) DO UPDATE SET
  ${SUMS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')},
  first_at = ${least[dialect]}(${table}.first_at, excluded.first_at), last_at = ${greatest[dialect]}(${table}.last_at, excluded.last_at)`;

/**
 * Adds the hours [@from, @to) of the hourly rollup to the daily one (SQLite). Its key starts with the
 * source, so the sources are found first by skipping from one to the next (a seek each), and each is
 * then one range read of those hours instead of a scan of the whole table.
 */
export const AGENT_DAILY_COMPACT = `WITH RECURSIVE sources(source) AS (
    SELECT MIN(source) FROM agent_usage_hourly
    UNION ALL SELECT (SELECT MIN(source) FROM agent_usage_hourly WHERE source > sources.source) FROM sources WHERE sources.source IS NOT NULL
  )
  INSERT INTO agent_usage_daily (${DAILY_COLUMNS})
  SELECT ${DAILY_FROM_HOURLY} FROM agent_usage_hourly WHERE source IN (SELECT source FROM sources) AND hour >= @from AND hour < @to
  GROUP BY 1, 2, 3, 4, 5
  ${conflict('agent_usage_daily', DAILY_KEY, 'sqlite')}`;

const SUM_PARAMS = '@requests, @cost_micros, @input_tokens, @output_tokens, @cache_creation, @cache_read, @first_at, @last_at';

/** Adds one request (or a correction of one, with `requests` 0) to the hourly rollup; `agentDailySql` the same to the daily one. */
export const agentRollupSql = (dialect: Dialect) => `INSERT INTO agent_usage_hourly (${COLUMNS})
  VALUES (@source, @hour, @project, @session_id, @model, @budget_id, @auth_kind, ${SUM_PARAMS})
  ${conflict('agent_usage_hourly', KEY, dialect)}`;

export const agentDailySql = (dialect: Dialect) => `INSERT INTO agent_usage_daily (${DAILY_COLUMNS})
  VALUES (@source, @day, @project, @session_id, @budget_id, ${SUM_PARAMS})
  ${conflict('agent_usage_daily', DAILY_KEY, dialect)}`;

/** The PostgreSQL settlement's rollup steps, fed by its `u` (the settled row) and the outcome's parameters. */
const SETTLED_SUMS = '1, @cost::bigint, @input_tokens, @output_tokens, @cache_creation, @cache_read_input_tokens, u.created_at, u.created_at';
export const AGENT_ROLLUP_FROM_SETTLED = `INSERT INTO agent_usage_hourly (${COLUMNS})
  SELECT u.source, u.created_at / 3600000, COALESCE(u.project, ''), COALESCE(u.session_id, ''), u.model, COALESCE(u.budget_id, 0),
    COALESCE(u.auth_kind, ''), ${SETTLED_SUMS}
  FROM u ${conflict('agent_usage_hourly', KEY, 'postgres')}`;
export const AGENT_DAILY_FROM_SETTLED = `INSERT INTO agent_usage_daily (${DAILY_COLUMNS})
  SELECT u.source, u.created_at / 86400000, COALESCE(u.project, ''), COALESCE(u.session_id, ''), COALESCE(u.budget_id, 0), ${SETTLED_SUMS}
  FROM u ${conflict('agent_usage_daily', DAILY_KEY, 'postgres')}`;

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
