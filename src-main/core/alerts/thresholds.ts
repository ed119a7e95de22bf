/** Which alert thresholds a budget's settled spend has reached. */
import type { BudgetRow } from '../store/types.js';

export const THRESHOLDS = [50, 80, 100] as const;
export type Threshold = (typeof THRESHOLDS)[number];

export function reachedThresholds(budget: Pick<BudgetRow, 'max_micros' | 'spent_micros'>): Threshold[] {
  const cap = budget.max_micros;
  if (cap === null || cap <= 0) return [];
  // Integer comparison: spent * 100 >= cap * threshold, no floating-point edge at exactly 80%.
  return THRESHOLDS.filter((threshold) => budget.spent_micros * 100 >= cap * threshold);
}

export function percentUsed(budget: Pick<BudgetRow, 'max_micros' | 'spent_micros'>): number {
  return budget.max_micros ? (budget.spent_micros * 100) / budget.max_micros : 0;
}
