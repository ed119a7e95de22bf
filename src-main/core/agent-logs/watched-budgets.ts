/**
 * Logged spend in a folder a budget watches counts against that budget (the deepest watcher wins),
 * and a request the proxy is relaying right now is left to the proxy, whose record (joined by
 * request id) counts it.
 */
import { sep } from 'node:path';
import { currentPeriodStart } from '../period.js';
import type { BudgetRow } from '../store/types.js';
import type { UsageInsert } from '../store/usage-insert.js';
import type { PricedRow } from './price-requests.js';

/** Budgets are looked up at most this often during a pass. */
const REFRESH_MS = 1_000;

function watcherOf(project: string | null, watching: BudgetRow[]): BudgetRow | null {
  if (!project) return null;
  const holds = (b: BudgetRow) => project === b.watch_project || project.startsWith(b.watch_project!.endsWith(sep) ? b.watch_project! : b.watch_project! + sep);
  return watching.filter(holds).sort((a, b) => b.watch_project!.length - a.watch_project!.length)[0] ?? null;
}

/** Completes the rows in place (they are the import's own, fresh from the parse worker). */
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

/** The budgets that watch a folder, read at a pass's start and then at most once a second. */
export class WatchingBudgets {
  private cached: { at: number; budgets: BudgetRow[] } | null = null;

  constructor(private readonly list: () => Promise<BudgetRow[]>) {}

  /** A new pass reads them afresh. */
  forget(): void {
    this.cached = null;
  }

  async get(now: number): Promise<BudgetRow[]> {
    if (!this.cached || now - this.cached.at > REFRESH_MS || now < this.cached.at) {
      this.cached = { at: now, budgets: (await this.list()).filter((b) => b.watch_project) };
    }
    return this.cached.budgets;
  }
}

/** A batch's rows as they are stored: without those the proxy is relaying, each with its watching budget. */
export async function rowsToStore(rows: PricedRow[], inFlight: Pick<ReadonlySet<string>, 'has'>, budgets: WatchingBudgets, now: number): Promise<UsageInsert[]> {
  const fresh = rows.filter((row) => !inFlight.has(row.request_id!));
  return attributeToBudgets(fresh, fresh.some((row) => row.project !== null) ? await budgets.get(now) : [], now);
}
