/**
 * The import's worker threads give way to the proxy: while it serves requests they stop at their
 * next line or row (a few microseconds to tens of them), so an agent's request finds both cores
 * free and the store's write lock free. "Serving" includes the first milliseconds after a request
 * ends: an agent's next call, or the next of many agents', often follows at once, and an import
 * transaction begun in that gap is what its admission would wait for. The import runs at full
 * speed between an agent's calls (seconds apart); a proxy that never goes quiet still sees its
 * history read, in short turns.
 */
import { ActivityCells, nowUs } from '../request-activity.js';

/** How long after its last request the proxy still counts as busy. */
const QUIET_AFTER_US = 2_000;
/**
 * When the proxy is never quiet, the workers work in the first `workUs` of every `everyUs` on the
 * clock every thread shares (1% of the time), so the parse and store workers take their turns
 * together. Each turn can delay a request or two by a few tenths of a millisecond; 2% left the
 * proxy's p99 as it was (with 1 ms looks), more raised it (10%: +0.9 ms; 50%: +3 ms).
 */
export const TURNS = { everyUs: 100_000, workUs: 1_000 };
/**
 * How often a waiting worker looks again (the proxy's thread never signals it). Each look wakes a
 * core, maybe the one a request is on: looking every millisecond instead put the proxy's p99 during
 * a read 0.25 ms higher. Between an agent's calls, seconds apart, 5 ms late costs nothing.
 */
const POLL_MS = 5;

export class GiveWay {
  private readonly cells: ActivityCells;

  /**
   * `shared`: RequestActivity's shared cells (requests in flight, when the last one ended); `clockUs`:
   * the clock turns are timed on (the one the proxy's thread marks request ends with).
   */
  constructor(
    shared: SharedArrayBuffer,
    private readonly clockUs: () => number = nowUs,
  ) {
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

  /** The proxy is quiet, or this is a turn of work. */
  mayWork(): boolean {
    return this.sinceTurnBeganUs() < TURNS.workUs || !this.busy();
  }

  /** Waits (blocking this worker thread) while the proxy is busy, until it goes quiet or the next turn begins. */
  pause(): void {
    while (!this.mayWork()) {
      const toNextTurnMs = (TURNS.everyUs - this.sinceTurnBeganUs()) / 1000;
      Atomics.wait(this.cells.inFlight, 0, Atomics.load(this.cells.inFlight, 0), Math.min(toNextTurnMs, POLL_MS));
    }
  }

  /** Microseconds since the current turn began: every worker thread's turns begin together. */
  private sinceTurnBeganUs(): number {
    return this.clockUs() % TURNS.everyUs;
  }
}
