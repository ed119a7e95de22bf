/** Writes a proxy error in the shape of the route's provider: the one place proxy errors are rendered. */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { toAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ProviderAdapter } from '../providers/types.js';

export function sendProxyError(res: ServerResponse, adapter: ProviderAdapter, error: unknown, logger: Logger, requestHeaders: IncomingHttpHeaders = {}): void {
  const appError = toAppError(error);
  // The kind and message only: messages name budgets and models, never credentials or bodies.
  logger.info({ provider: adapter.provider, status: appError.status, kind: appError.kind, message: appError.message }, 'proxy request not served');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const rendered = adapter.renderError(appError, requestHeaders);
  res.writeHead(rendered.status, { 'content-type': 'application/json', ...rendered.headers });
  res.end(rendered.body);
}
