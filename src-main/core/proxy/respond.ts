/** Writes a proxy error in the shape of the route's provider: the one place proxy errors are rendered. */
import type { ServerResponse } from 'node:http';
import { toAppError } from '../errors.js';
import type { ProviderAdapter } from '../providers/types.js';

export function sendProxyError(res: ServerResponse, adapter: ProviderAdapter, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const rendered = adapter.renderError(toAppError(error));
  res.writeHead(rendered.status, { 'content-type': 'application/json', ...rendered.headers });
  res.end(rendered.body);
}
