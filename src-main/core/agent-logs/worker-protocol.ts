/** The messages between the main thread and the import worker (import-worker.ts). */
import type { AgentId } from '../../../src-shared/agents.js';
import type { ModelPrice } from '../pricing/types.js';
import type { FileCursor } from './cursors.js';
import type { LogFile } from './log-files.js';

export interface PassRequest {
  type: 'pass';
  id: number;
  agent: AgentId;
  files: LogFile[];
  cursors: [string, FileCursor][];
  prices: ModelPrice[];
}

/** The main thread stored a batch: the worker may post one more. */
export type ToWorker = PassRequest | { type: 'ack'; id: number };

/**
 * A batch travels as JSON text: structured cloning of thousands of small objects costs several
 * times what JSON.stringify and JSON.parse of the same rows do.
 */
export type ToMain = { type: 'batch'; id: number; json: string } | { type: 'done'; id: number } | { type: 'error'; id: number; message: string };
