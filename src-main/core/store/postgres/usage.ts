/** Usage queries in PostgreSQL (statements in usage-sql.ts, shared with SQLite). */
import { rollupParams } from '../rollup.js';
import { type RawUsage, toUsage } from '../rows.js';
import type { UsageRepo } from '../store.js';
import type { ModelBreakdown, SessionSummary, TimeBucket, Totals, UsageFilter, UsageRow } from '../types.js';
import type { UsageInsert } from '../usage-insert.js';
import { HOUR_MS, usageListQuery, usageSql } from '../usage-sql.js';
import { type RawSession, type SumRow, toSession, toTotals } from '../usage-views.js';
import { named, type PgPool, rows } from './pool.js';
import { inTransaction } from './transaction.js';

export class PgUsage implements UsageRepo {
  constructor(private readonly pool: PgPool) {}

  async list(budgetId: number, filter: UsageFilter): Promise<{ items: UsageRow[]; total: number }> {
    const query = usageListQuery(budgetId, filter);
    const [[{ n }], items] = await Promise.all([rows<{ n: number }>(this.pool, query.count, query.params), rows<RawUsage>(this.pool, query.items, query.params)]);
    return { items: items.map(toUsage), total: n };
  }

  byModel(budgetId: number, from: number): Promise<ModelBreakdown[]> {
    return rows<ModelBreakdown>(this.pool, usageSql.byModel, { budgetId, fromHour: Math.floor(from / HOUR_MS) });
  }

  timeseries(budgetId: number | null, bucketMs: number, from: number, to: number, offsetMs: number): Promise<TimeBucket[]> {
    const params = { budgetId, bucketMs, offsetMs, fromHour: Math.floor(from / HOUR_MS), toHour: Math.ceil(to / HOUR_MS) };
    return rows<TimeBucket>(this.pool, usageSql.timeseries(budgetId), params);
  }

  async recentBlocked(limit: number): Promise<(UsageRow & { budget_name: string | null })[]> {
    const raws = await rows<RawUsage>(this.pool, usageSql.recentBlocked, { limit });
    return raws.map((raw) => ({ ...toUsage(raw), budget_name: raw.budget_name as string | null }));
  }

  inferredModels(): Promise<{ model: string; requests: number }[]> {
    return rows(this.pool, usageSql.inferredModels);
  }

  async totals(budgetId: number | null, from: number): Promise<Totals> {
    const [row] = await rows<SumRow>(this.pool, usageSql.totals(budgetId), { budgetId, fromHour: Math.floor(from / HOUR_MS) });
    return toTotals(row);
  }

  top(kind: 'budget' | 'model' | 'provider', from: number, limit: number): Promise<{ name: string; cost_micros: number }[]> {
    return rows(this.pool, usageSql.top(kind), { fromHour: Math.floor(from / HOUR_MS), limit });
  }

  insertSettled(insertRows: UsageInsert[]): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      let inserted = 0;
      for (const row of insertRows) {
        if (row.request_id && (await rows(client, usageSql.requestSeen, { request_id: row.request_id })).length > 0) continue;
        await rows(client, usageSql.insertSettled, { ...row, ...row.usage, price_inferred: row.price_inferred ? 1 : 0 });
        await rows(client, usageSql.rollup, rollupParams({ ...row, status: 'ok' }));
        inserted++;
      }
      return inserted;
    });
  }

  async session(sessionId: string): Promise<SessionSummary | null> {
    const [row] = await rows<RawSession>(this.pool, usageSql.session('postgres'), { sessionId });
    return row ? toSession(row) : null;
  }

  async sessions(budgetId: number, from: number, limit: number): Promise<SessionSummary[]> {
    return (await rows<RawSession>(this.pool, usageSql.sessions('postgres'), { budgetId, from, limit })).map(toSession);
  }

  async deleteBefore(time: number): Promise<number> {
    return (await this.pool.query(named(usageSql.deleteBefore, { time }))).rowCount ?? 0;
  }
}
