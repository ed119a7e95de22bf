/**
 * The import worker thread: reads, parses and prices the passes the main thread asks for (see
 * import-worker-client.ts) and posts finished batches back, at most a few ahead of what the main
 * thread has stored, so memory stays bounded however large the history.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { PriceBook } from '../pricing/price-book.js';
import { adapterOf } from './adapters/index.js';
import { readPass } from './read-pass.js';
import type { PassRequest, ToMain, ToWorker } from './worker-protocol.js';

/**
 * Batches posted and not yet stored by the main thread: more than the main thread gathers into one
 * write while the proxy is quiet (see importer.ts), so reading goes on while it stores.
 */
const AHEAD = 20;

/** The proxy's thread wins the CPU when both want it (Linux: a thread's own nice value). */
function yieldCpuToTheProxy(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the OS's fair share still leaves the proxy its core.
  }
}

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
  for await (const batch of readPass(adapter, pass.files, new Map(pass.cursors), new PriceBook(pass.prices))) {
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

yieldCpuToTheProxy();
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
