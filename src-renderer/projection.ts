/** Where a budget is heading at its last hour's burn rate. */
import type { Budget } from '../src-shared/api';

const HOUR_MS = 3_600_000;

export interface Projection {
  /** Dollars per hour, recently. */
  burnPerHour: number;
  /** Spend at the period's reset (null for budgets that never reset). */
  atReset: number | null;
  /** When the cap is reached at this rate, if that happens before the reset. */
  runsOutAt: Date | null;
}

export function project(budget: Budget, burnPerHour: number, now = Date.now()): Projection {
  const resetsAt = budget.resets_at ? Date.parse(budget.resets_at) : null;
  const hoursLeft = resetsAt === null ? null : Math.max(0, (resetsAt - now) / HOUR_MS);
  const committed = budget.spent_dollars + budget.reserved_dollars;
  const atReset = hoursLeft === null ? null : committed + burnPerHour * hoursLeft;
  let runsOutAt: Date | null = null;
  if (budget.max_dollars !== null && burnPerHour > 0) {
    const hoursToCap = Math.max(0, budget.max_dollars - committed) / burnPerHour;
    const at = now + hoursToCap * HOUR_MS;
    if (resetsAt === null || at < resetsAt) runsOutAt = new Date(at);
  }
  return { burnPerHour, atReset, runsOutAt };
}

/** 0-49 ok, 50-79 notice, 80-99 warning, 100+ over: the alert thresholds. */
export function usageLevel(percentUsed: number | null): 'ok' | 'notice' | 'warning' | 'over' {
  if (percentUsed === null || percentUsed < 50) return 'ok';
  if (percentUsed < 80) return 'notice';
  return percentUsed < 100 ? 'warning' : 'over';
}
