/**
 * Compacts the agent views' daily rollup in a shared PostgreSQL (see agent-daily.ts): every instance
 * tries when it starts and every few minutes after; the lock makes them take turns, and each finds
 * how far the last one got. One that cannot have the lock soon enough tries again the next time.
 */
import type { Logger } from '../../logger.js';
import { agentDailySql, COMPACT_EVERY_MS } from '../agent-daily.js';
import { hourOf } from '../usage-sql.js';
import { type PgPool, rows } from './pool.js';
import { inTransaction } from './transaction.js';

/** PostgreSQL's code for a lock not had within lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

/** Adds the hours that ended before `now`; false when writers kept the lock too long (it is tried again later). */
export async function compactAgentDays(pool: PgPool, now: number): Promise<boolean> {
  try {
    await inTransaction(pool, async (client) => {
      for (const sql of agentDailySql.lockForCompaction) await client.query(sql);
      const [{ through_hour: from }] = await rows<{ through_hour: number }>(client, agentDailySql.through);
      const to = hourOf(now);
      if (to <= from) return;
      await rows(client, agentDailySql.compact('postgres'), { from, to });
      await rows(client, agentDailySql.advance, { to });
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) return false;
    throw error;
  }
}

/** Compacts now, then every few minutes; the function it returns stops that, once a compaction under way is done. */
export async function startAgentDays(pool: PgPool, logger: Logger): Promise<() => Promise<void>> {
  const compact = () => compactAgentDays(pool, Date.now()).then(
    () => undefined,
    (error: unknown) => logger.warn({ err: error }, 'could not compact the daily agent rollup'),
  );
  let running = compact();
  await running;
  const timer = setInterval(() => {
    running = compact();
  }, COMPACT_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
