/**
 * Team mode: other instances change state this one keeps copies of (settings, with pause and the
 * global cap; the price table; the budgets its tray and dashboard show). One loop re-reads them all,
 * so a change made on any instance takes effect on every other within SHARED_STATE_TTL_MS (plus one
 * read); the proxy's copies of budget rules expire after the same bound (store/postgres/ledger.ts).
 */
import { budgetChanges } from './budget-changes.js';
import type { CoreBus } from './events.js';
import type { Logger } from './logger.js';
import type { PausedState } from './paused-state.js';
import type { LivePrices } from './pricing/live-prices.js';
import { SHARED_STATE_TTL_MS, type Store } from './store/store.js';

export interface SharedCopies {
  store: Store;
  bus: CoreBus;
  prices: LivePrices;
  paused: PausedState;
  now: () => number;
}

/**
 * Re-reads what other instances change and announces each change on this instance's bus, as if it
 * had been made here. Null for SQLite, whose file has no other writer.
 */
export async function followOtherInstances({ store, bus, prices, paused, now }: SharedCopies, logger: Logger): Promise<{ stop(): void } | null> {
  if (store.kind !== 'postgres') return null;
  const budgetsChanged = budgetChanges(store, now);
  await budgetsChanged();
  return watchSharedState(async () => {
    await store.settings.get();
    paused.announceChange();
    if (await prices.reload()) bus.emit({ type: 'pricing' });
    for (const change of await budgetsChanged()) bus.emit({ type: 'budgets', ...change });
  }, logger);
}

export function watchSharedState(refresh: () => Promise<void>, logger: Logger): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let failing = false;
  // A chain of timeouts, not an interval: a slow database never stacks up overlapping reads.
  const next = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await refresh();
        if (failing) logger.info('shared settings, prices and budgets are being refreshed again');
        failing = false;
      } catch (error) {
        // Once per outage, not every two seconds while the database is away.
        if (!failing) logger.warn({ err: error }, 'could not refresh shared settings, prices and budgets; retrying');
        failing = true;
      }
      next();
    }, SHARED_STATE_TTL_MS);
    timer.unref();
  };
  next();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
