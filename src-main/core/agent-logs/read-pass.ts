/**
 * One pass over the files of an agent that changed: read, keep one copy per request, price, and
 * hand over finished batches. Runs wherever it is called from (the import worker thread); nothing
 * here touches the store.
 */
import type { PriceBook } from '../pricing/price-book.js';
import type { AgentLogAdapter, SessionNote } from './adapter.js';
import { latestCopies } from './latest-copies.js';
import type { LogFile } from './log-files.js';
import { type PricedRow, priceRequests } from './price-requests.js';
import { type FileCursor, readLogChunk } from './read-log-file.js';

/** Rows per batch handed over: large enough to amortise a transaction, small enough to bound memory. */
export const BATCH_ROWS = 2_000;

export interface ImportBatch {
  rows: PricedRow[];
  sessions: SessionNote[];
  malformed: number;
  bytes: number;
  /** Files finished with this batch. */
  filesRead: number;
  /** Cursors to persist once this batch's rows are committed. */
  cursors: [string, FileCursor][];
  unpriced: string[];
}

/** Whether a file has anything new for its cursor. */
export function hasNews(adapter: AgentLogAdapter, file: LogFile, cursor: FileCursor | undefined): boolean {
  if (!cursor) return file.size > 0;
  return adapter.format === 'jsonl' ? file.size !== cursor.offset : file.size !== cursor.offset || file.mtimeMs !== cursor.mtimeMs;
}

/** Bytes a pass will read from a file. */
export function newBytes(adapter: AgentLogAdapter, file: LogFile, cursor: FileCursor | undefined): number {
  if (adapter.format === 'document' || !cursor || file.size < cursor.offset) return file.size;
  return file.size - cursor.offset;
}

const emptyBatch = (): ImportBatch => ({ rows: [], sessions: [], malformed: 0, bytes: 0, filesRead: 0, cursors: [], unpriced: [] });

export async function* readPass(
  adapter: AgentLogAdapter,
  files: LogFile[],
  cursors: ReadonlyMap<string, FileCursor>,
  prices: PriceBook,
): AsyncGenerator<ImportBatch> {
  const unpriced = new Set<string>();
  let batch = emptyBatch();
  const handOver = () => {
    const full = { ...batch, unpriced: [...unpriced] };
    batch = emptyBatch();
    return full;
  };
  for (const file of files) {
    let cursor = cursors.get(file.path);
    for (let more = true; more; ) {
      const read = await readLogChunk(adapter, file, cursor).catch(() => null);
      if (!read) break;
      batch.rows.push(...priceRequests(adapter, latestCopies(read.requests), prices, unpriced));
      batch.sessions.push(...read.sessions);
      batch.malformed += read.malformed;
      batch.bytes += read.bytes;
      batch.cursors.push([file.path, read.cursor]);
      cursor = read.cursor;
      more = read.more && read.bytes > 0;
      if (batch.rows.length >= BATCH_ROWS) yield handOver();
    }
    batch.filesRead++;
  }
  yield handOver();
}
