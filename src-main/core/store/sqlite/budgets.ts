/** Budget rows in SQLite. Names are unique; the global cap lives in the same table as kind 'global'. */
import { AppError } from '../../errors.js';
import { periodStart } from '../../period.js';
import { budgetSql, GLOBAL_BUDGET_NAME, globalInput, insertParams, isIdRef, nameConflictOr, updateParams } from '../budget-sql.js';
import type { BudgetRepo } from '../store.js';
import { hourOf } from '../usage-sql.js';
import type { BudgetInput, BudgetPatch, BudgetRow, Period } from '../types.js';
import type { SqliteDb } from './open.js';
import { type RawBudget, toBudget } from '../rows.js';
import { gatedWrite, writeTransaction } from './write-gate.js';

export { GLOBAL_BUDGET_NAME };

/** A removed budget's requests in flight (see reservations.ts) stop holding the global cap and settle to nothing. */
const RELEASE_HOLDS = [
  `UPDATE budgets SET reserved_micros = reserved_micros - (SELECT COALESCE(SUM(reserved_micros), 0) FROM reservations
     WHERE budget_id = @id AND global_id = budgets.id) WHERE kind = 'global'`,
  'DELETE FROM reservations WHERE budget_id = @id',
];

export class SqliteBudgets implements BudgetRepo {
  private readonly byId;
  private readonly byName;
  private readonly all;
  private readonly insert;

  constructor(private readonly db: SqliteDb) {
    this.byId = db.prepare<{ id: number }, RawBudget>(budgetSql.byId);
    this.byName = db.prepare<{ name: string }, RawBudget>(budgetSql.byName);
    this.all = db.prepare<[], RawBudget>(budgetSql.all);
    this.insert = db.prepare(budgetSql.insert);
  }

  /** Synchronous lookup for use inside ledger transactions. */
  findSync(ref: string): BudgetRow | null {
    const raw = isIdRef(ref) ? this.byId.get({ id: Number(ref) }) : this.byName.get({ name: ref });
    return raw && raw.name !== GLOBAL_BUDGET_NAME ? toBudget(raw) : null;
  }

  findByIdSync(id: number): BudgetRow | null {
    const raw = this.byId.get({ id });
    return raw ? toBudget(raw) : null;
  }

  findGlobalSync(): BudgetRow | null {
    const raw = this.byName.get({ name: GLOBAL_BUDGET_NAME });
    return raw ? toBudget(raw) : null;
  }

  /** Keeps the hidden global-cap row in step with the settings that define it. */
  syncGlobal(max: number | null, period: Period, timeZone: string, now: number): void {
    if (max === null) return;
    const row = this.findGlobalSync();
    if (!row) {
      const created = this.createSync(globalInput(max, period, timeZone), now, 'global');
      this.db.prepare(budgetSql.seedGlobalSpend).run({ fromHour: hourOf(created.period_start), id: created.id });
      return;
    }
    if (row.period !== period) this.db.prepare(budgetSql.setGlobalPeriod).run({ period, period_start: periodStart(period, row.timezone, now), id: row.id });
    this.db.prepare(budgetSql.setMax).run({ max, id: row.id });
  }

  createSync(input: BudgetInput, now: number, kind: 'budget' | 'global' = 'budget'): BudgetRow {
    try {
      return toBudget(gatedWrite(this.db, () => this.insert.get(insertParams(input, now, kind))) as RawBudget);
    } catch (error) {
      throw nameConflictOr(error, input.name);
    }
  }

  async list(): Promise<BudgetRow[]> {
    return this.all.all().map(toBudget);
  }

  async get(ref: string): Promise<BudgetRow | null> {
    return this.findSync(ref);
  }

  async create(input: BudgetInput, now: number): Promise<BudgetRow> {
    return this.createSync(input, now);
  }

  async update(id: number, patch: BudgetPatch, now: number): Promise<BudgetRow> {
    const apply = writeTransaction(this.db, () => {
      const current = this.findSync(String(id));
      if (!current) throw new AppError('not_found_error', `No budget with id ${id}.`);
      const params = updateParams(current, patch, now);
      try {
        this.db.prepare(budgetSql.update).run(params);
      } catch (error) {
        throw nameConflictOr(error, params.name);
      }
      return this.findSync(String(id))!;
    });
    return apply();
  }

  async remove(id: number): Promise<void> {
    writeTransaction(this.db, () => {
      for (const sql of [...RELEASE_HOLDS, ...budgetSql.remove]) this.db.prepare(sql).run({ id });
    })();
  }
}
