/**
 * The checkpoint worker thread: copies the write-ahead log into the database file when asked, on a
 * connection of its own and under the idle scheduling policy, so that the copying (a quarter second
 * of CPU for a busy proxy's five seconds of log) uses only a core nothing else wants.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runThisThreadWhenIdle } from '../../thread-priority.js';
import { openWorkerConnection } from './open.js';

export interface CheckpointWorkerData {
  file: string;
  nativeBinding: string | undefined;
}

export type ToCheckpointWorker = 'checkpoint' | 'close';

/** What one checkpoint did, in WAL frames (SQLite's own figures). */
export interface CheckpointResult {
  /** The log's length, and how much of it is now in the database file. */
  log: number;
  checkpointed: number;
}

const { file, nativeBinding } = workerData as CheckpointWorkerData;
runThisThreadWhenIdle();
const db = openWorkerConnection(file, nativeBinding);
const port = parentPort!;

port.on('message', (message: ToCheckpointWorker) => {
  if (message === 'close') {
    db.close();
    port.close();
    return;
  }
  // PASSIVE: never waits for a reader or a writer, so never for the proxy's thread.
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
  port.postMessage({ log: result.log, checkpointed: result.checkpointed } satisfies CheckpointResult);
});
