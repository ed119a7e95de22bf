/** What storing a batch did and what the batch read: the importer's status and cursors follow it. */
import type { ImportOutcome } from '../store/import-sql.js';
import type { FileCursor } from './cursors.js';
import type { ImportBatch } from './read-pass.js';

export interface ImportReport {
  outcome: ImportOutcome;
  /** Cursors to persist: their rows are committed. */
  cursors: [string, FileCursor][];
  filesRead: number;
  bytes: number;
  malformed: number;
  unpriced: string[];
}

export function reportOf(batch: ImportBatch, outcome: ImportOutcome): ImportReport {
  return { outcome, cursors: batch.cursors, filesRead: batch.filesRead, bytes: batch.bytes, malformed: batch.malformed, unpriced: batch.unpriced };
}
