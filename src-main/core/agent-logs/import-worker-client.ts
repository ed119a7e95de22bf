/**
 * The main thread's side of the import's threads: a pass is sent to a worker thread, which reads,
 * parses and prices off the proxy's event loop, and either stores the rows itself and reports
 * (SQLite: the store worker) or posts the batches for the main thread to store (PostgreSQL: the
 * parse worker; each batch is acknowledged once stored, which lets the worker post the next). One
 * worker serves every agent, a pass at a time, and exits after a while without work.
 */
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { AgentId } from '../../../src-shared/agents.js';
import type { ModelPrice } from '../pricing/types.js';
import { workerScript } from '../worker-script.js';
import type { FileCursor } from './cursors.js';
import type { ImportReport } from './import-report.js';
import type { LogFile } from './log-files.js';
import type { ImportBatch } from './read-pass.js';
import type { PassRequest, ToMain } from './worker-protocol.js';

const IDLE_EXIT_MS = 10_000;

/** Which worker runs the passes, and what the main thread does as it starts and ends. */
export interface ImportThreads {
  script: 'store-worker.js' | 'parse-worker.js';
  workerData?: () => unknown;
  resourceLimits: ResourceLimits;
  /** A pass is about to be sent to the worker, or has ended. */
  passStarted?(worker: Worker): void;
  passEnded?(): void;
  ended?(): void;
}

/** What a pass yields: a batch the main thread stores, or the report of one the worker stored. */
export type PassItem = { kind: 'batch'; batch: ImportBatch } | { kind: 'stored'; report: ImportReport };

interface Channel {
  push(message: ToMain): void;
}

export class ImportWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly channels = new Map<number, Channel>();
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly threads: ImportThreads) {}

  private start(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    const { script, workerData, resourceLimits } = this.threads;
    const worker = new Worker(workerScript(import.meta.url, script), { workerData: workerData?.(), resourceLimits });
    worker.unref();
    worker.on('message', (message: ToMain) => this.channels.get(message.id)?.push(message));
    const fail = (message: string) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, channel] of this.channels) channel.push({ type: 'error', id, message });
    };
    worker.on('error', (error) => fail(`import worker failed: ${error.message}`));
    worker.once('exit', (code) => {
      this.threads.ended?.();
      fail(`import worker exited (${code})`);
    });
    this.worker = worker;
    return worker;
  }

  /** One pass's batches or reports, in order; passes run one after another. */
  async *pass(agent: AgentId, files: LogFile[], cursors: ReadonlyMap<string, FileCursor>, prices: ModelPrice[]): AsyncGenerator<PassItem> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise((resolve) => (release = resolve));
    await previous;
    const id = this.nextId++;
    const inbox: ToMain[] = [];
    let wake: (() => void) | null = null;
    this.channels.set(id, {
      push: (message) => {
        inbox.push(message);
        wake?.();
      },
    });
    try {
      const worker = this.start();
      this.threads.passStarted?.(worker);
      worker.postMessage({ type: 'pass', id, agent, files, cursors: [...cursors], prices } satisfies PassRequest);
      for (;;) {
        while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const message = inbox.shift()!;
        if (message.type === 'done') return;
        if (message.type === 'error') throw new Error(message.message);
        if (message.type === 'stored') {
          yield { kind: 'stored', report: message.report };
          continue;
        }
        yield { kind: 'batch', batch: JSON.parse(message.json) as ImportBatch };
        this.worker?.postMessage({ type: 'ack', id });
      }
    } finally {
      this.threads.passEnded?.();
      this.channels.delete(id);
      release();
      if (this.channels.size === 0) this.idleTimer = setTimeout(() => void this.close(), IDLE_EXIT_MS).unref();
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
