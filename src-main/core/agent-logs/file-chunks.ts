/**
 * The raw bytes a pass reads, in bounded chunks that end on a line boundary. The reads are
 * synchronous, on the parse worker's own thread, into one buffer reused chunk after chunk:
 * - libuv's pool threads (where asynchronous reads run) have normal priority, so the copies out of the
 *   page cache competed with the proxy's thread for a core;
 * - a fresh buffer per chunk meant fresh pages, and the page faults of a few megabytes a millisecond
 *   delayed the proxy's requests even from an idle-priority thread (the rounds' p90 and p99 tripled).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogFile } from './log-files.js';

/** Bounds one read: a huge backlog is taken in steps rather than in one allocation. */
export const CHUNK_BYTES = 2 * 1024 * 1024;
/** A longer line than this is not a log line: it is skipped as malformed. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface FileChunk {
  file: LogFile;
  /** Where the chunk starts in the file. */
  offset: number;
  /** Complete lines only (empty for a skipped over-long line); valid until the next chunk is taken. */
  bytes: Buffer;
  /** Bytes the chunk moves the file's cursor by (more than `bytes` for a skipped line). */
  consumed: number;
  /** An over-long line was skipped. */
  skippedLine: boolean;
}

export interface ChunkSource {
  file: LogFile;
  from: number;
}

/** One buffer for a whole pass, grown only for a line longer than a chunk. */
class ReadBuffer {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);

  read(fd: number, from: number, length: number): Buffer {
    if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const got = readSync(fd, this.buffer, filled, length - filled, from + filled);
      if (got === 0) break;
      filled += got;
    }
    return this.buffer.subarray(0, filled);
  }
}

/** The offset just past the newline ending the line at `from`, or -1 while that line is unfinished. */
function endOfLine(fd: number, buffer: ReadBuffer, from: number): number {
  for (let at = from; ; at += CHUNK_BYTES) {
    const bytes = buffer.read(fd, at, CHUNK_BYTES);
    const newline = bytes.indexOf(0x0a);
    if (newline !== -1) return at + newline + 1;
    if (bytes.length < CHUNK_BYTES) return -1;
  }
}

/** The file's complete lines from `from` on, chunk by chunk (a half-written last line waits for the next pass). */
function* chunksOf({ file, from }: ChunkSource, buffer: ReadBuffer): Generator<FileChunk> {
  const fd = openSync(file.path, 'r');
  try {
    let offset = from;
    let length = Math.min(file.size - offset, CHUNK_BYTES);
    while (length > 0) {
      const bytes = buffer.read(fd, offset, length);
      const end = bytes.lastIndexOf(0x0a) + 1;
      if (end > 0) {
        yield { file, offset, bytes: bytes.subarray(0, end), consumed: end, skippedLine: false };
        offset += end;
        length = Math.min(file.size - offset, CHUNK_BYTES);
      } else if (bytes.length < length || offset + length >= file.size) {
        return;
      } else if (length < MAX_LINE_BYTES) {
        length = Math.min(length * 2, file.size - offset);
      } else {
        const next = endOfLine(fd, buffer, offset + length);
        if (next === -1) return;
        yield { file, offset, bytes: Buffer.alloc(0), consumed: next - offset, skippedLine: true };
        offset = next;
        length = Math.min(file.size - offset, CHUNK_BYTES);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Every chunk of every source in order, each file followed by its end; a chunk's bytes last until the next is taken. */
export function* readChunks(sources: readonly ChunkSource[]): Generator<FileChunk | { file: LogFile; done: true }> {
  const buffer = new ReadBuffer();
  for (const source of sources) {
    try {
      yield* chunksOf(source, buffer);
    } catch {
      // Removed or unreadable since it was listed: what was read of it stands, the next pass retries.
    }
    yield { file: source.file, done: true };
  }
}
