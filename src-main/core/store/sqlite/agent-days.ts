/**
 * The agent views' daily rollup on a single machine, kept off the request path: a settlement writes
 * only the hourly rollup (a daily upsert in the same commit was measured at 3–7% more CPU per
 * settlement), and the hours that have ended are added to the daily rollup here, in a transaction of
 * their own, when the store opens and every few minutes after. `through` is the first hour not added
 * yet; a request counted in an earlier hour (one settling after its hour was added, a log imported
 * late) is added to both rollups as it is written, so the daily rollup always holds exactly the
 * hours before `through`. This process is the file's only writer, so `through` is kept in memory.
 */
import { AGENT_DAILY_COMPACT, AGENT_DAILY_PROGRESS } from '../agent-rollup.js';
import { hourOf } from '../usage-sql.js';
import type { SqliteDb } from './open.js';

const COMPACT_EVERY_MS = 5 * 60_000;

export class AgentDays {
  private hour: number;
  private readonly addHours: (to: number) => void;
  private readonly timer: NodeJS.Timeout;

  constructor(db: SqliteDb, now: () => number = Date.now) {
    this.hour = db.prepare(AGENT_DAILY_PROGRESS.read).pluck().get() as number;
    const compact = db.prepare(AGENT_DAILY_COMPACT);
    const advance = db.prepare(AGENT_DAILY_PROGRESS.advance);
    this.addHours = db.transaction((to: number) => {
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

  /** Adds the hours that ended before `now` to the daily rollup. */
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
