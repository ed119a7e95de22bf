/**
 * Reads what is new in one log file since its cursor, in bounded chunks: the requests and session
 * notes found, malformed lines counted, and the cursor after them. A JSONL file is read from its
 * offset (a half-written last line waits for the next read; a file that shrank was replaced and is
 * read again from its start); a document is read whole whenever its size or time changed.
 */
import { open } from 'node:fs/promises';
import type { AgentLogAdapter, DocumentLogAdapter, FileState, LineLogAdapter, LogRequest, SessionNote } from './adapter.js';
import type { LogFile } from './log-files.js';
import { scanLines } from './scan-lines.js';

/** How far a file has been read: persisted per file, so a restart resumes where it stopped. */
export interface FileCursor {
  offset: number;
  state: FileState;
  /** For documents: the size and time of the version read. */
  mtimeMs?: number;
}

export interface ChunkRead {
  requests: LogRequest[];
  sessions: SessionNote[];
  malformed: number;
  /** Bytes consumed by this read. */
  bytes: number;
  cursor: FileCursor;
  /** More complete lines may follow (the chunk was full). */
  more: boolean;
}

/** Bounds one read: a huge backlog is taken in steps rather than in one allocation. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** A longer line than this is not a log line: it is skipped as malformed. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

async function readAt(path: string, from: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buffer, 0, length, from);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function emptyRead(cursor: FileCursor): ChunkRead {
  return { requests: [], sessions: [], malformed: 0, bytes: 0, cursor, more: false };
}

async function readLines(adapter: LineLogAdapter, file: LogFile, known: FileCursor | undefined): Promise<ChunkRead> {
  const cursor = !known || file.size < known.offset ? { offset: 0, state: adapter.initialState(file.path) } : known;
  const read = emptyRead(cursor);
  let length = Math.min(file.size - cursor.offset, CHUNK_BYTES);
  while (length > 0) {
    const bytes = await readAt(file.path, cursor.offset, length);
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end === 0) {
      // One line longer than the chunk: read more of it, or give up on it past the limit.
      if (bytes.length < length || length >= file.size - cursor.offset) return read;
      if (length < MAX_LINE_BYTES) {
        length = Math.min(length * 2, file.size - cursor.offset);
        continue;
      }
      const newline = await skipLongLine(file.path, cursor.offset + length);
      if (newline === -1) return read;
      return { ...read, malformed: 1, bytes: newline + 1 - cursor.offset, cursor: { ...cursor, offset: newline + 1 }, more: true };
    }
    const state = { ...cursor.state };
    scanLines(adapter, bytes, end, cursor.offset, file.path, state, {
      result: (result) => (result.kind === 'request' ? read.requests.push(result.request) : read.sessions.push(result.session)),
      malformed: () => read.malformed++,
    });
    return { ...read, bytes: end, cursor: { offset: cursor.offset + end, state }, more: cursor.offset + end < file.size };
  }
  return read;
}

/** The offset of the newline ending an over-long line, or -1 while it is unfinished. */
async function skipLongLine(path: string, from: number): Promise<number> {
  for (let at = from; ; at += CHUNK_BYTES) {
    const bytes = await readAt(path, at, CHUNK_BYTES);
    const newline = bytes.indexOf(0x0a);
    if (newline !== -1) return at + newline;
    if (bytes.length < CHUNK_BYTES) return -1;
  }
}

async function readDocument(adapter: DocumentLogAdapter, file: LogFile, known: FileCursor | undefined): Promise<ChunkRead> {
  const cursor: FileCursor = { offset: file.size, state: {}, mtimeMs: file.mtimeMs };
  if (known && known.offset === file.size && known.mtimeMs === file.mtimeMs) return emptyRead(known);
  if (file.size > MAX_DOCUMENT_BYTES) return { ...emptyRead(cursor), malformed: 1 };
  const text = (await readAt(file.path, 0, file.size)).toString('utf8');
  const read = { ...emptyRead(cursor), bytes: file.size };
  for (const result of adapter.parseDocument(text, file.path).results) {
    if (result.kind === 'request') read.requests.push(result.request);
    else if (result.kind === 'session') read.sessions.push(result.session);
    else if (result.kind === 'malformed') read.malformed++;
  }
  return read;
}

/** The next chunk of what is new in `file`; call again while `more`. */
export function readLogChunk(adapter: AgentLogAdapter, file: LogFile, cursor: FileCursor | undefined): Promise<ChunkRead> {
  return adapter.format === 'jsonl' ? readLines(adapter, file, cursor) : readDocument(adapter, file, cursor);
}
