/**
 * Who writes the SQLite file next: the proxy's thread, or the import's (a worker thread with its own
 * connection). SQLite lets one writer in at a time, and a connection that finds the file busy sleeps
 * a millisecond or more before it looks again; the gate, a lock in shared memory, makes the proxy
 * never wait that long: the import writes in short transactions, checks after every row whether the
 * proxy's thread is waiting, and commits at once when it is.
 */
import type { SqliteDb } from './open.js';

const HOLDER = 0;
const WAITING = 1;
const FREE = 0;
const MAIN = 1;
const IMPORT = 2;

/**
 * The longest the proxy's thread waits for an import transaction. Its transactions end within a
 * row of being asked to; a worker that died holding the gate must not stop the proxy for good.
 */
const MAIN_WAIT_LIMIT_MS = 1_000;
/**
 * How often the import looks again while the proxy's thread holds or wants the gate. The proxy's
 * thread never signals the import (a wake-up costs it tens of microseconds); the import polls.
 */
const IMPORT_POLL_MS = 0.25;

export class WriteGate {
  private readonly cells: Int32Array;
  /** The proxy thread's transactions nest (a group commit inside a store call): only the outermost takes the gate. */
  private depth = 0;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)) {
    this.cells = new Int32Array(buffer);
  }

  /** Runs a write on the proxy's thread, after any import transaction under way has committed. */
  asMain<T>(write: () => T): T {
    if (this.depth > 0) return this.nested(write);
    Atomics.add(this.cells, WAITING, 1);
    let taken = false;
    try {
      taken = this.take(MAIN_WAIT_LIMIT_MS);
    } finally {
      Atomics.sub(this.cells, WAITING, 1);
    }
    try {
      return this.nested(write);
    } finally {
      if (taken) Atomics.store(this.cells, HOLDER, FREE);
    }
  }

  /** Waits (a worker thread may block) until the proxy's thread neither holds nor wants the gate, then takes it. */
  takeForImport(): void {
    for (;;) {
      const waiting = Atomics.load(this.cells, WAITING);
      if (waiting > 0) {
        Atomics.wait(this.cells, WAITING, waiting, IMPORT_POLL_MS);
        continue;
      }
      const holder = Atomics.compareExchange(this.cells, HOLDER, FREE, IMPORT);
      if (holder === FREE) return;
      Atomics.wait(this.cells, HOLDER, holder, IMPORT_POLL_MS);
    }
  }

  /** Whether the proxy's thread is waiting: the import commits and lets it in. */
  mainWaiting(): boolean {
    return Atomics.load(this.cells, WAITING) > 0;
  }

  /** The import's transaction committed: the proxy's thread, if it waits, goes on. */
  releaseForImport(): void {
    Atomics.store(this.cells, HOLDER, FREE);
    Atomics.notify(this.cells, HOLDER);
  }

  /** The import worker ended (or died) holding the gate: nobody holds it now. */
  abandonImport(): void {
    if (Atomics.compareExchange(this.cells, HOLDER, IMPORT, FREE) === IMPORT) Atomics.notify(this.cells, HOLDER);
  }

  private nested<T>(write: () => T): T {
    this.depth++;
    try {
      return write();
    } finally {
      this.depth--;
    }
  }

  /** False when the wait ran out: SQLite's own lock still serializes the writes; the gate only orders them. */
  private take(limitMs: number): boolean {
    const deadline = performance.now() + limitMs;
    while (Atomics.compareExchange(this.cells, HOLDER, FREE, MAIN) !== FREE) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.cells, HOLDER, IMPORT, left);
    }
    return true;
  }
}

const gates = new WeakMap<SqliteDb, WriteGate>();

export function gateOf(db: SqliteDb): WriteGate {
  let gate = gates.get(db);
  if (!gate) gates.set(db, (gate = new WriteGate()));
  return gate;
}

/**
 * A write transaction on the proxy's thread: through the gate, and IMMEDIATE so that it holds
 * SQLite's write lock from its first statement (a deferred one that read first could find the file
 * changed by the import's connection and fail).
 */
export function writeTransaction<A extends unknown[], R>(db: SqliteDb, work: (...args: A) => R): (...args: A) => R {
  const transaction = db.transaction(work);
  const gate = gateOf(db);
  return (...args: A) => gate.asMain(() => transaction.immediate(...args));
}

/**
 * A single write statement on the proxy's thread (SQLite commits it by itself): through the gate all
 * the same, or it would meet an import transaction's lock in SQLite's busy handler.
 */
export function gatedWrite<R>(db: SqliteDb, write: () => R): R {
  return gateOf(db).asMain(write);
}
