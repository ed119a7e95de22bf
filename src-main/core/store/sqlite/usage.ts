/** Usage queries over the raw rows (tables) and the hourly rollup (charts, totals). */
import type { UsageRepo } from '../store.js';
import type { ActivityPoint, DayCost, ModelBreakdown, ProjectSummary, SessionSummary, TimeBucket, Totals, UsageFilter, UsageRow } from '../types.js';
import { type ExistingRecord, type ImportOutcome, importSql, insertParams, planImport } from '../import-sql.js';
import type { UsageInsert } from '../usage-insert.js';
import { HOUR_MS, usageListQuery, usageSql } from '../usage-sql.js';
import { type RawSession, type SumRow, toSession, toTotals } from '../usage-views.js';
import type { SqliteDb } from './open.js';
import { rollupWriter } from './rollup.js';
import { type RawUsage, toUsage } from '../rows.js';

export class SqliteUsage implements UsageRepo {
  private readonly rollup;

  constructor(private readonly db: SqliteDb) {
    this.rollup = rollupWriter(db);
  }

  async list(budgetId: number, filter: UsageFilter): Promise<{ items: UsageRow[]; total: number }> {
    const query = usageListQuery(budgetId, filter);
    const total = (this.db.prepare(query.count).get(query.params) as { n: number }).n;
    const items = (this.db.prepare(query.items).all(query.params) as RawUsage[]).map(toUsage);
    return { items, total };
  }

  async byModel(budgetId: number, from: number): Promise<ModelBreakdown[]> {
    return this.db.prepare(usageSql.byModel).all({ budgetId, fromHour: Math.floor(from / HOUR_MS) }) as ModelBreakdown[];
  }

  async timeseries(budgetId: number | null, bucketMs: number, from: number, to: number, offsetMs: number): Promise<TimeBucket[]> {
    const params = { budgetId, bucketMs, offsetMs, fromHour: Math.floor(from / HOUR_MS), toHour: Math.ceil(to / HOUR_MS) };
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
    return toTotals(this.db.prepare(usageSql.totals(budgetId)).get({ budgetId, fromHour: Math.floor(from / HOUR_MS) }) as SumRow);
  }

  async top(kind: 'budget' | 'model' | 'provider', from: number, limit: number): Promise<{ name: string; cost_micros: number }[]> {
    return this.db.prepare(usageSql.top(kind)).all({ fromHour: Math.floor(from / HOUR_MS), limit }) as { name: string; cost_micros: number }[];
  }

  async importSettled(rows: UsageInsert[]): Promise<ImportOutcome> {
    const run = (sql: string, params: object) => this.db.prepare(sql).run(params);
    return this.db.transaction(() => {
      const outcome: ImportOutcome = { inserted: 0, updated: 0, skipped: 0, budgetIds: [] };
      for (const row of rows) {
        const step = planImport(this.db.prepare(importSql.existing).get({ request_id: row.request_id }) as ExistingRecord | undefined, row);
        if (step.kind === 'skip') {
          outcome.skipped++;
          continue;
        }
        const budgetId = step.kind === 'update' ? step.budgetId : row.budget_id;
        const delta = step.kind === 'update' ? step.costDelta : row.cost_micros;
        if (step.kind === 'insert') run(importSql.insert, insertParams(row));
        else run(importSql.update, { ...step.usageDelta, cost_delta: step.costDelta, id: step.id });
        this.rollup(step.kind === 'insert' ? { ...row, status: 'ok' } : { ...row, status: 'ok', usage: step.usageDelta, cost_micros: step.costDelta }, step.kind === 'insert' ? 1 : 0);
        if (budgetId !== null && row.budget_period_start !== null) {
          run(importSql.rollBudget, { budget_id: budgetId, period_start: row.budget_period_start });
          run(importSql.addSpend, { budget_id: budgetId, delta, created_at: row.created_at });
          outcome.budgetIds.push(budgetId);
        }
        outcome[step.kind === 'insert' ? 'inserted' : 'updated']++;
      }
      outcome.budgetIds = [...new Set(outcome.budgetIds)];
      return outcome;
    })();
  }

  async session(sessionId: string): Promise<SessionSummary | null> {
    const row = this.db.prepare(usageSql.session('sqlite')).get({ sessionId }) as RawSession | undefined;
    return row ? toSession(row) : null;
  }

  async sessions(budgetId: number, from: number, limit: number): Promise<SessionSummary[]> {
    return (this.db.prepare(usageSql.sessions('sqlite')).all({ budgetId, from, limit }) as RawSession[]).map(toSession);
  }

  async projects(from: number, limit: number): Promise<ProjectSummary[]> {
    return this.db.prepare(usageSql.projects).all({ from, limit }) as ProjectSummary[];
  }

  async projectSessions(project: string, from: number, limit: number): Promise<SessionSummary[]> {
    return (this.db.prepare(usageSql.projectSessions('sqlite')).all({ project, from, limit }) as RawSession[]).map(toSession);
  }

  async projectDays(project: string, from: number, offsetMs: number): Promise<DayCost[]> {
    return this.db.prepare(usageSql.projectDays).all({ project, from, offsetMs }) as DayCost[];
  }

  async subscriptionActivity(from: number): Promise<ActivityPoint[]> {
    return this.db.prepare(usageSql.subscriptionActivity).all({ from }) as ActivityPoint[];
  }

  async deleteBefore(time: number): Promise<number> {
    return this.db.prepare(usageSql.deleteBefore).run({ time }).changes;
  }
}
