/**
 * One request sent upstream and its answer relayed to the client as it arrives. undici's handler
 * callbacks write each chunk straight to the client, with no stream and no promise per chunk in
 * between: on the benchmark that took ~0.1 ms off the first event of a stream (bench/README.md).
 * A full client buffer pauses the upstream socket until it drains; a client that leaves aborts the
 * upstream request.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Upstream } from './upstream.js';

/** How the client's copy of the body is made; chosen when the upstream's head arrives. */
export interface ClientCopy {
  /** What the client gets for a chunk from upstream. */
  transform(chunk: Buffer): Buffer;
  /** What the client gets after the last chunk. */
  flush(): Buffer;
}

const NOTHING = Buffer.alloc(0);

export const AS_IS: ClientCopy = { transform: (chunk) => chunk, flush: () => NOTHING };

const clientGone = () => new Error('The client closed the connection.');

export interface UpstreamRequest {
  /** Below the upstream's base path, with the query. */
  path: string;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string | string[]>;
  body?: Buffer;
}

export type ExchangeEnd =
  /** No answer came, so nothing reached the client; `clientLeft` when its leaving caused that. */
  | { answered: false; error: Error; clientLeft: boolean }
  /** The answer's head reached the client; its body then ended, or the client left, or the upstream cut it off. */
  | { answered: true; statusCode: number; body: 'complete' | 'client_left' | 'upstream_cut' };

/**
 * `onHead` writes the client's head (it may throw: the exchange then ends unanswered) and says how
 * the body is copied. Never rejects: every ending is a value the caller settles on.
 */
export function exchange(
  upstream: Upstream,
  request: UpstreamRequest,
  res: ServerResponse,
  onHead: (statusCode: number, headers: IncomingHttpHeaders) => ClientCopy,
): Promise<ExchangeEnd> {
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | null = null;
    let clientLeft = false;
    let statusCode = 0;
    let copy = AS_IS;
    res.once('close', () => {
      if (res.writableFinished) return;
      clientLeft = true;
      controller?.abort(clientGone());
    });
    const options = { origin: upstream.origin, path: upstream.basePath + request.path, method: request.method, headers: request.headers, body: request.body };
    upstream.dispatcher.dispatch(options, {
      onRequestStart(started) {
        controller = started;
        if (clientLeft) started.abort(clientGone());
      },
      onResponseStart(started, code, headers) {
        if (code < 200) return; // informational: the final head follows
        try {
          copy = onHead(code, headers);
          statusCode = code;
        } catch (error) {
          started.abort(error as Error);
        }
      },
      onResponseData(flowing, chunk) {
        try {
          const out = copy.transform(chunk);
          if (out.length > 0 && !res.write(out) && !flowing.paused) {
            flowing.pause();
            res.once('drain', () => flowing.resume());
          }
        } catch (error) {
          flowing.abort(error as Error);
        }
      },
      onResponseEnd() {
        res.end(copy.flush());
        resolve({ answered: true, statusCode, body: 'complete' });
      },
      onResponseError(_controller, error) {
        if (statusCode === 0) return resolve({ answered: false, error, clientLeft });
        if (!clientLeft) res.destroy();
        resolve({ answered: true, statusCode, body: clientLeft ? 'client_left' : 'upstream_cut' });
      },
    });
  });
}
