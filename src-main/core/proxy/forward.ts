/** Unbilled routes (token counting, model lists) and fail-open traffic: relayed as they are. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors.js';
import type { ProxyDeps } from './deps.js';
import { AS_IS, exchange } from './exchange.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './headers.js';
import { readBody } from './read-body.js';
import type { ProxyTarget } from './route.js';
import { isTimeout } from './upstream.js';

export async function forwardUnmetered(req: IncomingMessage, res: ServerResponse, target: ProxyTarget, deps: ProxyDeps, body?: Buffer): Promise<void> {
  const upstream = deps.upstreams[target.adapter.provider];
  const method = req.method ?? 'GET';
  const payload = body ?? (method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, deps.config.maxBodyBytes));
  const end = await exchange(upstream, { path: target.upstreamPath, method, headers: upstreamRequestHeaders(req.headers), body: payload }, res, (statusCode, headers) => {
    res.writeHead(statusCode, clientResponseHeaders(headers, true));
    return AS_IS;
  });
  if (end.answered) return;
  if (isTimeout(end.error)) throw new AppError('upstream_timeout', `${upstream.origin} sent nothing for ${deps.config.upstreamTimeoutS} s.`);
  throw new AppError('upstream_unreachable', `agent-budget could not reach ${upstream.origin}.`);
}
