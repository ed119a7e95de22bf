/** Alerts fire once per threshold and period: the UNIQUE constraint decides, not memory. */
import type { AlertRepo } from '../store.js';
import type { AlertRow, BudgetRow, DeliveryRow } from '../types.js';
import type { SqliteDb } from './open.js';

type RawAlert = Omit<AlertRow, 'deliveries'>;

export class SqliteAlerts implements AlertRepo {
  constructor(private readonly db: SqliteDb) {}

  async fire(budget: BudgetRow, threshold: 50 | 80 | 100, now: number): Promise<AlertRow | null> {
    const inserted = this.db
      .prepare(
        `INSERT INTO alerts (budget_id, threshold, period_start, spent_micros, max_micros, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (budget_id, threshold, period_start) DO NOTHING RETURNING id`,
      )
      .get(budget.id, threshold, budget.period_start, budget.spent_micros, budget.max_micros ?? 0, now) as { id: number } | undefined;
    if (!inserted) return null;
    return {
      id: inserted.id,
      budget_id: budget.id,
      budget_name: budget.name,
      threshold,
      spent_micros: budget.spent_micros,
      max_micros: budget.max_micros ?? 0,
      period_start: budget.period_start,
      created_at: now,
      deliveries: [],
    };
  }

  async rearm(budgetId: number, periodStart: number, spentPercent: number): Promise<void> {
    this.db.prepare('DELETE FROM alerts WHERE budget_id = ? AND period_start = ? AND threshold > ?').run(budgetId, periodStart, spentPercent);
  }

  async addDelivery(alertId: number | null, budgetId: number, delivery: DeliveryRow): Promise<void> {
    this.db
      .prepare('INSERT INTO alert_deliveries (alert_id, budget_id, event, status_code, error, attempted_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(alertId, budgetId, delivery.event, delivery.status_code, delivery.error, delivery.attempted_at);
  }

  async list(limit: number, budgetId?: number): Promise<AlertRow[]> {
    const scope = budgetId === undefined ? '' : 'WHERE a.budget_id = @budgetId';
    const alerts = this.db
      .prepare(
        `SELECT a.id, a.budget_id, b.name AS budget_name, a.threshold, a.spent_micros, a.max_micros, a.period_start, a.created_at
         FROM alerts a JOIN budgets b ON b.id = a.budget_id ${scope} ORDER BY a.created_at DESC, a.id DESC LIMIT @limit`,
      )
      .all({ budgetId, limit }) as RawAlert[];
    const deliveries = this.db.prepare<[number], DeliveryRow>(
      'SELECT event, status_code, error, attempted_at FROM alert_deliveries WHERE alert_id = ? ORDER BY attempted_at',
    );
    return alerts.map((alert) => ({ ...alert, deliveries: deliveries.all(alert.id) }));
  }
}
