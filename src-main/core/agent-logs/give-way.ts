/**
 * The import's worker threads give way to the proxy: while it serves requests they stop at their
 * next line or row (a few microseconds to tens of them), so an agent's request finds both cores
 * free and the store's write lock free. "Serving" includes the first milliseconds after a request
 * ends: an agent's next call, or the next of many agents', often follows at once, and an import
 * transaction begun in that gap is what its admission would wait for. The import runs at full
 * speed between an agent's calls (seconds apart); a proxy that never goes quiet still sees its
 * history read, in short turns after long waits.
 */
import { ActivityCells } from '../request-activity.js';

/** How long after its last request the proxy still counts as busy. */
const QUIET_AFTER_US = 2_000;
/**
 * The longest wait for the proxy to go quiet, then the work done before waiting again: about 2% of
 * the time under back-to-back traffic. Each turn can delay a request or two by an import commit
 * (a few tenths of a millisecond); longer or more frequent turns raised the proxy's p99 (10% gave
 * +0.9 ms; 50%, +3 ms).
 */
const WAIT_AT_MOST_MS = 50;
const WORK_TURN_MS = 1;
/**
 * How often a waiting worker looks again (the proxy's thread never signals it): each look wakes a
 * core, and the proxy counts as quiet only 2 ms after its last request anyway.
 */
const POLL_MS = 1;

export class GiveWay {
  private readonly cells: ActivityCells;
  private turnEndsAt = 0;

  /** `shared`: RequestActivity's shared cells (requests in flight, when the last one ended). */
  constructor(shared: SharedArrayBuffer) {
    this.cells = new ActivityCells(shared);
  }

  /** Whether the proxy has a request in flight, or ended one within QUIET_AFTER_US. */
  busy(): boolean {
    return this.cells.recentUs(QUIET_AFTER_US);
  }

  /** Whether the proxy has a request in flight or ended one within `withinMs`. */
  recent(withinMs: number): boolean {
    return this.cells.recentUs(withinMs * 1000);
  }

  /** The proxy is quiet, or this is a turn of work after a long wait. */
  mayWork(): boolean {
    return !this.busy() || performance.now() < this.turnEndsAt;
  }

  /** Waits (blocking this worker thread) while the proxy is busy, unless this is a turn of work after a long wait. */
  pause(): void {
    if (this.mayWork()) return;
    const deadline = performance.now() + WAIT_AT_MOST_MS;
    while (this.busy()) {
      const left = deadline - performance.now();
      if (left <= 0) {
        this.turnEndsAt = performance.now() + WORK_TURN_MS;
        return;
      }
      Atomics.wait(this.cells.inFlight, 0, Atomics.load(this.cells.inFlight, 0), Math.min(left, POLL_MS));
    }
  }
}
