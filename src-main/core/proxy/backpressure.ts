import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Writes a chunk and, when the client's buffer is full, waits until it drains (or the client leaves). */
export async function writeChunk(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (chunk.length > 0 && !res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
