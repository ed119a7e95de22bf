/**
 * The raw bytes a pass reads, in bounded chunks that end on a line boundary, with the next read
 * already under way while the current chunk is parsed (the disk and the parser work at once).
 */
import { open } from 'node:fs/promises';
import type { LogFile } from './log-files.js';

/** Bounds one read: a huge backlog is taken in steps rather than in one allocation. */
export const CHUNK_BYTES = 2 * 1024 * 1024;
/** A longer line than this is not a log line: it is skipped as malformed. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface FileChunk {
  file: LogFile;
  /** Where the chunk starts in the file. */
  offset: number;
  /** Complete lines only (empty for a skipped over-long line). */
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

/** The offset just past the newline ending the line at `from`, or -1 while that line is unfinished. */
async function endOfLine(path: string, from: number): Promise<number> {
  for (let at = from; ; at += CHUNK_BYTES) {
    const bytes = await readAt(path, at, CHUNK_BYTES);
    const newline = bytes.indexOf(0x0a);
    if (newline !== -1) return at + newline + 1;
    if (bytes.length < CHUNK_BYTES) return -1;
  }
}

/** The file's complete lines from `from` on, chunk by chunk (a half-written last line waits for the next pass). */
async function* chunksOf({ file, from }: ChunkSource): AsyncGenerator<FileChunk> {
  let offset = from;
  let length = Math.min(file.size - offset, CHUNK_BYTES);
  while (length > 0) {
    const bytes = await readAt(file.path, offset, length);
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
      const next = await endOfLine(file.path, offset + length);
      if (next === -1) return;
      yield { file, offset, bytes: Buffer.alloc(0), consumed: next - offset, skippedLine: true };
      offset = next;
      length = Math.min(file.size - offset, CHUNK_BYTES);
    }
  }
}

/** Every chunk of every source in order, the next one read while the caller handles the current. */
export async function* readAhead(sources: readonly ChunkSource[]): AsyncGenerator<FileChunk | { file: LogFile; done: true }> {
  async function* all() {
    for (const source of sources) {
      try {
        yield* chunksOf(source);
      } catch {
        // Removed or unreadable since it was listed: what was read of it stands, the next pass retries.
      }
      yield { file: source.file, done: true as const };
    }
  }
  const iterator = all();
  let next = iterator.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = iterator.next();
    // A failed read ahead is reported when its turn comes, not while the current chunk is handled.
    next.catch(() => undefined);
    yield current.value;
  }
}
