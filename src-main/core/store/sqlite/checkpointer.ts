/**
 * The write-ahead log's checkpoints, every few seconds, off the proxy's thread: the checkpoint worker
 * does them at idle priority. A checkpoint of a busy proxy's log took a quarter second of CPU; on the
 * proxy's thread, or at normal priority beside it, every request that arrived meanwhile waited. The
 * worker starts when the log has grown and exits after half a minute with nothing to copy, so an idle
 * app holds no thread for it. Should it fail, the checkpoints go back to the proxy's thread.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger.js';
import { workerScript } from '../../worker-script.js';
import type { CheckpointResult, CheckpointWorkerData, ToCheckpointWorker } from './checkpoint-worker.js';
import type { SqliteDb } from './open.js';

const CHECKPOINT_EVERY_MS = 5_000;
/** Looks in a row that found the log unchanged before the worker exits. */
const IDLE_LOOKS_BEFORE_EXIT = 6;
/** It holds a connection and nothing else. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 };

export class Checkpointer {
  private worker: Worker | null = null;
  private failed = false;
  private readonly timer: NodeJS.Timeout;
  private readonly replies: ((result: CheckpointResult) => void)[] = [];
  /** When the log was last written (its modification time), as of the last look. */
  private logWrittenAt = 0;
  private idleLooks = 0;

  constructor(
    private readonly db: SqliteDb,
    private readonly data: CheckpointWorkerData,
    private readonly logger: Logger,
    everyMs = CHECKPOINT_EVERY_MS,
  ) {
    this.timer = setInterval(() => this.look(), everyMs);
    this.timer.unref();
  }

  /** Checkpoints now; resolves with what the checkpoint did. */
  checkpoint(): Promise<CheckpointResult> {
    if (this.failed) return Promise.resolve(this.onThisThread());
    const worker = this.worker ?? this.start();
    return new Promise((resolve) => {
      this.replies.push(resolve);
      worker.postMessage('checkpoint' satisfies ToCheckpointWorker);
    });
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.stopWorker();
  }

  /** Checkpoints if the log was written since the last look; stops the worker after long enough without. */
  private look(): void {
    const writtenAt = statSync(`${this.data.file}-wal`, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (writtenAt !== this.logWrittenAt) {
      this.logWrittenAt = writtenAt;
      this.idleLooks = 0;
      void this.checkpoint();
    } else if (++this.idleLooks === IDLE_LOOKS_BEFORE_EXIT) {
      void this.stopWorker();
    }
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close' satisfies ToCheckpointWorker);
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(workerScript(import.meta.url, 'checkpoint-worker.js'), { workerData: this.data, resourceLimits: WORKER_LIMITS });
    worker.unref();
    worker.on('message', (result: CheckpointResult) => this.replies.shift()?.(result));
    worker.on('error', (error) => {
      this.logger.warn({ err: error }, 'The WAL checkpoint worker failed; checkpoints run on the main thread from now on.');
      this.failed = true;
    });
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null;
      // Asked for and never answered: done here instead.
      for (const reply of this.replies.splice(0)) reply(this.onThisThread());
    });
    this.worker = worker;
    return worker;
  }

  private onThisThread(): CheckpointResult {
    const [result] = this.db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    return { log: result.log, checkpointed: result.checkpointed };
  }
}
