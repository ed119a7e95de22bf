/** Budget rows in SQLite. Names are unique; the global cap lives in the same table as kind 'global'. */
import { AppError } from '../../errors.js';
import { periodStart } from '../../period.js';
import type { BudgetRepo } from '../store.js';
import type { BudgetInput, BudgetPatch, BudgetRow, Period } from '../types.js';
import type { SqliteDb } from './open.js';
import { HOUR_MS } from './rollup.js';
import { BUDGET_COLUMNS, type RawBudget, toBudget } from './rows.js';

export const GLOBAL_BUDGET_NAME = '__global__';

/** A unique-name violation becomes the 409 the API promises; anything else is passed on. */
function nameConflictOr(error: unknown, name: string): unknown {
  if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
  return new AppError('conflict_error', `A budget named '${name}' already exists.`, { fields: [{ field: 'name', message: 'already exists' }] });
}

export class SqliteBudgets implements BudgetRepo {
  private readonly byId;
  private readonly byName;
  private readonly all;
  private readonly insert;

  constructor(private readonly db: SqliteDb) {
    this.byId = db.prepare<[number], RawBudget>(`SELECT ${BUDGET_COLUMNS} FROM budgets WHERE id = ?`);
    this.byName = db.prepare<[string], RawBudget>(`SELECT ${BUDGET_COLUMNS} FROM budgets WHERE name = ?`);
    this.all = db.prepare<[], RawBudget>(`SELECT ${BUDGET_COLUMNS} FROM budgets WHERE kind = 'budget' ORDER BY name`);
    this.insert = db.prepare(
      `INSERT INTO budgets (name, kind, max_micros, period, timezone, webhook_url, clamp_max_tokens, max_session_micros, period_start, created_at)
       VALUES (@name, @kind, @max_micros, @period, @timezone, @webhook_url, @clamp, @max_session, @period_start, @now) RETURNING ${BUDGET_COLUMNS}`,
    );
  }

  /** Synchronous lookup for use inside ledger transactions. */
  findSync(ref: string): BudgetRow | null {
    const raw = /^\d+$/.test(ref) ? this.byId.get(Number(ref)) : this.byName.get(ref);
    return raw && raw.name !== GLOBAL_BUDGET_NAME ? toBudget(raw) : null;
  }

  findByIdSync(id: number): BudgetRow | null {
    const raw = this.byId.get(id);
    return raw ? toBudget(raw) : null;
  }

  findGlobalSync(): BudgetRow | null {
    const raw = this.byName.get(GLOBAL_BUDGET_NAME);
    return raw ? toBudget(raw) : null;
  }

  /** Keeps the hidden global-cap row in step with the settings that define it. */
  syncGlobal(max: number | null, period: Period, timeZone: string, now: number): void {
    if (max === null) return;
    const row = this.findGlobalSync();
    if (!row) {
      const created = this.createSync({ name: GLOBAL_BUDGET_NAME, max_micros: max, period, timezone: timeZone, webhook_url: null, clamp_max_tokens: false }, now, 'global');
      // Spend already settled this period counts against a cap set mid-period.
      this.db
        .prepare('UPDATE budgets SET spent_micros = (SELECT COALESCE(SUM(cost_micros), 0) FROM usage_hourly WHERE hour >= ?) WHERE id = ?')
        .run(Math.floor(created.period_start / HOUR_MS), created.id);
      return;
    }
    if (row.period !== period) {
      this.db.prepare('UPDATE budgets SET period = ?, period_start = ?, spent_micros = 0 WHERE id = ?').run(period, periodStart(period, row.timezone, now), row.id);
    }
    this.db.prepare('UPDATE budgets SET max_micros = ? WHERE id = ?').run(max, row.id);
  }

  createSync(input: BudgetInput, now: number, kind: 'budget' | 'global' = 'budget'): BudgetRow {
    try {
      const raw = this.insert.get({
        ...input,
        kind,
        clamp: input.clamp_max_tokens ? 1 : 0,
        max_session: input.max_session_micros ?? null,
        period_start: periodStart(input.period, input.timezone, now),
        now,
      }) as RawBudget;
      return toBudget(raw);
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
    const apply = this.db.transaction(() => {
      const current = this.findSync(String(id));
      if (!current) throw new AppError('not_found_error', `No budget with id ${id}.`);
      const next = { ...current, ...patch };
      // A new period rule or zone starts counting from the period that contains now.
      const rePeriod = next.period !== current.period || next.timezone !== current.timezone;
      const start = rePeriod ? periodStart(next.period, next.timezone, now) : current.period_start;
      try {
        this.db
          .prepare(
            `UPDATE budgets SET name = ?, max_micros = ?, period = ?, timezone = ?, webhook_url = ?, clamp_max_tokens = ?,
               max_session_micros = ?, period_start = ?, spent_micros = CASE WHEN ? THEN 0 ELSE spent_micros END WHERE id = ?`,
          )
          .run(next.name, next.max_micros, next.period, next.timezone, next.webhook_url, next.clamp_max_tokens ? 1 : 0, next.max_session_micros ?? null, start, rePeriod ? 1 : 0, id);
      } catch (error) {
        throw nameConflictOr(error, next.name);
      }
      return this.findSync(String(id))!;
    });
    return apply();
  }

  async remove(id: number): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM usage WHERE budget_id = ?').run(id);
      this.db.prepare('DELETE FROM usage_hourly WHERE budget_id = ?').run(id);
      this.db.prepare('DELETE FROM alert_deliveries WHERE budget_id = ?').run(id);
      this.db.prepare('DELETE FROM alerts WHERE budget_id = ?').run(id);
      this.db.prepare('DELETE FROM budgets WHERE id = ?').run(id);
    })();
  }
}
