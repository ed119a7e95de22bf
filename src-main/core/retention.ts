/** Hourly deletion of usage rows older than the retention setting; budget totals and rollups stay. */
import cron from 'node-cron';
import type { Logger } from './logger.js';
import type { Store } from './store/store.js';

const DAY_MS = 86_400_000;

export async function applyRetention(store: Store, now: number): Promise<number> {
  const { retention_days } = await store.settings.get();
  return store.usage.deleteBefore(now - retention_days * DAY_MS);
}

export function scheduleRetention(store: Store, logger: Logger, now: () => number): { stop: () => void } {
  const task = cron.schedule('17 * * * *', async () => {
    try {
      const deleted = await applyRetention(store, now());
      if (deleted > 0) logger.info({ deleted }, 'retention: old usage rows deleted');
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'retention failed');
    }
  });
  return { stop: () => void task.stop() };
}
