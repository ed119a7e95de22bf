/**
 * The import's worker threads give way to the proxy: while it has a request in flight they stop at
 * their next line or row (a few microseconds to tens of them), so an agent's request finds both
 * cores free. A long stream holds them back only so long: then they work in short turns between
 * waits, and a busy proxy still sees its history read.
 */

/** The longest wait for the proxy to go idle, then the work done before waiting again. */
const WAIT_AT_MOST_MS = 5;
const WORK_TURN_MS = 5;
/** How often a waiting worker looks again (the proxy's thread never signals it). */
const POLL_MS = 0.25;

export class GiveWay {
  private readonly cells: Int32Array;
  private turnEndsAt = 0;

  /** `shared`: RequestActivity's shared cells (requests in flight, when the last one ended). */
  constructor(shared: SharedArrayBuffer) {
    this.cells = new Int32Array(shared);
  }

  /** Whether the proxy has a request in flight. */
  busy(): boolean {
    return Atomics.load(this.cells, 0) > 0;
  }

  /** Whether the proxy has a request in flight or ended one within `withinMs`. */
  recent(withinMs: number): boolean {
    return this.busy() || (((Date.now() | 0) - Atomics.load(this.cells, 1)) | 0) < withinMs;
  }

  /** The proxy is idle, or this is a turn of work after a long wait. */
  mayWork(): boolean {
    return !this.busy() || performance.now() < this.turnEndsAt;
  }

  /** Waits (blocking this worker thread) while the proxy is busy, unless this is a turn of work after a long wait. */
  pause(): void {
    if (this.mayWork()) return;
    const deadline = performance.now() + WAIT_AT_MOST_MS;
    for (let count = Atomics.load(this.cells, 0); count > 0; count = Atomics.load(this.cells, 0)) {
      const left = deadline - performance.now();
      if (left <= 0) {
        this.turnEndsAt = performance.now() + WORK_TURN_MS;
        return;
      }
      Atomics.wait(this.cells, 0, count, Math.min(left, POLL_MS));
    }
  }
}
