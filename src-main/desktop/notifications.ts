/**
 * Which core alert becomes which native notification, and the gate that keeps them to one per
 * alert and a few per minute however many budgets cross a threshold at once.
 */
import type { Alert } from '../../src-shared/api.js';
import { dollarsToMicros, formatDollars } from '../core/money.js';
import type { DesktopSettings, NotificationThreshold } from './settings-schema.js';

export interface NotificationSpec {
  title: string;
  body: string;
  /** Dashboard route the click opens. */
  route: string;
}

const DAY_MS = 86_400_000;

/** `resets today at 18:00`, `resets tomorrow at 00:00`, `resets Mon 24 Nov at 00:00`. */
export function describeReset(resetsAt: string | null, now: number, timeZone?: string): string {
  if (resetsAt === null) return 'a total budget, it does not reset';
  const at = new Date(resetsAt);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (day.format(at) === day.format(now)) return `resets today at ${time}`;
  if (day.format(at) === day.format(now + DAY_MS)) return `resets tomorrow at ${time}`;
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(at);
  return `resets ${date.replace(',', '')} at ${time}`;
}

export function notificationForAlert(alert: Alert, resetsAt: string | null, now: number, timeZone?: string): NotificationSpec {
  const spent = formatDollars(dollarsToMicros(alert.spent_dollars));
  const cap = formatDollars(dollarsToMicros(alert.max_dollars));
  const percent = alert.max_dollars > 0 ? Math.floor((alert.spent_dollars / alert.max_dollars) * 100) : 100;
  const reset = describeReset(resetsAt, now, timeZone);
  const route = `/budgets/${alert.budget_id}`;
  if (alert.threshold === 100) {
    return {
      title: `${alert.budget_name} is out of budget`,
      body: `Spent ${spent} of ${cap} (${percent}%); requests are refused until it ${reset.startsWith('resets') ? reset : 'is raised'}.`,
      route,
    };
  }
  return { title: `${alert.budget_name} reached ${alert.threshold}% of its budget`, body: `Spent ${spent} of ${cap} (${percent}%) — ${reset}.`, route };
}

export function wantsNotification(alert: Alert, settings: DesktopSettings): boolean {
  return settings.notifications[String(alert.threshold) as NotificationThreshold];
}

/** One notification per alert id, and at most `limit` within any `windowMs`. */
export class NotificationGate {
  private readonly seen = new Set<number>();
  private shownAt: number[] = [];

  constructor(
    private readonly limit = 3,
    private readonly windowMs = 60_000,
  ) {}

  admit(alertId: number, now: number): boolean {
    if (this.seen.has(alertId)) return false;
    this.seen.add(alertId);
    this.shownAt = this.shownAt.filter((time) => now - time < this.windowMs);
    if (this.shownAt.length >= this.limit) return false;
    this.shownAt.push(now);
    return true;
  }
}
