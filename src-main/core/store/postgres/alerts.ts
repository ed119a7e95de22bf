/** Alerts in PostgreSQL (statements in alert-sql.ts): the instance whose insert wins sends the webhook. */
import { alertSql, fireParams, firedAlert, type RawAlert } from '../alert-sql.js';
import type { AlertRepo } from '../store.js';
import type { AlertRow, BudgetRow, DeliveryRow } from '../types.js';
import { type PgPool, rows } from './pool.js';

export class PgAlerts implements AlertRepo {
  constructor(private readonly pool: PgPool) {}

  async fire(budget: BudgetRow, threshold: 50 | 80 | 100, now: number): Promise<AlertRow | null> {
    const [inserted] = await rows<{ id: number }>(this.pool, alertSql.fire, fireParams(budget, threshold, now));
    return inserted ? firedAlert(inserted.id, budget, threshold, now) : null;
  }

  async rearm(budgetId: number, periodStart: number, spentPercent: number): Promise<void> {
    // Thresholds are whole percents, and PostgreSQL types the parameter as one: 62.55% re-arms as 62% does.
    await rows(this.pool, alertSql.rearm, { budgetId, periodStart, percent: Math.floor(spentPercent) });
  }

  async addDelivery(alertId: number | null, budgetId: number, delivery: DeliveryRow): Promise<void> {
    await rows(this.pool, alertSql.addDelivery, { ...delivery, alert_id: alertId, budget_id: budgetId });
  }

  async list(limit: number, budgetId?: number): Promise<AlertRow[]> {
    const alerts = await rows<RawAlert>(this.pool, alertSql.list(budgetId !== undefined), { budgetId, limit });
    return Promise.all(alerts.map(async (alert) => ({ ...alert, deliveries: await rows<DeliveryRow>(this.pool, alertSql.deliveries, { alertId: alert.id }) })));
  }
}
