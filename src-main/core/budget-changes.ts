/**
 * Team mode: budgets created, changed or deleted through another instance. Each look compares the
 * budgets' rules (not their spend, which moves with every request) with the last look, so this
 * instance's tray and dashboard can follow with the same `budgets` events its own API sends.
 */
import type { BudgetRow } from './store/types.js';
import type { Store } from './store/store.js';

export interface BudgetChange {
  action: 'created' | 'updated' | 'deleted';
  id: number;
}

const ruleOf = ({ name, max_micros, period, timezone, webhook_url, clamp_max_tokens, max_session_micros, watch_project }: BudgetRow) =>
  JSON.stringify([name, max_micros, period, timezone, webhook_url, clamp_max_tokens, max_session_micros, watch_project]);

/** Returns the function that looks again and says what changed since the last look (nothing, the first time). */
export function budgetChanges(store: Store, now: () => number): () => Promise<BudgetChange[]> {
  let seen: Map<number, string> | null = null;
  return async () => {
    const current = new Map((await store.budgets.list(now())).map((row) => [row.id, ruleOf(row)]));
    const before = seen;
    seen = current;
    if (!before) return [];
    const changes: BudgetChange[] = [];
    for (const [id, rule] of current) {
      if (!before.has(id)) changes.push({ action: 'created', id });
      else if (before.get(id) !== rule) changes.push({ action: 'updated', id });
    }
    for (const id of before.keys()) if (!current.has(id)) changes.push({ action: 'deleted', id });
    return changes;
  };
}
