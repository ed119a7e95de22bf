/** Budget statements and the rules around them, shared by both stores (`@name` parameters). */
import { AppError } from '../errors.js';
import { periodStart } from '../period.js';
import type { BudgetInput, BudgetPatch, BudgetRow } from './types.js';
import { BUDGET_COLUMNS } from './rows.js';

export const GLOBAL_BUDGET_NAME = '__global__';

const UNIQUE_VIOLATION = new Set(['SQLITE_CONSTRAINT_UNIQUE', '23505']);

/** A unique-name violation becomes the 409 the API promises; anything else is passed on. */
export function nameConflictOr(error: unknown, name: string): unknown {
  if (!UNIQUE_VIOLATION.has((error as { code?: string }).code ?? '')) return error;
  return new AppError('conflict_error', `A budget named '${name}' already exists.`, { fields: [{ field: 'name', message: 'already exists' }] });
}

export const budgetSql = {
  byId: `SELECT ${BUDGET_COLUMNS} FROM budgets WHERE id = @id`,
  byName: `SELECT ${BUDGET_COLUMNS} FROM budgets WHERE name = @name`,
  all: `SELECT ${BUDGET_COLUMNS} FROM budgets WHERE kind = 'budget' ORDER BY name`,
  insert: `INSERT INTO budgets (name, kind, max_micros, period, timezone, webhook_url, clamp_max_tokens, max_session_micros, watch_project, period_start, created_at)
    VALUES (@name, @kind, @max_micros, @period, @timezone, @webhook_url, @clamp, @max_session, @watch_project, @period_start, @now) RETURNING ${BUDGET_COLUMNS}`,
  update: `UPDATE budgets SET name = @name, max_micros = @max_micros, period = @period, timezone = @timezone, webhook_url = @webhook_url,
    clamp_max_tokens = @clamp, max_session_micros = @max_session, watch_project = @watch_project, period_start = @period_start,
    spent_micros = CASE WHEN @re_period = 1 THEN 0 ELSE spent_micros END WHERE id = @id`,
  /** Spend already settled this period counts against a global cap set mid-period. */
  seedGlobalSpend: 'UPDATE budgets SET spent_micros = (SELECT COALESCE(SUM(cost_micros), 0) FROM usage_hourly WHERE hour >= @fromHour) WHERE id = @id',
  setGlobalPeriod: 'UPDATE budgets SET period = @period, period_start = @period_start, spent_micros = 0 WHERE id = @id',
  setMax: 'UPDATE budgets SET max_micros = @max WHERE id = @id',
  remove: [
    // The global cap gives back what this budget's requests in flight hold there.
    `UPDATE budgets SET reserved_micros = reserved_micros - (SELECT COALESCE(SUM(reserved_micros), 0) FROM usage
       WHERE budget_id = @id AND global_id = budgets.id AND status = 'pending') WHERE kind = 'global'`,
    'DELETE FROM usage WHERE budget_id = @id',
    'DELETE FROM usage_hourly WHERE budget_id = @id',
    'DELETE FROM agent_usage_hourly WHERE budget_id = @id',
    'DELETE FROM agent_usage_daily WHERE budget_id = @id',
    'DELETE FROM alert_deliveries WHERE budget_id = @id',
    'DELETE FROM alerts WHERE budget_id = @id',
    'DELETE FROM budgets WHERE id = @id',
  ],
};

export const isIdRef = (ref: string) => /^\d+$/.test(ref);

export function insertParams(input: BudgetInput, now: number, kind: 'budget' | 'global') {
  return {
    ...input,
    kind,
    clamp: input.clamp_max_tokens ? 1 : 0,
    max_session: input.max_session_micros ?? null,
    watch_project: input.watch_project ?? null,
    period_start: periodStart(input.period, input.timezone, now),
    now,
  };
}

/** A new period rule or zone starts counting from the period that contains now. */
export function updateParams(current: BudgetRow, patch: BudgetPatch, now: number) {
  const next = { ...current, ...patch };
  const rePeriod = next.period !== current.period || next.timezone !== current.timezone;
  return {
    id: current.id,
    name: next.name,
    max_micros: next.max_micros,
    period: next.period,
    timezone: next.timezone,
    webhook_url: next.webhook_url,
    clamp: next.clamp_max_tokens ? 1 : 0,
    max_session: next.max_session_micros ?? null,
    watch_project: next.watch_project ?? null,
    period_start: rePeriod ? periodStart(next.period, next.timezone, now) : current.period_start,
    re_period: rePeriod ? 1 : 0,
  };
}

export const globalInput = (max: number, period: BudgetRow['period'], timezone: string): BudgetInput => ({
  name: GLOBAL_BUDGET_NAME,
  max_micros: max,
  period,
  timezone,
  webhook_url: null,
  clamp_max_tokens: false,
});
