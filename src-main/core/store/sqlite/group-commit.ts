/**
 * Group commit for the ledger. Admissions and settlements that arrive within one turn of the event
 * loop run in order inside one transaction, so 32 agents pay for one commit instead of 32; each
 * promise resolves only after that commit, so a reservation is on disk before its request goes
 * upstream. (Holding settlements back to share the next admission's commit was measured: it saves
 * commits but puts the settlement on the next request's path, so it is not done.) If any job
 * throws (an unknown budget, a full disk), the batch is rolled back whole and each job is run again
 * in its own transaction, so only the failing one fails.
 */
import type { SqliteDb } from './open.js';
import { writeTransaction } from './write-gate.js';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Job[] = [];
  private immediate: NodeJS.Immediate | null = null;
  private readonly batch: (jobs: Job[]) => unknown[];
  private readonly single: (job: Job) => unknown;

  constructor(db: SqliteDb) {
    this.batch = writeTransaction(db, (jobs: Job[]) => jobs.map((job) => job.work()));
    this.single = writeTransaction(db, (job: Job) => job.work());
  }

  /** Runs `work` (synchronous, no awaits) inside this turn's group transaction. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.immediate ??= setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.immediate = null;
    const jobs = this.queue;
    this.queue = [];
    let results: unknown[];
    try {
      results = this.batch(jobs);
    } catch {
      for (const job of jobs) this.runAlone(job);
      return;
    }
    jobs.forEach((job, i) => job.resolve(results[i]));
  }

  private runAlone(job: Job): void {
    try {
      job.resolve(this.single(job));
    } catch (error) {
      job.reject(error);
    }
  }
}
