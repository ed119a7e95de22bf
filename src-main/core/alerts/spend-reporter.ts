/**
 * What follows a settlement or a refusal: threshold alerts (once per threshold and period, with
 * webhooks), and live events for the dashboard and tray, coalesced so a burst of requests gives
 * one update per budget per tick instead of a flood.
 */
import { alertView, budgetView } from '../api/views.js';
import type { CoreBus } from '../events.js';
import type { AdmitResult, BudgetChange, SettleOutcome } from '../ledger/types.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { BudgetRow } from '../store/types.js';
import { type Threshold, reachedThresholds } from './thresholds.js';
import { sendAlertWebhook } from './webhook-payload.js';
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from './webhook.js';

const SPEND_EVENT_MS = 200;

export class SpendReporter {
  /** Thresholds known to have fired, so settling does not write to the store to find out again. */
  private readonly fired = new Set<string>();
  private readonly pendingSpend = new Map<number, BudgetRow>();
  private spendTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly bus: CoreBus,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly webhookOptions: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS,
  ) {}

  /** Resolves once the settlement is recorded (alerts and webhooks may still be under way). */
  settle(reservationId: number, outcome: SettleOutcome): Promise<void> {
    const recorded = this.store.ledger.settle(reservationId, outcome);
    this.track(
      recorded.then((change) => {
        if (change) return this.afterChange(change);
      }),
    );
    return recorded.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Spend added from outside the proxy (Claude Code's logs): live updates and alerts as for settlements. */
  imported(budgetIds: number[]): void {
    for (const id of budgetIds) {
      this.track(
        this.store.budgets.get(String(id), this.now()).then((budget) => {
          if (budget) return this.afterChange({ budget, global: null });
        }),
      );
    }
  }

  blocked(refusal: Extract<AdmitResult, { ok: false }>, message: string): void {
    const now = this.now();
    this.bus.emit({ type: 'blocked', budget: budgetView(refusal.budget, now), message, reason: refusal.reason });
    // The first refusal of a period counts as reaching 100%: reservation usually stops spend just short of the cap.
    if (refusal.reason === 'budget' && refusal.budget.max_micros !== null) this.track(this.fire(refusal.budget, 100));
  }

  /** The cap was raised or the period changed: thresholds above the new spend may fire again. */
  forget(budgetId: number): void {
    for (const key of this.fired) if (key.startsWith(`${budgetId}:`)) this.fired.delete(key);
  }

  /** Waits for settlements and webhooks under way (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    if (this.spendTimer) clearTimeout(this.spendTimer);
  }

  private track(work: Promise<unknown>): void {
    const guarded = work.catch((error: unknown) => this.logger.error({ err: (error as Error).message }, 'settlement follow-up failed'));
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  private async afterChange(change: BudgetChange): Promise<void> {
    this.queueSpend(change.budget);
    for (const threshold of reachedThresholds(change.budget)) await this.fire(change.budget, threshold);
  }

  private async fire(budget: BudgetRow, threshold: Threshold): Promise<void> {
    const key = `${budget.id}:${budget.period_start}:${threshold}`;
    if (this.fired.has(key)) return;
    this.fired.add(key);
    const alert = await this.store.alerts.fire(budget, threshold, this.now());
    if (!alert) return;
    this.bus.emit({ type: 'alert', alert: alertView(alert) });
    if (budget.webhook_url) await sendAlertWebhook(this.store, budget, alert, this.now(), this.webhookOptions);
  }

  private queueSpend(budget: BudgetRow): void {
    this.pendingSpend.set(budget.id, budget);
    this.spendTimer ??= setTimeout(() => {
      this.spendTimer = null;
      const now = this.now();
      for (const row of this.pendingSpend.values()) this.bus.emit({ type: 'spend', budget: budgetView(row, now) });
      this.pendingSpend.clear();
    }, SPEND_EVENT_MS);
  }
}
