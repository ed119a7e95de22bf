/** Reads a request body up to a limit. Past the limit the rest is drained, so the 413 arrives. */
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new AppError('request_too_large', `Request body is larger than the proxy's limit of ${Math.round(limit / 1024 / 1024)} MB.`);
    if (declared > limit) {
      req.resume();
      req.once('end', () => reject(tooLarge()));
      req.once('error', () => reject(tooLarge()));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => (over ? reject(tooLarge()) : resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))));
    req.once('error', (error) => reject(error));
  });
}
