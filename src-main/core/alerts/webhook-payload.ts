/** The webhook body for a threshold alert or a test, and recording each delivery attempt. */
import { budgetView, modelBreakdownView } from '../api/views.js';
import type { Store } from '../store/store.js';
import type { AlertRow, BudgetRow, DeliveryRow } from '../store/types.js';
import { deliverWebhook, type WebhookOptions } from './webhook.js';

export async function webhookPayload(store: Store, budget: BudgetRow, event: DeliveryRow['event'], threshold: number | null, now: number) {
  const view = budgetView(budget, now);
  const byModel = await store.usage.byModel(budget.id, Date.parse(view.period_start));
  return {
    event,
    budget: { id: budget.id, name: budget.name },
    threshold,
    spent_dollars: view.spent_dollars,
    max_dollars: view.max_dollars,
    period: budget.period,
    period_start: view.period_start,
    resets_at: view.resets_at,
    by_model: byModel.map(modelBreakdownView),
  };
}

export async function sendAlertWebhook(store: Store, budget: BudgetRow, alert: AlertRow, now: number, options: WebhookOptions): Promise<DeliveryRow[]> {
  const payload = await webhookPayload(store, budget, 'threshold', alert.threshold, now);
  const results = await deliverWebhook(budget.webhook_url!, 'threshold', payload, options);
  for (const result of results) await store.alerts.addDelivery(alert.id, budget.id, result);
  return results;
}
