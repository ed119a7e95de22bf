/**
 * The usage queries, written once for both stores with `@name` parameters (better-sqlite3 binds
 * them directly; the PostgreSQL store numbers them). Where the dialects differ, the function says so.
 * better-sqlite3 binds every JavaScript number as REAL, so a bucket division is cast to an integer.
 */
import type { Dialect } from './migrations.js';
import type { UsageFilter } from './types.js';

export const HOUR_MS = 3_600_000;

/** The hour index the hourly rollup is keyed by. */
export const hourOf = (time: number) => Math.floor(time / HOUR_MS);

const SUMS = `COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(blocked), 0) AS blocked,
  COALESCE(SUM(input_tokens), 0) AS input_tokens, COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(cache_creation_input_tokens), 0) AS cache_creation_input_tokens,
  COALESCE(SUM(cache_read_input_tokens), 0) AS cache_read_input_tokens, COALESCE(SUM(cost_micros), 0) AS cost_micros`;

const joinNames: Record<Dialect, string> = { sqlite: 'GROUP_CONCAT(DISTINCT b.name)', postgres: "string_agg(DISTINCT b.name, ',')" };

const SESSION_COLUMNS = 'session_id, budget_id, project, status, input_tokens, output_tokens, reserved_micros, cost_micros, created_at';

/** Usage rows with the requests still in flight, which SQLite holds apart (store/sqlite/reservations.ts). */
const withHolds: Record<Dialect, string> = {
  sqlite: `(SELECT ${SESSION_COLUMNS} FROM usage UNION ALL
    SELECT session_id, budget_id, project, 'pending', 0, 0, reserved_micros, 0, created_at FROM reservations)`,
  postgres: 'usage',
};

const sessionSelect = (dialect: Dialect) => `SELECT u.session_id AS session_id,
  SUM(CASE WHEN u.status <> 'blocked' THEN 1 ELSE 0 END) AS requests, SUM(CASE WHEN u.status = 'blocked' THEN 1 ELSE 0 END) AS blocked,
  SUM(u.input_tokens) AS input_tokens, SUM(u.output_tokens) AS output_tokens,
  SUM(CASE WHEN u.status = 'pending' THEN u.reserved_micros ELSE u.cost_micros END) AS cost_micros,
  MIN(u.created_at) AS first_at, MAX(u.created_at) AS last_at, ${joinNames[dialect]} AS budgets
  FROM ${withHolds[dialect]} u LEFT JOIN budgets b ON b.id = u.budget_id`;

/** The usage table's filter as a WHERE clause and its parameters. */
export function usageListQuery(budgetId: number, filter: UsageFilter) {
  const where = ['budget_id = @budgetId', "status <> 'pending'"];
  if (filter.status) where.push('status = @status');
  if (filter.model) where.push('model = @model');
  if (filter.estimated !== undefined) where.push('estimated = @estimated');
  const clause = where.join(' AND ');
  return {
    params: { budgetId, status: filter.status ?? null, model: filter.model ?? null, estimated: filter.estimated === undefined ? null : Number(filter.estimated), limit: filter.limit, offset: filter.offset },
    count: `SELECT COUNT(*) AS n FROM usage WHERE ${clause}`,
    items: `SELECT * FROM usage WHERE ${clause} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
  };
}

/** How a request joins its hour's existing aggregates (the same in both dialects). */
export const ROLLUP_ON_CONFLICT = `ON CONFLICT (budget_id, hour, provider, model, source) DO UPDATE SET
  requests = usage_hourly.requests + excluded.requests, blocked = usage_hourly.blocked + excluded.blocked,
  cost_micros = usage_hourly.cost_micros + excluded.cost_micros, input_tokens = usage_hourly.input_tokens + excluded.input_tokens,
  output_tokens = usage_hourly.output_tokens + excluded.output_tokens,
  cache_creation_input_tokens = usage_hourly.cache_creation_input_tokens + excluded.cache_creation_input_tokens,
  cache_read_input_tokens = usage_hourly.cache_read_input_tokens + excluded.cache_read_input_tokens`;

const scoped = (budgetId: number | null) => (budgetId === null ? '' : 'AND budget_id = @budgetId');

export const usageSql = {
  byModel: `SELECT model, provider, ${SUMS} FROM usage_hourly WHERE budget_id = @budgetId AND hour >= @fromHour
    GROUP BY model, provider ORDER BY cost_micros DESC`,
  timeseries: (budgetId: number | null) => `SELECT CAST((hour * ${HOUR_MS} + @offsetMs) / @bucketMs AS BIGINT) * @bucketMs - @offsetMs AS start, model, provider, ${SUMS}
    FROM usage_hourly WHERE hour >= @fromHour AND hour < @toHour ${scoped(budgetId)}
    GROUP BY 1, model, provider ORDER BY 1`,
  recentBlocked: `SELECT u.*, b.name AS budget_name FROM usage u LEFT JOIN budgets b ON b.id = u.budget_id
    WHERE u.status = 'blocked' ORDER BY u.created_at DESC LIMIT @limit`,
  inferredModels: 'SELECT model, COUNT(*) AS requests FROM usage WHERE price_inferred = 1 GROUP BY model ORDER BY model',
  totals: (budgetId: number | null) => `SELECT ${SUMS} FROM usage_hourly WHERE hour >= @fromHour ${scoped(budgetId)}`,
  top: (kind: 'budget' | 'model' | 'provider') =>
    kind === 'budget'
      ? `SELECT b.name AS name, SUM(h.cost_micros) AS cost_micros FROM usage_hourly h JOIN budgets b ON b.id = h.budget_id
         WHERE h.hour >= @fromHour GROUP BY b.name ORDER BY cost_micros DESC LIMIT @limit`
      : `SELECT ${kind} AS name, SUM(cost_micros) AS cost_micros FROM usage_hourly WHERE hour >= @fromHour GROUP BY ${kind} ORDER BY cost_micros DESC LIMIT @limit`,
  session: (dialect: Dialect) => `${sessionSelect(dialect)} WHERE u.session_id = @sessionId GROUP BY u.session_id`,
  sessions: (dialect: Dialect) =>
    `${sessionSelect(dialect)} WHERE u.budget_id = @budgetId AND u.created_at >= @from AND u.session_id IS NOT NULL
     GROUP BY u.session_id ORDER BY cost_micros DESC LIMIT @limit`,
  deleteBefore: "DELETE FROM usage WHERE created_at < @time AND status <> 'pending'",
  /** Adds one request to its hour's aggregates (ON CONFLICT is the same in both dialects). */
  rollup: `INSERT INTO usage_hourly (budget_id, hour, provider, model, source, requests, blocked, cost_micros,
      input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens)
    VALUES (@budget_id, @hour, @provider, @model, @source, @requests, @blocked, @cost_micros, @input_tokens, @output_tokens, @cache_creation, @cache_read)
    ${ROLLUP_ON_CONFLICT}`,
};
