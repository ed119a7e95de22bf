/**
 * The parse worker thread: reads, parses and prices the passes its parent asks for (the store worker,
 * or with PostgreSQL the main thread; see import-worker-client.ts) and posts finished batches back,
 * at most a few ahead of what the parent has stored, so memory stays bounded however large the history.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PriceBook } from '../pricing/price-book.js';
import { adapterOf } from './adapters/index.js';
import { GiveWay } from './give-way.js';
import { readPass } from './read-pass.js';
import { runThisThreadWhenIdle } from '../thread-priority.js';
import type { PassRequest, ToMain, ToWorker } from './worker-protocol.js';

/** Batches posted and not yet stored: enough that reading goes on while the parent stores. */
const AHEAD = 20;

export interface ParseWorkerData {
  /** RequestActivity's shared count of the proxy's requests in flight. */
  proxyActivity: SharedArrayBuffer;
}

const giveWay = new GiveWay((workerData as ParseWorkerData).proxyActivity);
const port = parentPort!;
const post = (message: ToMain) => port.postMessage(message);
let current = 0;
let credit = AHEAD;
let wake: (() => void) | null = null;
const passes: PassRequest[] = [];
let running = false;

async function run(pass: PassRequest): Promise<void> {
  const adapter = adapterOf(pass.agent);
  if (!adapter) throw new Error(`no log adapter for ${pass.agent}`);
  for await (const batch of readPass(adapter, pass.files, new Map(pass.cursors), new PriceBook(pass.prices), { pause: () => giveWay.pause() })) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    post({ type: 'batch', id: pass.id, json: JSON.stringify(batch) });
  }
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  for (let pass = passes.shift(); pass; pass = passes.shift()) {
    current = pass.id;
    credit = AHEAD;
    await run(pass).then(
      () => post({ type: 'done', id: pass!.id }),
      (error: unknown) => post({ type: 'error', id: pass!.id, message: (error as Error).message }),
    );
  }
  running = false;
}

runThisThreadWhenIdle();
port.on('message', (message: ToWorker) => {
  if (message.type === 'ack') {
    if (message.id !== current) return;
    credit++;
    wake?.();
    wake = null;
    return;
  }
  passes.push(message);
  void drain();
});
