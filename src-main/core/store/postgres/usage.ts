/** Usage queries in PostgreSQL (statements in usage-sql.ts, shared with SQLite). */
import { type RawUsage, toUsage } from '../rows.js';
import type { UsageRepo } from '../store.js';
import type { ModelBreakdown, SessionSummary, TimeBucket, Totals, UsageFilter, UsageRow, UsageSource } from '../types.js';
import { type AgentSessionUpsert, agentSessionSql } from '../agent-session-sql.js';
import { agentDailySql } from '../agent-daily.js';
import { countImport, emptyOutcome, type ExistingRecord, type ImportOutcome, importSql, planImport, RollupBatch } from '../import-sql.js';
import type { UsageInsert } from '../usage-insert.js';
import { HOUR_MS, hourOf, usageListQuery, usageSql } from '../usage-sql.js';
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
    return rows<ModelBreakdown>(this.pool, usageSql.byModel, { budgetId, fromHour: hourOf(from) });
  }

  timeseries(budgetId: number | null, bucketMs: number, from: number, to: number, offsetMs: number): Promise<TimeBucket[]> {
    const params = { budgetId, bucketMs, offsetMs, fromHour: hourOf(from), toHour: Math.ceil(to / HOUR_MS) };
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
    const [row] = await rows<SumRow>(this.pool, usageSql.totals(budgetId), { budgetId, fromHour: hourOf(from) });
    return toTotals(row);
  }

  top(kind: 'budget' | 'model' | 'provider', from: number, limit: number): Promise<{ name: string; cost_micros: number }[]> {
    return rows(this.pool, usageSql.top(kind), { fromHour: hourOf(from), limit });
  }

  importSettled(insertRows: UsageInsert[], sessions: AgentSessionUpsert[] = []): Promise<ImportOutcome> {
    return inTransaction(this.pool, async (client) => {
      const outcome = emptyOutcome();
      await client.query(agentDailySql.lockForWriter);
      const [{ through_hour: dailyThrough }] = await rows<{ through_hour: number }>(client, agentDailySql.through);
      const rollups = new RollupBatch('postgres', dailyThrough);
      for (const row of insertRows) {
        // Locks an existing record, so two instances importing the same file count it once.
        const [existing] = await rows<ExistingRecord>(client, `${importSql.existing} FOR UPDATE`, { request_id: row.request_id });
        const plan = planImport(existing, row);
        if (plan.kind !== 'skip') {
          for (const { sql, params } of plan.statements) await rows(client, sql, params);
          rollups.add(plan);
        }
        countImport(outcome, plan);
      }
      for (const { sql, params } of rollups.statements()) await rows(client, sql, params);
      for (const session of sessions) await rows(client, agentSessionSql.upsert, { ...session });
      return outcome;
    });
  }

  async countBySource(source: UsageSource): Promise<number> {
    const [row] = await rows<{ n: string | number }>(this.pool, importSql.countBySource, { source });
    return Number(row?.n ?? 0);
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
