/**
 * The agents view's queries over the agent rollup (agent-rollup.ts), written once for both stores.
 * A request's "project" is its working folder; the proxy's traffic without one is grouped by budget
 * (`budget:<name>`), so every row has a key the sessions query can filter by.
 */
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

/** FROM and WHERE for a scope, and its parameters. */
export function scoped(scope: Scope) {
  const where = ['h.source = @source', 'h.hour >= @fromHour', 'h.hour < @toHour'];
  let project: string | null = null;
  let budget: string | null = null;
  if (scope.project?.startsWith(BUDGET_PREFIX)) {
    budget = scope.project.slice(BUDGET_PREFIX.length);
    where.push("h.project = ''", 'b.name = @budget');
  } else if (scope.project !== undefined && scope.project !== null) {
    project = scope.project;
    where.push('h.project = @project');
  }
  if (scope.subscriptionOnly) where.push("h.auth_kind = 'oauth'");
  return {
    from: `FROM agent_usage_hourly h LEFT JOIN budgets b ON b.id = h.budget_id AND h.project = '' WHERE ${where.join(' AND ')}`,
    params: { source: scope.source, fromHour: scope.fromHour, toHour: scope.toHour, project, budget },
  };
}

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
  /** The model mix of a page of sessions (`ids` are the names of their parameters). */
  sessionModels: (from: string, ids: string[]) => `SELECT h.session_id AS session_id, h.model AS model, SUM(h.requests) AS requests,
    SUM(h.cost_micros) AS cost_micros ${from} AND h.session_id IN (${ids.map((id) => `@${id}`).join(', ')})
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
  sessionTitles: (ids: string[]) =>
    `SELECT session_id, title FROM agent_sessions WHERE agent = @agent AND session_id IN (${ids.map((id) => `@${id}`).join(', ')}) AND title IS NOT NULL`,
};
