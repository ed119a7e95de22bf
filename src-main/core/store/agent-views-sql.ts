/**
 * The agents view's queries over the agent rollup (agent-rollup.ts), written once for both stores.
 * A request's "project" is its working folder; the proxy's traffic without one is grouped by budget
 * (`budget:<name>`), so every row has a key the sessions query can filter by.
 */
import { HOURS_PER_DAY } from './agent-rollup.js';
import type { Dialect } from './migrations.js';

export const SPEND_SUMS = `COALESCE(SUM(h.requests), 0) AS requests, COALESCE(SUM(h.cost_micros), 0) AS cost_micros,
  COALESCE(SUM(h.input_tokens), 0) AS input_tokens, COALESCE(SUM(h.output_tokens), 0) AS output_tokens,
  COALESCE(SUM(h.cache_creation_input_tokens), 0) AS cache_creation_input_tokens, COALESCE(SUM(h.cache_read_input_tokens), 0) AS cache_read_input_tokens`;

const PROJECT_KEY = `CASE WHEN h.project <> '' THEN h.project WHEN b.name IS NOT NULL THEN 'budget:' || b.name ELSE '' END`;
const BUDGET_PREFIX = 'budget:';

export type SortColumn = 'cost' | 'requests' | 'last_at' | 'first_at';
const SORT_SQL: Record<SortColumn, string> = { cost: 'cost_micros', requests: 'requests', last_at: 'last_at', first_at: 'first_at' };

export interface Scope {
  source: string;
  fromHour: number;
  toHour: number;
  /** A project key (folder or `budget:<name>`) to keep to. */
  project?: string | null;
  /** Only requests a subscription paid for (the proxy's OAuth-token traffic). */
  subscriptionOnly?: boolean;
}

export interface PageRequest {
  sort: SortColumn;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A scope as SQL: its FROM and WHERE (over rows named `h`, joined to their budget `b`) and their parameters. */
export interface ScopedSql {
  from: string;
  params: Record<string, unknown>;
}

/** The conditions a project filter adds (on the rollup's rows, and on their budget), and its parameters. */
function projectFilter(scope: Scope) {
  if (scope.project?.startsWith(BUDGET_PREFIX)) {
    return { rows: ["h.project = ''"], budgets: ['b.name = @budget'], project: null, budget: scope.project.slice(BUDGET_PREFIX.length) };
  }
  if (scope.project !== undefined && scope.project !== null) return { rows: ['h.project = @project'], budgets: [], project: scope.project, budget: null };
  return { rows: [], budgets: [], project: null, budget: null };
}

const JOIN_BUDGETS = "LEFT JOIN budgets b ON b.id = h.budget_id AND h.project = ''";

/**
 * FROM and WHERE for a scope over the hourly rollup, and its parameters. With `bySession`, the hours
 * are a filter rather than the index: a page of sessions is found through the session index instead
 * of by reading every hour of the range (`+` keeps SQLite from choosing the hour; PostgreSQL plans by
 * its statistics either way).
 */
export function scoped(scope: Scope, { bySession = false } = {}): ScopedSql {
  const hour = bySession ? '+h.hour' : 'h.hour';
  const filter = projectFilter(scope);
  const where = ['h.source = @source', `${hour} >= @fromHour`, `${hour} < @toHour`, ...filter.rows, ...filter.budgets];
  if (scope.subscriptionOnly) where.push("h.auth_kind = 'oauth'");
  return {
    from: `FROM agent_usage_hourly h ${JOIN_BUDGETS} WHERE ${where.join(' AND ')}`,
    params: { source: scope.source, fromHour: scope.fromHour, toHour: scope.toHour, project: filter.project, budget: filter.budget },
  };
}

const SPAN_COLUMNS = 'project, session_id, budget_id, requests, cost_micros, input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens, first_at, last_at';

const LEAST: Record<Dialect, string> = { sqlite: 'MIN', postgres: 'LEAST' };
const GREATEST: Record<Dialect, string> = { sqlite: 'MAX', postgres: 'GREATEST' };

/**
 * FROM and WHERE for a scope's rows by project, session and budget (no model, hour or credential):
 * the whole UTC days inside the range from the daily rollup, as far as it holds them (agent-daily.ts),
 * and every other hour of the range from the hourly one. How far it holds them is read in the same
 * statement, so a compaction in between cannot count an hour twice. "All time" is then a year of
 * days and the last few hours instead of every hour of the year.
 */
export function scopedByDay(scope: Scope, dialect: Dialect): ScopedSql {
  const fromDay = Math.ceil(scope.fromHour / HOURS_PER_DAY);
  const toDay = Math.floor(scope.toHour / HOURS_PER_DAY);
  if (scope.subscriptionOnly || fromDay >= toDay) return scoped(scope);
  const filter = projectFilter(scope);
  const part = (table: string, range: string) =>
    `SELECT ${SPAN_COLUMNS} FROM ${table} h WHERE ${['h.source = @source', range, ...filter.rows].join(' AND ')}`;
  // One bound, so that SQLite reads only those hours (with two, it reads from the first and filters).
  const rest = `${GREATEST[dialect]}(@headEnd, ${LEAST[dialect]}((SELECT through_hour FROM agent_daily_progress), @tailStart))`;
  const parts = [
    part('agent_usage_hourly', 'h.hour >= @fromHour AND h.hour < @headEnd'),
    part('agent_usage_daily', 'h.day >= @fromDay AND h.day < @toDay'),
    part('agent_usage_hourly', `h.hour >= ${rest} AND h.hour < @toHour`),
  ];
  return {
    from: `FROM (${parts.join(' UNION ALL ')}) h ${JOIN_BUDGETS} WHERE ${[...filter.budgets, '1 = 1'].join(' AND ')}`,
    params: {
      source: scope.source, fromHour: scope.fromHour, toHour: scope.toHour, fromDay, toDay, headEnd: fromDay * HOURS_PER_DAY, tailStart: toDay * HOURS_PER_DAY,
      project: filter.project, budget: filter.budget,
    },
  };
}

/**
 * The ids of a page of sessions, bound as one JSON array (`@ids`): a statement with a parameter per
 * id costs more to build, prepare and bind than the lookup itself once a page is a thousand long.
 */
const ID_LIST: Record<Dialect, string> = {
  sqlite: 'SELECT value FROM json_each(@ids)',
  postgres: 'SELECT json_array_elements_text(CAST(@ids AS json))',
};

const orderBy = (page: PageRequest, tie: string) => `ORDER BY ${SORT_SQL[page.sort]} ${page.order === 'asc' ? 'ASC' : 'DESC'}, ${tie} LIMIT @limit OFFSET @offset`;
/** A page's rows carry the number of rows in all pages (and the cost of all of them), counted in the same pass. */
const PAGE_TOTALS = 'COUNT(*) OVER () AS total_rows, SUM(SUM(h.cost_micros)) OVER () AS total_cost_micros';

export const agentViewSql = {
  totals: (from: string) => `SELECT ${SPEND_SUMS}, COUNT(DISTINCT NULLIF(h.session_id, '')) AS sessions, COUNT(DISTINCT ${PROJECT_KEY}) AS projects,
    MIN(h.first_at) AS first_at, MAX(h.last_at) AS last_at ${from}`,
  daily: (from: string, group: 'project' | 'model') => `SELECT CAST((h.hour * 3600000 + @offsetMs) / 86400000 AS BIGINT) AS day,
    ${group === 'project' ? PROJECT_KEY : 'h.model'} AS key, SUM(h.requests) AS requests, SUM(h.cost_micros) AS cost_micros
    ${from} GROUP BY 1, 2 ORDER BY 1, 2`,
  projects: (from: string, page: PageRequest) => `SELECT ${PROJECT_KEY} AS key, MAX(b.name) AS budget, ${SPEND_SUMS}, ${PAGE_TOTALS},
    COUNT(DISTINCT NULLIF(h.session_id, '')) AS sessions, MIN(h.first_at) AS first_at, MAX(h.last_at) AS last_at
    ${from} GROUP BY 1 ${orderBy(page, 'key')}`,
  projectCount: (from: string) => `SELECT COUNT(DISTINCT ${PROJECT_KEY}) AS n ${from}`,
  sessions: (from: string, page: PageRequest) => `SELECT h.session_id AS session_id, MAX(${PROJECT_KEY}) AS project_key, ${SPEND_SUMS}, ${PAGE_TOTALS},
    MIN(h.first_at) AS first_at, MAX(h.last_at) AS last_at
    ${from} AND h.session_id <> '' GROUP BY h.session_id ${orderBy(page, 'session_id')}`,
  sessionCount: (from: string) => `SELECT COUNT(DISTINCT h.session_id) AS n ${from} AND h.session_id <> ''`,
  /** The model mix of a page of sessions (their ids in `@ids`, a JSON array). */
  sessionModels: (from: string, dialect: Dialect) => `SELECT h.session_id AS session_id, h.model AS model, SUM(h.requests) AS requests,
    SUM(h.cost_micros) AS cost_micros ${from} AND h.session_id IN (${ID_LIST[dialect]})
    GROUP BY h.session_id, h.model ORDER BY cost_micros DESC`,
  models: (from: string, page: PageRequest) => `SELECT h.model AS model, ${SPEND_SUMS}, ${PAGE_TOTALS}, COUNT(DISTINCT NULLIF(h.session_id, '')) AS sessions,
    MIN(h.first_at) AS first_at, MAX(h.last_at) AS last_at ${from} GROUP BY h.model ${orderBy(page, 'model')}`,
  modelCount: (from: string) => `SELECT COUNT(DISTINCT h.model) AS n ${from}`,
  /** Each active hour's requests, for the 5-hour windows (which open and close on the hour). */
  hours: (from: string) => `SELECT h.hour AS hour, ${SPEND_SUMS}, MIN(h.first_at) AS first_at, MAX(h.last_at) AS last_at
    ${from} GROUP BY h.hour ORDER BY h.hour`,
  /** Whether issue 21's session table (titles from the agents' own logs) exists in this store yet. */
  hasSessionTable: {
    sqlite: "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'agent_sessions'",
    postgres: "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'agent_sessions' AND table_schema = current_schema()",
  } satisfies Record<Dialect, string>,
  sessionTitles: (dialect: Dialect) =>
    `SELECT session_id, title FROM agent_sessions WHERE agent = @agent AND session_id IN (${ID_LIST[dialect]}) AND title IS NOT NULL`,
};
