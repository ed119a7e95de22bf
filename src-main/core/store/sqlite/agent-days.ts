/**
 * Compacts the agent views' daily rollup on a single machine (see agent-daily.ts): the hours that
 * have ended are added when the store opens and every few minutes after, in a transaction of their
 * own. Only this thread compacts, so how far the rollup has got is kept in memory, where settlement
 * reads it; the log import's worker, which writes on a connection of its own, reads it from the file
 * inside each of its transactions (import-rows.ts).
 */
import { agentDailySql, COMPACT_EVERY_MS } from '../agent-daily.js';
import { hourOf } from '../usage-sql.js';
import type { SqliteDb } from './open.js';
import { writeTransaction } from './write-gate.js';

export class AgentDays {
  private hour: number;
  private readonly addHours: (to: number) => void;
  private readonly timer: NodeJS.Timeout;

  constructor(db: SqliteDb, now: () => number = Date.now) {
    this.hour = db.prepare(agentDailySql.through).pluck().get() as number;
    const compact = db.prepare(agentDailySql.compact('sqlite'));
    const advance = db.prepare(agentDailySql.advance);
    this.addHours = writeTransaction(db, (to: number) => {
      compact.run({ from: this.hour, to });
      advance.run({ to });
    });
    this.compact(now());
    this.timer = setInterval(() => this.compact(now()), COMPACT_EVERY_MS);
    this.timer.unref();
  }

  /** The first hour the daily rollup does not hold yet. */
  get through(): number {
    return this.hour;
  }

  /** Adds the hours that ended before `now`. */
  compact(now: number): void {
    const to = hourOf(now);
    if (to <= this.hour) return;
    this.addHours(to);
    this.hour = to;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
