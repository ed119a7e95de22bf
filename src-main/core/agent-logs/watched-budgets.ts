/** Logged spend in a folder a budget watches counts against that budget (the deepest watcher wins). */
import { sep } from 'node:path';
import { currentPeriodStart } from '../period.js';
import type { BudgetRow } from '../store/types.js';
import type { UsageInsert } from '../store/usage-insert.js';
import type { PricedRow } from './price-requests.js';

function watcherOf(project: string | null, watching: BudgetRow[]): BudgetRow | null {
  if (!project) return null;
  const holds = (b: BudgetRow) => project === b.watch_project || project.startsWith(b.watch_project!.endsWith(sep) ? b.watch_project! : b.watch_project! + sep);
  return watching.filter(holds).sort((a, b) => b.watch_project!.length - a.watch_project!.length)[0] ?? null;
}

/** Completes the rows in place (they are the import's own, fresh from the worker). */
export function attributeToBudgets(rows: PricedRow[], budgets: BudgetRow[], now: number): UsageInsert[] {
  const watching = budgets.filter((b) => b.watch_project);
  const periodStart = new Map<number, number>();
  for (const row of rows as UsageInsert[]) {
    const budget = watching.length === 0 ? null : watcherOf(row.project, watching);
    if (budget && !periodStart.has(budget.id)) periodStart.set(budget.id, currentPeriodStart(budget.period, budget.timezone, now));
    row.budget_id = budget?.id ?? null;
    row.budget_period_start = budget ? periodStart.get(budget.id)! : null;
  }
  return rows as UsageInsert[];
}
