/** Each budget's burn rate over about the last hour, from the server's hourly aggregates. */
import { api } from '../api/client';
import type { Budget } from '../../src-shared/api';
import { useApi } from './useApi';

const HOUR_MS = 3_600_000;

/**
 * Aggregates come in whole clock hours, so the window starts at the top of the hour an hour ago
 * and the rate divides by the window's real length (one to two hours).
 */
async function burnRates(budgets: readonly Budget[]): Promise<Map<number, number>> {
  const now = Date.now();
  const from = Math.floor((now - HOUR_MS) / HOUR_MS) * HOUR_MS;
  const hours = (now - from) / HOUR_MS;
  const range = { bucket: 'hour' as const, from: new Date(from).toISOString(), to: new Date(now).toISOString() };
  const series = await Promise.all(budgets.map((b) => api.budgetTimeseries(b.id, range)));
  return new Map(budgets.map((b, i) => [b.id, series[i].points.reduce((sum, p) => sum + p.cost_dollars, 0) / hours]));
}

/** Dollars per hour by budget id; undefined until loaded. */
export function useBurnRates(budgets: readonly Budget[] | undefined) {
  const key = budgets?.map((b) => `${b.id}:${b.spent_dollars}`).join(',') ?? '';
  return useApi(() => burnRates(budgets ?? []), [key], []).data;
}
