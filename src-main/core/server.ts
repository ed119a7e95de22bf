/**
 * The HTTP server. Proxy traffic is dispatched first, on a lean path with its guards (Host,
 * Origin, limits) but without general-purpose middleware; everything else goes to express.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AppError, toAppError } from './errors.js';
import { checkHost, checkOrigin } from './http-guards.js';
import type { ProxyDeps } from './proxy/deps.js';
import { forwardUnmetered } from './proxy/forward.js';
import { handleMetered } from './proxy/metered.js';
import { sendProxyError } from './proxy/respond.js';
import { type Adapters, isBaseUrlProbe, matchProxyRoute, type ProxyTarget } from './proxy/route.js';
import { writeApiError } from './api/errors.js';

export interface ServerParts {
  deps: ProxyDeps;
  adapters: Adapters;
  /** The dashboard and admin API (express), loaded on its first request. */
  app: (req: IncomingMessage, res: ServerResponse) => void;
  port: () => number;
  allowedOrigins: () => readonly string[];
}

async function handleProxy(req: IncomingMessage, res: ServerResponse, target: ProxyTarget, parts: ServerParts): Promise<void> {
  try {
    checkHost(req.headers, parts.port(), parts.deps.config.allowRemote);
    checkOrigin(req.headers, parts.port(), parts.allowedOrigins());
    const route = target.adapter.route(req.method ?? 'GET', target.path);
    if (route.kind === 'unsupported') throw new AppError('unsupported_route', route.message);
    if (route.kind === 'forward') return await forwardUnmetered(req, res, target, parts.deps);
    await handleMetered(req, res, target, parts.deps);
  } catch (error) {
    req.resume();
    sendProxyError(res, target.adapter, error, parts.deps.logger, req.headers);
  }
}

export function createHttpServer(parts: ServerParts): Server {
  const server = createServer({ requestTimeout: 300_000, headersTimeout: 60_000, maxHeaderSize: 64 * 1024, keepAliveTimeout: 65_000 }, (req, res) => {
    if (isBaseUrlProbe(req.method, req.url!)) {
      res.writeHead(200, { 'content-length': '0' }).end();
      return;
    }
    const target = req.url!.startsWith('/agent-budget/') ? matchProxyRoute(req.url!, parts.adapters) : null;
    if (target) {
      void handleProxy(req, res, target, parts);
      return;
    }
    try {
      checkHost(req.headers, parts.port(), parts.deps.config.allowRemote);
    } catch (error) {
      writeApiError(res, toAppError(error));
      return;
    }
    parts.app(req, res);
  });
  return server;
}
