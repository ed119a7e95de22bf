/**
 * Incremental reading of an append-only file: the complete lines added since `offset`, and the
 * offset after the last of them (a half-written last line waits for the next read). A file that
 * shrank was replaced, and is read again from the start.
 */
import { open, stat } from 'node:fs/promises';

/** Bounds one read, so a huge backlog is taken in steps rather than in one allocation. */
const MAX_READ_BYTES = 16 * 1024 * 1024;

export async function readNewLines(path: string, offset: number): Promise<{ lines: string[]; offset: number }> {
  const { size } = await stat(path);
  const from = size < offset ? 0 : offset;
  if (size === from) return { lines: [], offset: from };
  const length = Math.min(size - from, MAX_READ_BYTES);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, from);
    const lastNewline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (lastNewline === -1) return { lines: [], offset: from };
    const text = buffer.subarray(0, lastNewline).toString('utf8');
    return { lines: text.split('\n').filter((line) => line.trim().length > 0), offset: from + lastNewline + 1 };
  } finally {
    await handle.close();
  }
}
