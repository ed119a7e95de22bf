/**
 * The store worker thread (SQLite): runs the parse worker and stores each pass's batches on its own
 * connection to the store's file, so the proxy's thread does none of the import's work. A transaction
 * is rolled back as soon as the proxy's thread waits to write (see write-gate.ts), and committed early
 * when the proxy gets busy (give-way.ts); each batch stored is reported to the main thread. (The
 * write-ahead log it grows is checkpointed with the proxy's, by the checkpoint worker.)
 *
 * Unlike the parse worker it keeps normal priority: it holds the write lock the proxy's thread may
 * wait for, and under SCHED_IDLE it could be off its core, behind any other thread, while the proxy
 * waits (the proxy's waits on the gate had a median of 0.5 ms). It works only while the proxy is
 * quiet or in short turns, so it rarely competes with a request for a core.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { addOutcome, emptyOutcome, type ImportOutcome } from '../store/import-sql.js';
import { SqliteBudgets } from '../store/sqlite/budgets.js';
import { SqliteImportRows } from '../store/sqlite/import-rows.js';
import { openWorkerConnection } from '../store/sqlite/open.js';
import { WriteGate } from '../store/sqlite/write-gate.js';
import type { ImportConnection } from '../store/store.js';
import type { AgentSessionUpsert } from '../store/agent-session-sql.js';
import type { UsageInsert } from '../store/usage-insert.js';
import { GiveWay } from './give-way.js';
import { reportOf } from './import-report.js';
import { mergeBatches } from './merge-batches.js';
import type { ParseWorkerData } from './parse-worker.js';
import type { ImportBatch } from './read-pass.js';
import { rowsToStore, WatchingBudgets } from './watched-budgets.js';
import type { ToMain, ToStoreWorker, ToWorker } from './worker-protocol.js';
import { IMPORT_WORKER_LIMITS } from './worker-limits.js';

/**
 * A transaction's longest run when the proxy's thread is not waiting: short while the proxy has had
 * traffic within RECENT_MS (its next admission may wait for a commit), longer once it is quiet (fewer
 * commits, fewer pages written again to the log).
 */
const BUSY_SLICE_MS = 1;
const QUIET_SLICE_MS = 16;
const RECENT_MS = 500;
/**
 * A slice the proxy's thread waits for is rolled back rather than committed (a rollback frees the
 * lock in microseconds, a commit writes the slice's pages first); after this many in a row the next
 * one commits, so a proxy that writes all the time still lets the import on.
 */
const ROLLBACKS_IN_A_ROW = 3;
/** Batches stored in one go when several are waiting. */
const MERGE_AT_MOST = 16;

export interface StoreWorkerData extends ParseWorkerData {
  connection: ImportConnection;
  /** The core's clock minus this one's (tests run the core on a clock of their own). */
  clockOffsetMs: number;
}

const { connection, clockOffsetMs, proxyActivity } = workerData as StoreWorkerData;
const giveWay = new GiveWay(proxyActivity);
const db = openWorkerConnection(connection.file, connection.nativeBinding);
const gate = new WriteGate(connection.gate);
const importRows = new SqliteImportRows(db);
let sliceEndsAt = 0;
let rolledBack = 0;

/** Thrown inside a slice's transaction: better-sqlite3 rolls it back. */
class YieldToProxy extends Error {}

function enough(): boolean {
  if (gate.mainWaiting()) {
    if (rolledBack < ROLLBACKS_IN_A_ROW) throw new YieldToProxy();
    return true;
  }
  return !giveWay.mayWork() || performance.now() > sliceEndsAt;
}
const sliceTransaction = db.transaction((rows: UsageInsert[], from: number, sessions: AgentSessionUpsert[]) => importRows.slice(rows, from, sessions, enough));

/** The slice stored from `from`, or null when it was rolled back for the proxy's thread. */
function storeSlice(rows: UsageInsert[], from: number, sessions: AgentSessionUpsert[]) {
  try {
    const slice = sliceTransaction.immediate(rows, from, sessions);
    rolledBack = 0;
    return slice;
  } catch (error) {
    if (!(error instanceof YieldToProxy)) throw error;
    rolledBack++;
    return null;
  }
}
const budgets = new SqliteBudgets(db);
const watching = new WatchingBudgets(() => budgets.list());
const inFlight = new Set<string>();
const failed = new Set<number>();

const main = parentPort!;
const toMain = (message: ToMain) => main.postMessage(message);
const parse = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: { proxyActivity } satisfies ParseWorkerData, resourceLimits: IMPORT_WORKER_LIMITS });
const toParse = (message: ToWorker) => parse.postMessage(message);

/** Stores rows in transactions, each begun once the proxy is quiet and its thread neither writes nor waits to. */
function store(rows: UsageInsert[], sessions: AgentSessionUpsert[]): ImportOutcome {
  const total = emptyOutcome();
  if (rows.length === 0 && sessions.length === 0) return total;
  let at = 0;
  do {
    giveWay.pause();
    gate.takeForImport();
    try {
      sliceEndsAt = performance.now() + (giveWay.recent(RECENT_MS) ? BUSY_SLICE_MS : QUIET_SLICE_MS);
      const slice = storeSlice(rows, at, sessions);
      if (slice) {
        at = slice.next;
        addOutcome(total, slice.outcome);
      }
    } finally {
      gate.releaseForImport();
    }
  } while (at < rows.length);
  return total;
}

async function storeBatches(id: number, messages: { json: string }[]): Promise<void> {
  const batch = mergeBatches(messages.map((message) => JSON.parse(message.json) as ImportBatch));
  const rows = await rowsToStore(batch.rows, inFlight, watching, Date.now() + clockOffsetMs);
  toMain({ type: 'stored', id, report: reportOf(batch, store(rows, batch.sessions)) });
  for (let i = 0; i < messages.length; i++) toParse({ type: 'ack', id });
}

const inbox: ToMain[] = [];
let draining = false;

/** Takes the parse worker's messages in order; batches waiting together are stored together. */
async function drain(): Promise<void> {
  draining = true;
  while (inbox.length > 0) {
    const head = inbox.shift()!;
    if (head.type !== 'batch') {
      if (!failed.delete(head.id)) toMain(head);
      continue;
    }
    const batches = [head];
    while (batches.length < MERGE_AT_MOST && inbox[0]?.type === 'batch' && inbox[0].id === head.id) batches.push(inbox.shift() as typeof head);
    if (failed.has(head.id)) continue;
    try {
      await storeBatches(head.id, batches);
    } catch (error) {
      failed.add(head.id);
      toMain({ type: 'error', id: head.id, message: (error as Error).message });
    }
    // A turn of the event loop: the main thread's in-flight changes arrive between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  draining = false;
}

parse.on('message', (message: ToMain) => {
  inbox.push(message);
  if (!draining) void drain();
});
parse.on('error', (error) => {
  throw error;
});

main.on('message', (message: ToStoreWorker) => {
  if (message.type === 'in-flight') {
    if (message.reset) inFlight.clear();
    for (const id of message.add) inFlight.add(id);
    for (const id of message.remove) inFlight.delete(id);
    return;
  }
  watching.forget();
  toParse(message);
});
