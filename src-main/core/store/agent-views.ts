/**
 * The agents view's figures, from the agent rollup, for either store: both run the same SQL
 * (agent-views-sql.ts) through a `Query` that binds `@name` parameters their own way.
 */
import type { Micros } from '../money.js';
import { type PageRequest, agentViewSql, type Scope, type ScopedSql, scoped, scopedByDay } from './agent-views-sql.js';
import type { Dialect } from './migrations.js';

export type { PageRequest, Scope } from './agent-views-sql.js';

export type Query = <T>(sql: string, params: Record<string, unknown>) => Promise<T[]>;

export interface SpendSums {
  requests: number;
  cost_micros: Micros;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface ScopeTotals extends SpendSums {
  sessions: number;
  projects: number;
  first_at: number | null;
  last_at: number | null;
}

export interface DayRow {
  /** Days since the epoch, in the viewer's zone. */
  day: number;
  key: string;
  requests: number;
  cost_micros: Micros;
}

export interface ProjectRow extends SpendSums {
  key: string;
  budget: string | null;
  sessions: number;
  first_at: number;
  last_at: number;
}

export interface SessionRow extends SpendSums {
  session_id: string;
  project_key: string;
  first_at: number;
  last_at: number;
}

export interface SessionModelRow {
  session_id: string;
  model: string;
  requests: number;
  cost_micros: Micros;
}

export interface ModelRow extends SpendSums {
  model: string;
  sessions: number;
  first_at: number;
  last_at: number;
}

export interface HourRow extends SpendSums {
  hour: number;
  first_at: number;
  last_at: number;
}

export interface PageOf<T> {
  items: T[];
  total: number;
  /** What all the rows (not only this page's) cost. */
  total_cost_micros: number;
}

type Counted<T> = T & { total_rows: number; total_cost_micros: number };

export class AgentViews {
  private titlesReady = false;

  constructor(
    private readonly query: Query,
    private readonly dialect: Dialect,
  ) {}

  async totals(scope: Scope): Promise<ScopeTotals> {
    const { from, params } = scopedByDay(scope, this.dialect);
    const [row] = await this.query<ScopeTotals>(agentViewSql.totals(from), params);
    return row;
  }

  daily(scope: Scope, group: 'project' | 'model', offsetMs: number): Promise<DayRow[]> {
    const { from, params } = scoped(scope);
    return this.query<DayRow>(agentViewSql.daily(from, group), { ...params, offsetMs });
  }

  projects(scope: Scope, page: PageRequest): Promise<PageOf<ProjectRow>> {
    return this.paged(scopedByDay(scope, this.dialect), page, agentViewSql.projects, agentViewSql.projectCount);
  }

  sessions(scope: Scope, page: PageRequest): Promise<PageOf<SessionRow>> {
    return this.paged(scopedByDay(scope, this.dialect), page, agentViewSql.sessions, agentViewSql.sessionCount);
  }

  models(scope: Scope, page: PageRequest): Promise<PageOf<ModelRow>> {
    return this.paged(scoped(scope), page, agentViewSql.models, agentViewSql.modelCount);
  }

  async sessionModels(scope: Scope, sessionIds: string[]): Promise<SessionModelRow[]> {
    if (sessionIds.length === 0) return [];
    const { from, params } = scoped(scope, { bySession: true });
    return this.query<SessionModelRow>(agentViewSql.sessionModels(from, this.dialect), { ...params, ids: JSON.stringify(sessionIds) });
  }

  hours(scope: Scope): Promise<HourRow[]> {
    const { from, params } = scoped(scope);
    return this.query<HourRow>(agentViewSql.hours(from), params);
  }

  /**
   * Titles the agent's own logs gave its sessions (issue 21's `agent_sessions` table). Until a store
   * has that table, sessions are known by id alone: an empty map, not an error.
   */
  async sessionTitles(agent: string, sessionIds: string[]): Promise<Map<string, string>> {
    if (sessionIds.length === 0 || !(await this.hasTitles())) return new Map();
    const found = await this.query<{ session_id: string; title: string }>(agentViewSql.sessionTitles(this.dialect), { agent, ids: JSON.stringify(sessionIds) });
    return new Map(found.map((row) => [row.session_id, row.title]));
  }

  private async hasTitles(): Promise<boolean> {
    // Once there, the table stays; until then it is looked for again, so it is found as soon as a migration adds it.
    if (!this.titlesReady) this.titlesReady = (await this.query<{ n: number }>(agentViewSql.hasSessionTable[this.dialect], {}))[0].n > 0;
    return this.titlesReady;
  }

  private async paged<T>({ from, params }: ScopedSql, page: PageRequest, items: (from: string, page: PageRequest) => string, count: (from: string) => string): Promise<PageOf<T>> {
    const rows = await this.query<Counted<T>>(items(from, page), { ...params, limit: page.limit, offset: page.offset });
    if (rows.length > 0) {
      const { total_rows: total, total_cost_micros } = rows[0];
      return { items: rows.map(({ total_rows: _n, total_cost_micros: _c, ...row }) => row as T), total, total_cost_micros };
    }
    // A page past the end has no row to carry the count.
    const [{ n }] = await this.query<{ n: number }>(count(from), params);
    return { items: [], total: n, total_cost_micros: 0 };
  }
}
