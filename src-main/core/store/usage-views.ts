/** Shaping of aggregate rows shared by both stores. */
import type { SessionSummary, TimeBucket, Totals } from './types.js';

export type RawSession = Omit<SessionSummary, 'budgets'> & { budgets: string | null };

export const toSession = (raw: RawSession): SessionSummary => ({ ...raw, budgets: raw.budgets ? raw.budgets.split(',') : [] });

export type SumRow = Omit<TimeBucket, 'start' | 'model' | 'provider'>;

export function toTotals(row: SumRow): Totals {
  const { blocked, ...rest } = row;
  return { ...rest, blocked_requests: blocked };
}
