/**
 * The main thread's side of the import worker: a pass is sent to the worker thread, which reads,
 * parses and prices off the proxy's event loop and posts finished batches; each batch is acknowledged
 * once stored, which lets the worker post the next. One worker serves every agent, a pass at a time,
 * and exits after a while without work.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AgentId } from '../../../src-shared/agents.js';
import type { ModelPrice } from '../pricing/types.js';
import { packageRoot } from '../version.js';
import type { FileCursor } from './cursors.js';
import type { LogFile } from './log-files.js';
import type { ImportBatch } from './read-pass.js';
import type { ToMain, ToWorker } from './worker-protocol.js';

const IDLE_EXIT_MS = 10_000;

/** The built worker: beside this module, or (running from TypeScript sources, as the tests do) in the build. */
export function workerScript(): URL {
  const beside = new URL('./import-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return pathToFileURL(join(packageRoot(), 'dist', 'src-main', 'core', 'agent-logs', 'import-worker.js'));
}

interface Channel {
  push(message: ToMain): void;
}

export class ImportWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly channels = new Map<number, Channel>();
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();

  private start(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    // A small heap: the worker holds a chunk or two and a few batches at a time, however large the history.
    const worker = new Worker(workerScript(), { resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 } });
    worker.unref();
    worker.on('message', (message: ToMain) => this.channels.get(message.id)?.push(message));
    const fail = (message: string) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, channel] of this.channels) channel.push({ type: 'error', id, message });
    };
    worker.on('error', (error) => fail(`import worker failed: ${error.message}`));
    worker.on('exit', (code) => fail(`import worker exited (${code})`));
    this.worker = worker;
    return worker;
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  /** One pass's batches, in order; passes run one after another. */
  async *pass(agent: AgentId, files: LogFile[], cursors: ReadonlyMap<string, FileCursor>, prices: ModelPrice[]): AsyncGenerator<ImportBatch> {
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
      this.start().postMessage({ type: 'pass', id, agent, files, cursors: [...cursors], prices } satisfies ToWorker);
      for (;;) {
        while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const message = inbox.shift()!;
        if (message.type === 'done') return;
        if (message.type === 'error') throw new Error(message.message);
        yield JSON.parse(message.json) as ImportBatch;
        this.post({ type: 'ack', id });
      }
    } finally {
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
