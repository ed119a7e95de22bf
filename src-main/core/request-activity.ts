/**
 * Whether the proxy is serving requests right now, for background work (the agents' log import)
 * that must never be what an agent waits for: it runs between requests, in short slices while
 * traffic is recent. The count of requests in flight is also kept in shared memory, where the
 * import's worker threads read it (see agent-logs/give-way.ts; they poll it: waking them would cost
 * the proxy's thread tens of microseconds a request).
 */
/** Microseconds since the epoch, at `performance.now()`'s resolution: every thread of the process reads it alike. */
export const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

/**
 * The shared cells, as every thread sees them: the requests in flight (an Int32, which `Atomics.wait`
 * needs) and when the last one ended (a BigInt64 of `nowUs()`, 0 before any: 32 bits of microseconds
 * would wrap every 36 minutes).
 */
export class ActivityCells {
  readonly inFlight: Int32Array;
  private readonly endedAt: BigInt64Array;

  constructor(readonly shared = new SharedArrayBuffer(16)) {
    this.inFlight = new Int32Array(shared, 0, 1);
    this.endedAt = new BigInt64Array(shared, 8, 1);
  }

  markEnded(): void {
    Atomics.store(this.endedAt, 0, BigInt(nowUs()));
  }

  /** Whether a request is in flight, or one ended within `us`. */
  recentUs(us: number): boolean {
    if (Atomics.load(this.inFlight, 0) > 0) return true;
    const endedAt = Atomics.load(this.endedAt, 0);
    return endedAt !== 0n && nowUs() - Number(endedAt) < us;
  }
}

export class RequestActivity {
  private readonly cells = new ActivityCells();
  /** What the import's worker threads are given. */
  readonly shared = this.cells.shared;
  private waiters: (() => void)[] = [];

  /** The requests in flight: kept only in the shared cell, which the workers read. */
  private get active(): number {
    return Atomics.load(this.cells.inFlight, 0);
  }

  begin(): void {
    Atomics.add(this.cells.inFlight, 0, 1);
  }

  end(): void {
    this.cells.markEnded();
    if (Atomics.sub(this.cells.inFlight, 0, 1) > 1) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Whether a request is in flight or ended within `withinMs`. */
  recent(withinMs: number): boolean {
    return this.cells.recentUs(withinMs * 1000);
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
