/**
 * The messages of the import's threads. The parse worker (parse-worker.ts) reads and prices a pass
 * and posts batches to its parent; with SQLite its parent is the store worker (store-worker.ts),
 * which stores them on its own connection and posts reports to the main thread; with PostgreSQL it
 * is the main thread, which stores them itself.
 */
import type { AgentId } from '../../../src-shared/agents.js';
import type { ModelPrice } from '../pricing/types.js';
import type { FileCursor } from './cursors.js';
import type { ImportReport } from './import-report.js';
import type { LogFile } from './log-files.js';

export interface PassRequest {
  type: 'pass';
  id: number;
  agent: AgentId;
  files: LogFile[];
  cursors: [string, FileCursor][];
  prices: ModelPrice[];
}

/** The parent stored a batch: the parse worker may post one more. */
export type ToWorker = PassRequest | { type: 'ack'; id: number };

/** Request ids the proxy began or stopped relaying (the store worker leaves those to the proxy). */
export interface InFlightChange {
  type: 'in-flight';
  /** `add` is all of them: a pass starts. */
  reset: boolean;
  add: string[];
  remove: string[];
}

export type ToStoreWorker = PassRequest | InFlightChange;

/**
 * A batch travels as JSON text: structured cloning of thousands of small objects costs several
 * times what JSON.stringify and JSON.parse of the same rows do.
 */
export type ToMain =
  | { type: 'batch'; id: number; json: string }
  | { type: 'stored'; id: number; report: ImportReport }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string };
