/** Unbilled routes (token counting, model lists) and fail-open traffic: relayed as they are. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeChunk } from './backpressure.js';
import { AppError } from '../errors.js';
import type { ProxyDeps } from './deps.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './headers.js';
import { readBody } from './read-body.js';
import type { ProxyTarget } from './route.js';
import { isTimeout } from './upstream.js';

export async function forwardUnmetered(req: IncomingMessage, res: ServerResponse, target: ProxyTarget, deps: ProxyDeps, body?: Buffer): Promise<void> {
  const upstream = deps.upstreams[target.adapter.provider];
  const method = req.method ?? 'GET';
  const payload = body ?? (method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, deps.config.maxBodyBytes));
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  let response;
  try {
    response = await upstream.dispatcher.request({
      origin: upstream.origin,
      path: upstream.basePath + target.upstreamPath,
      method: method as 'GET',
      headers: upstreamRequestHeaders(req.headers),
      body: payload,
      signal: abort.signal,
    });
  } catch (error) {
    if (isTimeout(error)) throw new AppError('upstream_timeout', `${upstream.origin} sent nothing for ${deps.config.upstreamTimeoutS} s.`);
    throw new AppError('upstream_unreachable', `agent-budget could not reach ${upstream.origin}.`);
  }
  res.writeHead(response.statusCode, clientResponseHeaders(response.headers, true));
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      await writeChunk(res, chunk);
    }
    res.end();
  } catch {
    res.destroy();
  }
}
