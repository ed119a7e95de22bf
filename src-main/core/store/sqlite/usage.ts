/** Usage queries over the raw rows (tables) and the hourly rollup (charts, totals). */
import type { UsageRepo } from '../store.js';
import type { ModelBreakdown, SessionSummary, TimeBucket, Totals, UsageFilter, UsageRow, UsageSource } from '../types.js';
import type { Statement } from 'better-sqlite3';
import { type AgentSessionUpsert, agentSessionSql } from '../agent-session-sql.js';
import { countImport, emptyOutcome, type ExistingRecord, type ImportOutcome, importSql, planImport, RollupBatch } from '../import-sql.js';
import type { UsageInsert } from '../usage-insert.js';
import { HOUR_MS, hourOf, usageListQuery, usageSql } from '../usage-sql.js';
import { type RawSession, type SumRow, toSession, toTotals } from '../usage-views.js';
import type { AgentDays } from './agent-days.js';
import type { SqliteDb } from './open.js';
import { type RawUsage, toUsage } from '../rows.js';

export class SqliteUsage implements UsageRepo {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: SqliteDb,
    private readonly agentDays: AgentDays,
  ) {}

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
    const existing = this.statement(importSql.existing);
    return this.db.transaction(() => {
      const outcome = emptyOutcome();
      const rollups = new RollupBatch('sqlite', this.agentDays.through);
      for (const row of rows) {
        const plan = planImport(existing.get({ request_id: row.request_id }) as ExistingRecord | undefined, row);
        if (plan.kind !== 'skip') {
          for (const { sql, params } of plan.statements) this.statement(sql).run(params);
          rollups.add(plan);
        }
        countImport(outcome, plan);
      }
      for (const { sql, params } of rollups.statements()) this.statement(sql).run(params);
      const upsertSession = this.statement(agentSessionSql.upsert);
      for (const session of sessions) upsertSession.run(session);
      return outcome;
    })();
  }

  /** Imports run the same few statements thousands of times: compiled once. */
  private statement(sql: string): Statement {
    let compiled = this.statements.get(sql);
    if (!compiled) this.statements.set(sql, (compiled = this.db.prepare(sql)));
    return compiled;
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
