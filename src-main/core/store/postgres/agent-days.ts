/**
 * Compacts the agent views' daily rollup in a shared PostgreSQL (see agent-daily.ts): every instance
 * tries when it starts and every few minutes after; the lock makes them take turns, and each finds
 * how far the last one got.
 */
import type { Logger } from '../../logger.js';
import { agentDailySql, COMPACT_EVERY_MS } from '../agent-daily.js';
import { hourOf } from '../usage-sql.js';
import { type PgPool, rows } from './pool.js';
import { inTransaction } from './transaction.js';

export function compactAgentDays(pool: PgPool, now: number): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query(agentDailySql.lockForCompaction);
    const [{ through_hour: from }] = await rows<{ through_hour: number }>(client, agentDailySql.through);
    const to = hourOf(now);
    if (to <= from) return;
    await rows(client, agentDailySql.compact('postgres'), { from, to });
    await rows(client, agentDailySql.advance, { to });
  });
}

/** Compacts now, then every few minutes; the function it returns stops that, once a compaction under way is done. */
export async function startAgentDays(pool: PgPool, logger: Logger): Promise<() => Promise<void>> {
  await compactAgentDays(pool, Date.now());
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = compactAgentDays(pool, Date.now()).catch((error: unknown) => logger.warn({ err: error }, 'could not compact the daily agent rollup'));
  }, COMPACT_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
