/** Usage queries over the raw rows (tables) and the hourly rollup (charts, totals). */
import type { UsageRepo } from '../store.js';
import type { ModelBreakdown, SessionSummary, TimeBucket, Totals, UsageFilter, UsageRow } from '../types.js';
import type { UsageInsert } from '../usage-insert.js';
import type { SqliteDb } from './open.js';
import { HOUR_MS, rollupWriter } from './rollup.js';
import { type RawUsage, toUsage } from './rows.js';

const SUMS = `COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(blocked), 0) AS blocked,
  COALESCE(SUM(input_tokens), 0) AS input_tokens, COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(cache_creation_input_tokens), 0) AS cache_creation_input_tokens,
  COALESCE(SUM(cache_read_input_tokens), 0) AS cache_read_input_tokens, COALESCE(SUM(cost_micros), 0) AS cost_micros`;

type SumRow = Omit<TimeBucket, 'start' | 'model' | 'provider'>;

const SESSION_SELECT = `SELECT u.session_id AS session_id, SUM(u.status <> 'blocked') AS requests, SUM(u.status = 'blocked') AS blocked,
  SUM(u.input_tokens) AS input_tokens, SUM(u.output_tokens) AS output_tokens,
  SUM(CASE WHEN u.status = 'pending' THEN u.reserved_micros ELSE u.cost_micros END) AS cost_micros,
  MIN(u.created_at) AS first_at, MAX(u.created_at) AS last_at, GROUP_CONCAT(DISTINCT b.name) AS budgets
  FROM usage u LEFT JOIN budgets b ON b.id = u.budget_id`;

type RawSession = Omit<SessionSummary, 'budgets'> & { budgets: string | null };

const toSession = (raw: RawSession): SessionSummary => ({ ...raw, budgets: raw.budgets ? raw.budgets.split(',') : [] });

export class SqliteUsage implements UsageRepo {
  private readonly rollup;

  constructor(private readonly db: SqliteDb) {
    this.rollup = rollupWriter(db);
  }

  async list(budgetId: number, filter: UsageFilter): Promise<{ items: UsageRow[]; total: number }> {
    const where = ["budget_id = @budgetId", "status != 'pending'"];
    if (filter.status) where.push('status = @status');
    if (filter.model) where.push('model = @model');
    if (filter.estimated !== undefined) where.push('estimated = @estimated');
    const params = { ...filter, budgetId, estimated: filter.estimated === undefined ? undefined : Number(filter.estimated) };
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM usage WHERE ${clause}`).get(params) as { n: number }).n;
    const items = this.db
      .prepare<typeof params, RawUsage>(`SELECT * FROM usage WHERE ${clause} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all(params)
      .map(toUsage);
    return { items, total };
  }

  async byModel(budgetId: number, from: number): Promise<ModelBreakdown[]> {
    return this.db
      .prepare(`SELECT model, provider, ${SUMS} FROM usage_hourly WHERE budget_id = ? AND hour >= ? GROUP BY model, provider ORDER BY cost_micros DESC`)
      .all(budgetId, Math.floor(from / HOUR_MS)) as ModelBreakdown[];
  }

  async timeseries(budgetId: number | null, bucketMs: number, from: number, to: number, offsetMs: number): Promise<TimeBucket[]> {
    const scope = budgetId === null ? '' : 'AND budget_id = @budgetId';
    const rows = this.db
      .prepare(
        `SELECT ((hour * ${HOUR_MS} + @offsetMs) / @bucketMs) * @bucketMs - @offsetMs AS start, model, provider, ${SUMS}
         FROM usage_hourly WHERE hour >= @fromHour AND hour < @toHour ${scope}
         GROUP BY start, model, provider ORDER BY start`,
      )
      .all({ budgetId, bucketMs, offsetMs, fromHour: Math.floor(from / HOUR_MS), toHour: Math.ceil(to / HOUR_MS) });
    return rows as TimeBucket[];
  }

  async recentBlocked(limit: number): Promise<(UsageRow & { budget_name: string | null })[]> {
    const rows = this.db
      .prepare<[number], RawUsage>(
        `SELECT u.*, b.name AS budget_name FROM usage u LEFT JOIN budgets b ON b.id = u.budget_id
         WHERE u.status = 'blocked' ORDER BY u.created_at DESC LIMIT ?`,
      )
      .all(limit);
    return rows.map((raw) => ({ ...toUsage(raw), budget_name: raw.budget_name as string | null }));
  }

  async inferredModels(): Promise<{ model: string; requests: number }[]> {
    return this.db.prepare('SELECT model, COUNT(*) AS requests FROM usage WHERE price_inferred = 1 GROUP BY model ORDER BY model').all() as {
      model: string;
      requests: number;
    }[];
  }

  async totals(budgetId: number | null, from: number): Promise<Totals> {
    const scope = budgetId === null ? '' : 'AND budget_id = @budgetId';
    const row = this.db.prepare(`SELECT ${SUMS} FROM usage_hourly WHERE hour >= @fromHour ${scope}`).get({ budgetId, fromHour: Math.floor(from / HOUR_MS) }) as SumRow;
    const { blocked, ...rest } = row;
    return { ...rest, blocked_requests: blocked };
  }

  async top(kind: 'budget' | 'model' | 'provider', from: number, limit: number): Promise<{ name: string; cost_micros: number }[]> {
    const sql =
      kind === 'budget'
        ? `SELECT b.name AS name, SUM(h.cost_micros) AS cost_micros FROM usage_hourly h JOIN budgets b ON b.id = h.budget_id
           WHERE h.hour >= ? GROUP BY b.name ORDER BY cost_micros DESC LIMIT ?`
        : `SELECT ${kind} AS name, SUM(cost_micros) AS cost_micros FROM usage_hourly WHERE hour >= ? GROUP BY ${kind} ORDER BY cost_micros DESC LIMIT ?`;
    return this.db.prepare(sql).all(Math.floor(from / HOUR_MS), limit) as { name: string; cost_micros: number }[];
  }

  async insertSettled(rows: UsageInsert[]): Promise<number> {
    const seen = this.db.prepare<[string], { id: number }>('SELECT id FROM usage WHERE request_id = ?');
    const insert = this.db.prepare(
      `INSERT INTO usage (budget_id, provider, model, status, cost_micros, input_tokens, output_tokens, cache_write_5m_tokens,
         cache_write_1h_tokens, cache_read_input_tokens, web_search_requests, price_inferred, request_id, session_id, project,
         auth_kind, source, created_at, settled_at)
       VALUES (@budget_id, @provider, @model, 'ok', @cost_micros, @input_tokens, @output_tokens, @cache_write_5m_tokens,
         @cache_write_1h_tokens, @cache_read_input_tokens, @web_search_requests, @price_inferred, @request_id, @session_id, @project,
         @auth_kind, @source, @created_at, @created_at)`,
    );
    return this.db.transaction(() => {
      let inserted = 0;
      for (const row of rows) {
        if (row.request_id && seen.get(row.request_id)) continue;
        insert.run({ ...row, ...row.usage, price_inferred: row.price_inferred ? 1 : 0 });
        this.rollup({ ...row, status: 'ok' });
        inserted++;
      }
      return inserted;
    })();
  }

  async session(sessionId: string): Promise<SessionSummary | null> {
    const row = this.db.prepare<[string], RawSession>(`${SESSION_SELECT} WHERE u.session_id = ? GROUP BY u.session_id`).get(sessionId);
    return row ? toSession(row) : null;
  }

  async sessions(budgetId: number, from: number, limit: number): Promise<SessionSummary[]> {
    return this.db
      .prepare<[number, number, number], RawSession>(
        `${SESSION_SELECT} WHERE u.budget_id = ? AND u.created_at >= ? AND u.session_id IS NOT NULL GROUP BY u.session_id ORDER BY cost_micros DESC LIMIT ?`,
      )
      .all(budgetId, from, limit)
      .map(toSession);
  }

  async deleteBefore(time: number): Promise<number> {
    return this.db.prepare("DELETE FROM usage WHERE created_at < ? AND status != 'pending'").run(time).changes;
  }
}
