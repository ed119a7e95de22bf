/**
 * Stores imported rows on the proxy's own thread, for a store the import's worker cannot write
 * itself (PostgreSQL, whose writes are network round trips), without being what an agent waits for: in
 * transactions sized to a time slice, each started only once no proxy request is in flight (or after
 * a short wait, so a long stream cannot stall the import), with a turn of the event loop between
 * them. While the proxy has traffic the slices are short; when it is quiet, long (fewer commits).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RequestActivity } from '../request-activity.js';
import type { AgentSessionUpsert } from '../store/agent-session-sql.js';
import { addOutcome, emptyOutcome, type ImportOutcome } from '../store/import-sql.js';
import type { Store } from '../store/store.js';
import type { UsageInsert } from '../store/usage-insert.js';

/**
 * A transaction's length while the proxy is busy, and while it is quiet. Even a quiet proxy gets
 * short slices: an agent's next call (they come seconds apart) may arrive during one and waits it out.
 */
const BUSY_SLICE_MS = 0.3;
const QUIET_SLICE_MS = 16;
/** Traffic this recent makes the slices short. */
const RECENT_MS = 500;
/** The longest an import slice waits for the proxy to be idle. */
const MAX_WAIT_MS = 20;

export class SlicedWriter {
  /** Rows per millisecond of the last slices: sizes the next one. */
  private rowsPerMs = 50;

  constructor(
    private readonly store: Store,
    private readonly activity: RequestActivity,
  ) {}

  /** No proxy request in flight or recent: long slices are fine. */
  quiet(): boolean {
    return !this.activity.recent(RECENT_MS);
  }

  async write(rows: UsageInsert[], sessions: AgentSessionUpsert[]): Promise<ImportOutcome> {
    const total = emptyOutcome();
    let at = 0;
    do {
      await this.activity.idle(MAX_WAIT_MS);
      const sliceMs = this.activity.recent(RECENT_MS) ? BUSY_SLICE_MS : QUIET_SLICE_MS;
      // A floor on the slice: on a machine too loaded to time a slice, commits must not multiply.
      const take = Math.max(sliceMs === BUSY_SLICE_MS ? 16 : 64, Math.floor(this.rowsPerMs * sliceMs));
      const slice = rows.slice(at, at + take);
      at += slice.length;
      const started = performance.now();
      const outcome = await this.store.usage.importSettled(slice, at >= rows.length ? sessions : []);
      const elapsed = performance.now() - started;
      if (slice.length >= 8 && elapsed > 0) this.rowsPerMs = Math.min(2_000, Math.max(2, 0.7 * this.rowsPerMs + (0.3 * slice.length) / elapsed));
      addOutcome(total, outcome);
      await nextTurn();
    } while (at < rows.length);
    return total;
  }
}
