/**
 * The agent views' daily rollup: the hourly one (agent-rollup.ts) summed per UTC day, project, session
 * and budget, without the model and credential. Totals, projects and sessions over long ranges read
 * it: the proxy's traffic fills every hour of a year with rows for each session and model, a sixth of
 * a million, where this has a twentieth of that.
 *
 * It takes each hour once the hour has ended, off the request path (a daily upsert in every
 * settlement was measured to cost SQLite 3–7% more CPU per settlement): a compaction adds the hours
 * before now and moves `through_hour`, the first hour it does not hold.
 * A request counted in an earlier hour (one settling after its hour was added, a log imported late)
 * is added to both rollups as it is written. So it always holds exactly the hours before
 * `through_hour`, and a view reads the hours since from the hourly rollup in the same statement.
 */
import { conflict, HOURS_PER_DAY, ROLLUP_SUMS, ROLLUP_VALUE_COLUMNS, ROLLUP_VALUES, SUM_PARAMS } from './agent-rollup.js';
import type { Dialect } from './migrations.js';

const KEY = 'source, day, project, session_id, budget_id';
const COLUMNS = `${KEY}, ${ROLLUP_VALUES}`;
const FROM_HOURLY = `source, hour / ${HOURS_PER_DAY}, project, session_id, budget_id, ${ROLLUP_SUMS.map((c) => `SUM(${c})`).join(', ')}, MIN(first_at), MAX(last_at)`;

export const AGENT_DAILY_TABLE = `CREATE TABLE agent_usage_daily (
  source TEXT NOT NULL,
  day BIGINT NOT NULL,
  project TEXT NOT NULL,
  session_id TEXT NOT NULL,
  budget_id BIGINT NOT NULL,
${ROLLUP_VALUE_COLUMNS},
  PRIMARY KEY (${KEY})
){{without_rowid}}`;

/** The migration that creates it (and the benchmark's store): every hour the hourly rollup has, and how far that is. */
export const AGENT_DAILY_BACKFILL = [
  `INSERT INTO agent_usage_daily (${COLUMNS}) SELECT ${FROM_HOURLY} FROM agent_usage_hourly GROUP BY 1, 2, 3, 4, 5`,
  'CREATE TABLE agent_daily_progress (through_hour BIGINT NOT NULL)',
  'INSERT INTO agent_daily_progress (through_hour) SELECT COALESCE(MAX(hour) + 1, 0) FROM agent_usage_hourly',
];

/** How often each store adds the hours that have ended. */
export const COMPACT_EVERY_MS = 5 * 60_000;

/**
 * Migration 11 (PostgreSQL only): a settled request's daily step, for an hour the daily rollup already
 * holds. A function, so that the settlement statement plans no second upsert it almost never runs (planning
 * one in every settlement was measured at about a tenth more time per settlement).
 *
 * No compaction can add the hour between the check and the commit, nor miss the request's hourly
 * row: a compaction locks the hourly rollup against writers (SHARE), and every writer holds its
 * ROW EXCLUSIVE lock on it from before its statement's snapshot to its commit (a settlement from
 * parsing its statement, an import from its first one). So a compaction either sees a writer's
 * hourly row, or the writer sees the hour as added and adds the row to both rollups. Writers take
 * that lock before any row lock, and a compaction waits for it only briefly, so none waits in a cycle.
 */
export const AGENT_DAILY_SETTLED_FUNCTION = `CREATE FUNCTION agent_daily_settled(p_source TEXT, p_created_at BIGINT, p_project TEXT, p_session_id TEXT, p_budget_id BIGINT,
  p_cost BIGINT, p_input BIGINT, p_output BIGINT, p_cache_creation BIGINT, p_cache_read BIGINT) RETURNS VOID LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_created_at / 3600000 < (SELECT through_hour FROM agent_daily_progress) THEN
    INSERT INTO agent_usage_daily (${COLUMNS})
    VALUES (p_source, p_created_at / 86400000, p_project, p_session_id, p_budget_id, 1, p_cost, p_input, p_output, p_cache_creation, p_cache_read,
      p_created_at, p_created_at)
    ${conflict('agent_usage_daily', KEY, 'postgres')};
  END IF;
END $$`;

export const agentDailySql = {
  through: 'SELECT through_hour FROM agent_daily_progress',
  /** PostgreSQL: an import's first statement, before it reads `through` (see AGENT_DAILY_SETTLED_FUNCTION). */
  lockForWriter: 'LOCK TABLE agent_usage_hourly IN ROW EXCLUSIVE MODE',
  /**
   * PostgreSQL: a compaction waits for the writers in flight and keeps new ones waiting until it
   * commits; for a fifth of a second at most, or it gives up until the next time.
   */
  lockForCompaction: ["SET LOCAL lock_timeout = '200ms'", 'LOCK TABLE agent_usage_hourly IN SHARE MODE'],
  /** Adds one request (or a correction of one) to its day's row; the parameters are the hourly rollup's (`agentRollupParams`). */
  upsert: (dialect: Dialect) => `INSERT INTO agent_usage_daily (${COLUMNS}) VALUES (@source, @day, @project, @session_id, @budget_id, ${SUM_PARAMS})
    ${conflict('agent_usage_daily', KEY, dialect)}`,
  /**
   * Adds the hours [@from, @to) of the hourly rollup. Its key starts with the source, so the sources
   * are found first by skipping from one to the next (a seek each), and each is then one range read
   * of those hours instead of a scan of the whole table.
   */
  compact: (dialect: Dialect) => `WITH RECURSIVE sources(source) AS (
      SELECT MIN(source) FROM agent_usage_hourly
      UNION ALL SELECT (SELECT MIN(source) FROM agent_usage_hourly WHERE source > sources.source) FROM sources WHERE sources.source IS NOT NULL
    )
    INSERT INTO agent_usage_daily (${COLUMNS})
    SELECT ${FROM_HOURLY} FROM agent_usage_hourly WHERE source IN (SELECT source FROM sources) AND hour >= @from AND hour < @to
    GROUP BY 1, 2, 3, 4, 5
    ${conflict('agent_usage_daily', KEY, dialect)}`,
  advance: 'UPDATE agent_daily_progress SET through_hour = @to',
  /**
   * The PostgreSQL settlement's daily step, fed by its `u` and the outcome's parameters: the function
   * is called only for an hour the daily rollup already holds, which a settlement almost never is in.
   */
  fromSettled: `SELECT CASE WHEN u.created_at / 3600000 < p.through_hour THEN agent_daily_settled(u.source, u.created_at, COALESCE(u.project, ''),
    COALESCE(u.session_id, ''), COALESCE(u.budget_id, 0), @cost::bigint, @input_tokens, @output_tokens, @cache_creation, @cache_read_input_tokens) END
    FROM u, agent_daily_progress p`,
};
