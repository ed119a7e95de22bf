/** Alert statements shared by both stores. Once per threshold and period: the UNIQUE constraint decides, not memory. */
import type { AlertRow, BudgetRow } from './types.js';

export type RawAlert = Omit<AlertRow, 'deliveries'>;

export const alertSql = {
  fire: `INSERT INTO alerts (budget_id, threshold, period_start, spent_micros, max_micros, created_at)
    VALUES (@budget_id, @threshold, @period_start, @spent_micros, @max_micros, @now)
    ON CONFLICT (budget_id, threshold, period_start) DO NOTHING RETURNING id`,
  rearm: 'DELETE FROM alerts WHERE budget_id = @budgetId AND period_start = @periodStart AND threshold > @percent',
  addDelivery: `INSERT INTO alert_deliveries (alert_id, budget_id, event, status_code, error, attempted_at)
    VALUES (@alert_id, @budget_id, @event, @status_code, @error, @attempted_at)`,
  list: (scoped: boolean) => `SELECT a.id, a.budget_id, b.name AS budget_name, a.threshold, a.spent_micros, a.max_micros, a.period_start, a.created_at
    FROM alerts a JOIN budgets b ON b.id = a.budget_id ${scoped ? 'WHERE a.budget_id = @budgetId' : ''} ORDER BY a.created_at DESC, a.id DESC LIMIT @limit`,
  deliveries: 'SELECT event, status_code, error, attempted_at FROM alert_deliveries WHERE alert_id = @alertId ORDER BY attempted_at',
};

export function fireParams(budget: BudgetRow, threshold: number, now: number) {
  return { budget_id: budget.id, threshold, period_start: budget.period_start, spent_micros: budget.spent_micros, max_micros: budget.max_micros ?? 0, now };
}

export function firedAlert(id: number, budget: BudgetRow, threshold: 50 | 80 | 100, now: number): AlertRow {
  const p = fireParams(budget, threshold, now);
  return { id, budget_id: budget.id, budget_name: budget.name, threshold, spent_micros: p.spent_micros, max_micros: p.max_micros, period_start: p.period_start, created_at: now, deliveries: [] };
}
