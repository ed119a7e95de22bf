/**
 * Whether the proxy is serving requests right now, for background work (the agents' log import)
 * that must never be what an agent waits for: it runs between requests, in short slices while
 * traffic is recent. The count of requests in flight is also kept in shared memory, where the
 * import's worker threads read it (see agent-logs/give-way.ts; they poll it: waking them would cost
 * the proxy's thread tens of microseconds a request).
 */
/**
 * Microseconds on a clock every thread of the process reads alike (the epoch, at `performance.now()`'s
 * resolution), wrapped to 32 bits: `(later - earlier) | 0` stays exact for spans under 35 minutes.
 */
export function sharedClockUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000) | 0;
}

export class RequestActivity {
  /** Two Int32s: the requests in flight, and when the last one ended (`sharedClockUs()`; 0 before any). */
  readonly shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  private readonly cells = new Int32Array(this.shared);
  private lastEndedAt = -Infinity;
  private waiters: (() => void)[] = [];

  /** The requests in flight: kept only in the shared cell, which the workers read. */
  private get active(): number {
    return Atomics.load(this.cells, 0);
  }

  begin(): void {
    Atomics.add(this.cells, 0, 1);
  }

  end(): void {
    this.lastEndedAt = performance.now();
    Atomics.store(this.cells, 1, sharedClockUs());
    if (Atomics.sub(this.cells, 0, 1) > 1) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Whether a request is in flight or ended within `withinMs`. */
  recent(withinMs: number): boolean {
    return this.active > 0 || performance.now() - this.lastEndedAt < withinMs;
  }

  /** Resolves once no request is in flight, or after `maxWaitMs` (a long stream must not stall background work for good). */
  idle(maxWaitMs: number): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
