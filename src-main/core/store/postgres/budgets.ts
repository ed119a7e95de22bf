/** Budget rows in PostgreSQL (statements in budget-sql.ts, shared with SQLite). */
import { AppError } from '../../errors.js';
import { periodStart } from '../../period.js';
import { budgetSql, GLOBAL_BUDGET_NAME, globalInput, insertParams, isIdRef, nameConflictOr, updateParams } from '../budget-sql.js';
import { type RawBudget, toBudget } from '../rows.js';
import type { BudgetRepo } from '../store.js';
import { hourOf } from '../usage-sql.js';
import type { BudgetInput, BudgetPatch, BudgetRow, Period } from '../types.js';
import { type PgClient, type PgPool, rows } from './pool.js';
import { inTransaction } from './transaction.js';

export class PgBudgets implements BudgetRepo {
  constructor(private readonly pool: PgPool) {}

  private async one(db: PgPool | PgClient, sql: string, params: Record<string, unknown>): Promise<BudgetRow | null> {
    const [raw] = await rows<RawBudget>(db, sql, params);
    return raw ? toBudget(raw) : null;
  }

  async find(ref: string, db: PgPool | PgClient = this.pool): Promise<BudgetRow | null> {
    const row = isIdRef(ref) ? await this.one(db, budgetSql.byId, { id: Number(ref) }) : await this.one(db, budgetSql.byName, { name: ref });
    return row && row.name !== GLOBAL_BUDGET_NAME ? row : null;
  }

  findById(id: number): Promise<BudgetRow | null> {
    return this.one(this.pool, budgetSql.byId, { id });
  }

  findGlobal(): Promise<BudgetRow | null> {
    return this.one(this.pool, budgetSql.byName, { name: GLOBAL_BUDGET_NAME });
  }

  /** Keeps the shared global-cap row in step with the settings that define it. */
  async syncGlobal(max: number | null, period: Period, timeZone: string, now: number): Promise<void> {
    if (max === null) return;
    const row = await this.findGlobal();
    if (!row) {
      try {
        const created = await this.createRow(globalInput(max, period, timeZone), now, 'global');
        await rows(this.pool, budgetSql.seedGlobalSpend, { fromHour: hourOf(created.period_start), id: created.id });
      } catch (error) {
        // Another instance created it at the same moment: set its cap below.
        if (!(error instanceof AppError)) throw error;
        return this.syncGlobal(max, period, timeZone, now);
      }
      return;
    }
    if (row.period !== period) await rows(this.pool, budgetSql.setGlobalPeriod, { period, period_start: periodStart(period, row.timezone, now), id: row.id });
    await rows(this.pool, budgetSql.setMax, { max, id: row.id });
  }

  async createRow(input: BudgetInput, now: number, kind: 'budget' | 'global' = 'budget'): Promise<BudgetRow> {
    try {
      const [raw] = await rows<RawBudget>(this.pool, budgetSql.insert, insertParams(input, now, kind));
      return toBudget(raw);
    } catch (error) {
      throw nameConflictOr(error, input.name);
    }
  }

  async list(): Promise<BudgetRow[]> {
    return (await rows<RawBudget>(this.pool, budgetSql.all)).map(toBudget);
  }

  get(ref: string): Promise<BudgetRow | null> {
    return this.find(ref);
  }

  create(input: BudgetInput, now: number): Promise<BudgetRow> {
    return this.createRow(input, now);
  }

  update(id: number, patch: BudgetPatch, now: number): Promise<BudgetRow> {
    return inTransaction(this.pool, async (client) => {
      const current = await this.one(client, `${budgetSql.byId} FOR UPDATE`, { id });
      if (!current || current.name === GLOBAL_BUDGET_NAME) throw new AppError('not_found_error', `No budget with id ${id}.`);
      const params = updateParams(current, patch, now);
      try {
        await rows(client, budgetSql.update, params);
      } catch (error) {
        throw nameConflictOr(error, params.name);
      }
      return (await this.one(client, budgetSql.byId, { id }))!;
    });
  }

  async remove(id: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const sql of budgetSql.remove) await rows(client, sql, { id });
    });
  }
}
