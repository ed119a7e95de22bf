/**
 * One pass over the files of an agent that changed: read, keep one copy per request, price, and
 * hand over finished batches. Runs in the import worker thread; nothing here touches the store.
 */
import type { PriceBook } from '../pricing/price-book.js';
import type { AgentSessionUpsert } from '../store/agent-session-sql.js';
import type { AgentLogAdapter, DocumentLogAdapter, FileState, LogRequest } from './adapter.js';
import type { FileCursor } from './cursors.js';
import { readChunks } from './file-chunks.js';
import { latestCopies } from './latest-copies.js';
import type { LogFile } from './log-files.js';
import { type PricedRow, priceRequests } from './price-requests.js';
import { scanLines } from './scan-lines.js';
import { SessionBatch } from './session-batch.js';

/**
 * Rows per batch handed over: the main thread parses a batch in one turn of its event loop (128 rows
 * of JSON take about a tenth of a millisecond), then stores it in time slices.
 */
export const BATCH_ROWS = 128;

export interface ImportBatch {
  rows: PricedRow[];
  sessions: AgentSessionUpsert[];
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

/** Where a JSONL file is read from: its cursor, or its start when new or replaced (it shrank). */
const resumes = (file: LogFile, cursor: FileCursor | undefined): cursor is FileCursor => cursor !== undefined && file.size >= cursor.offset;

/** Bytes a pass will read from a file. */
export function newBytes(adapter: AgentLogAdapter, file: LogFile, cursor: FileCursor | undefined): number {
  return adapter.format === 'jsonl' && resumes(file, cursor) ? file.size - cursor.offset : file.size;
}

const emptyBatch = (): ImportBatch => ({ rows: [], sessions: [], malformed: 0, bytes: 0, filesRead: 0, cursors: [], unpriced: [] });

/** The requests and notes of what is new in files, per chunk read. */
interface Found {
  file: string;
  requests: LogRequest[];
  malformed: number;
  bytes: number;
  cursor: FileCursor | null;
  fileDone: boolean;
}

async function* jsonlFound(adapter: AgentLogAdapter & { format: 'jsonl' }, files: LogFile[], cursors: ReadonlyMap<string, FileCursor>, sessions: SessionBatch, pause?: () => void): AsyncGenerator<Found> {
  const states = new Map<string, FileState>();
  const sources = files.map((file) => {
    const cursor = cursors.get(file.path);
    const resume = resumes(file, cursor);
    states.set(file.path, resume ? { ...cursor.state } : adapter.initialState(file.path));
    return { file, from: resume ? cursor.offset : 0 };
  });
  for (const chunk of readChunks(sources)) {
    const found: Found = { file: chunk.file.path, requests: [], malformed: 0, bytes: 0, cursor: null, fileDone: 'done' in chunk };
    if (!('done' in chunk)) {
      const state = states.get(chunk.file.path)!;
      if (chunk.skippedLine) found.malformed++;
      scanLines(adapter, chunk.bytes, chunk.bytes.length, chunk.offset, chunk.file.path, state, {
        result: (result) => (result.kind === 'request' ? found.requests.push(result.request) : sessions.note(result.session)),
        malformed: () => found.malformed++,
        pause,
      });
      found.bytes = chunk.consumed;
      found.cursor = { offset: chunk.offset + chunk.consumed, state: { ...state } };
    }
    yield found;
  }
}

async function* documentFound(adapter: DocumentLogAdapter, files: LogFile[], sessions: SessionBatch): AsyncGenerator<Found> {
  const { readFile } = await import('node:fs/promises');
  for (const file of files) {
    const found: Found = { file: file.path, requests: [], malformed: 0, bytes: file.size, cursor: { offset: file.size, state: {}, mtimeMs: file.mtimeMs }, fileDone: true };
    const text = await readFile(file.path, 'utf8').catch(() => null);
    for (const result of text === null ? [] : adapter.parseDocument(text, file.path).results) {
      if (result.kind === 'request') found.requests.push(result.request);
      else if (result.kind === 'session') sessions.note(result.session);
      else if (result.kind === 'malformed') found.malformed++;
    }
    yield found;
  }
}

export interface ReadOptions {
  batchRows?: number;
  /** Called before each line is parsed: the parse worker gives way to the proxy there (give-way.ts). */
  pause?: () => void;
}

export async function* readPass(adapter: AgentLogAdapter, files: LogFile[], cursors: ReadonlyMap<string, FileCursor>, prices: PriceBook, { batchRows = BATCH_ROWS, pause }: ReadOptions = {}): AsyncGenerator<ImportBatch> {
  const unpriced = new Set<string>();
  const sessions = new SessionBatch(adapter.agent);
  let batch = emptyBatch();
  // A batch's cursors, counts and sessions travel with its last piece: they hold once all its rows are in.
  function* handOver(all = false): Generator<ImportBatch> {
    while (batch.rows.length > batchRows || (all && batch.rows.length === batchRows)) yield { ...emptyBatch(), rows: batch.rows.splice(0, batchRows) };
    if (!all && batch.rows.length < batchRows) return;
    yield { ...batch, sessions: sessions.take(), unpriced: [...unpriced] };
    batch = emptyBatch();
  }
  const found = adapter.format === 'jsonl' ? jsonlFound(adapter, files, cursors, sessions, pause) : documentFound(adapter, files, sessions);
  for await (const { file, requests, malformed, bytes, cursor, fileDone } of found) {
    const kept = latestCopies(requests);
    for (const request of kept) sessions.request(request);
    for (const row of priceRequests(adapter, kept, prices, unpriced)) batch.rows.push(row);
    batch.malformed += malformed;
    batch.bytes += bytes;
    if (cursor) batch.cursors.push([file, cursor]);
    if (fileDone) batch.filesRead++;
    yield* handOver();
  }
  yield* handOver(true);
}
