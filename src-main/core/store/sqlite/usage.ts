/** Usage queries over the raw rows (tables) and the hourly rollup (charts, totals). */
import type { UsageRepo } from '../store.js';
import type { ModelBreakdown, SessionSummary, TimeBucket, Totals, UsageFilter, UsageRow, UsageSource } from '../types.js';
import type { AgentSessionUpsert } from '../agent-session-sql.js';
import { emptyOutcome, type ImportOutcome, importSql } from '../import-sql.js';
import type { UsageInsert } from '../usage-insert.js';
import { HOUR_MS, hourOf, usageListQuery, usageSql } from '../usage-sql.js';
import { type RawSession, type SumRow, toSession, toTotals } from '../usage-views.js';
import { type ImportSlice, SqliteImportRows } from './import-rows.js';
import type { SqliteDb } from './open.js';
import { writeTransaction } from './write-gate.js';
import { type RawUsage, toUsage } from '../rows.js';

export class SqliteUsage implements UsageRepo {
  private readonly importWhole: (rows: UsageInsert[], sessions: AgentSessionUpsert[]) => ImportSlice;

  constructor(private readonly db: SqliteDb) {
    const rows = new SqliteImportRows(db);
    this.importWhole = writeTransaction(db, (batch: UsageInsert[], sessions: AgentSessionUpsert[]) => rows.slice(batch, 0, sessions, () => false));
  }

  async list(budgetId: number, filter: UsageFilter): Promise<{ items: UsageRow[]; total: number }> {
    const query = usageListQuery(budgetId, filter);
    const total = (this.db.prepare(query.count).get(query.params) as { n: number }).n;
    const items = (this.db.prepare(query.items).all(query.params) as RawUsage[]).map(toUsage);
    return { items, total };
  }

  async byModel(budgetId: number, from: number): Promise<ModelBreakdown[]> {
    return this.db.prepare(usageSql.byModel).all({ budgetId, fromHour: hourOf(from) }) as ModelBreakdown[];
  }

  async timeseries(budgetId: number | null, bucketMs: number, from: number, to: number, offsetMs: number): Promise<TimeBucket[]> {
    const params = { budgetId, bucketMs, offsetMs, fromHour: hourOf(from), toHour: Math.ceil(to / HOUR_MS) };
    return this.db.prepare(usageSql.timeseries(budgetId)).all(params) as TimeBucket[];
  }

  async recentBlocked(limit: number): Promise<(UsageRow & { budget_name: string | null })[]> {
    const rows = this.db.prepare(usageSql.recentBlocked).all({ limit }) as RawUsage[];
    return rows.map((raw) => ({ ...toUsage(raw), budget_name: raw.budget_name as string | null }));
  }

  async inferredModels(): Promise<{ model: string; requests: number }[]> {
    return this.db.prepare(usageSql.inferredModels).all() as { model: string; requests: number }[];
  }

  async totals(budgetId: number | null, from: number): Promise<Totals> {
    return toTotals(this.db.prepare(usageSql.totals(budgetId)).get({ budgetId, fromHour: hourOf(from) }) as SumRow);
  }

  async top(kind: 'budget' | 'model' | 'provider', from: number, limit: number): Promise<{ name: string; cost_micros: number }[]> {
    return this.db.prepare(usageSql.top(kind)).all({ fromHour: hourOf(from), limit }) as { name: string; cost_micros: number }[];
  }

  async importSettled(rows: UsageInsert[], sessions: AgentSessionUpsert[] = []): Promise<ImportOutcome> {
    if (rows.length === 0 && sessions.length === 0) return emptyOutcome();
    return this.importWhole(rows, sessions).outcome;
  }

  async countBySource(source: UsageSource): Promise<number> {
    return Number((this.db.prepare(importSql.countBySource).get({ source }) as { n: number | bigint }).n);
  }

  async session(sessionId: string): Promise<SessionSummary | null> {
    const row = this.db.prepare(usageSql.session('sqlite')).get({ sessionId }) as RawSession | undefined;
    return row ? toSession(row) : null;
  }

  async sessions(budgetId: number, from: number, limit: number): Promise<SessionSummary[]> {
    return (this.db.prepare(usageSql.sessions('sqlite')).all({ budgetId, from, limit }) as RawSession[]).map(toSession);
  }


  async deleteBefore(time: number): Promise<number> {
    return this.db.prepare(usageSql.deleteBefore).run({ time }).changes;
  }
}
