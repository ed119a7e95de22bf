/** Raises the native notification for each core alert the user wants to hear about. */
import { Notification } from 'electron';
import { budgetView } from '../core/api/views.js';
import type { CoreEvent } from '../core/events.js';
import type { CoreHost } from './core-host.js';
import { NotificationGate, notificationForAlert, wantsNotification } from './notifications.js';
import type { DesktopSettingsStore } from './settings.js';

export class Notifier {
  private readonly gate = new NotificationGate();
  /** Electron drops a notification's click handler once the object is garbage-collected. */
  private readonly live = new Set<Notification>();

  constructor(
    private readonly deps: { host: CoreHost; settings: DesktopSettingsStore; openDashboard: (route: string) => void; now: () => number },
  ) {}

  async handle(event: CoreEvent): Promise<void> {
    if (event.type !== 'alert' || !Notification.isSupported()) return;
    const { alert } = event;
    const now = this.deps.now();
    if (!wantsNotification(alert, this.deps.settings.get()) || !this.gate.admit(alert.id, now)) return;
    const row = await this.deps.host.current.store.budgets.get(String(alert.budget_id), now);
    const spec = notificationForAlert(alert, row ? budgetView(row, now).resets_at : null, now);
    const notification = new Notification({ title: spec.title, body: spec.body });
    this.live.add(notification);
    notification.on('click', () => this.deps.openDashboard(spec.route));
    notification.on('close', () => this.live.delete(notification));
    notification.show();
  }
}
