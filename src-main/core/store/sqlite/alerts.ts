/** Alerts in SQLite (statements in alert-sql.ts). */
import { alertSql, fireParams, firedAlert, type RawAlert } from '../alert-sql.js';
import type { AlertRepo } from '../store.js';
import type { AlertRow, BudgetRow, DeliveryRow } from '../types.js';
import type { SqliteDb } from './open.js';
import { gatedWrite } from './write-gate.js';

export class SqliteAlerts implements AlertRepo {
  constructor(private readonly db: SqliteDb) {}

  async fire(budget: BudgetRow, threshold: 50 | 80 | 100, now: number): Promise<AlertRow | null> {
    const inserted = gatedWrite(this.db, () => this.db.prepare(alertSql.fire).get(fireParams(budget, threshold, now))) as { id: number } | undefined;
    return inserted ? firedAlert(inserted.id, budget, threshold, now) : null;
  }

  async rearm(budgetId: number, periodStart: number, spentPercent: number): Promise<void> {
    gatedWrite(this.db, () => this.db.prepare(alertSql.rearm).run({ budgetId, periodStart, percent: spentPercent }));
  }

  async addDelivery(alertId: number | null, budgetId: number, delivery: DeliveryRow): Promise<void> {
    gatedWrite(this.db, () => this.db.prepare(alertSql.addDelivery).run({ ...delivery, alert_id: alertId, budget_id: budgetId }));
  }

  async list(limit: number, budgetId?: number): Promise<AlertRow[]> {
    const alerts = this.db.prepare(alertSql.list(budgetId !== undefined)).all({ budgetId: budgetId ?? null, limit }) as RawAlert[];
    const deliveries = this.db.prepare(alertSql.deliveries);
    return alerts.map((alert) => ({ ...alert, deliveries: deliveries.all({ alertId: alert.id }) as DeliveryRow[] }));
  }
}
