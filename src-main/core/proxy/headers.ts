/**
 * Which headers cross the proxy. Hop-by-hop headers belong to one connection (RFC 9110 §7.6.1);
 * the budget header is ours; `accept-encoding` is pinned to identity so usage can be read from
 * the response without decompressing it, and the client still gets exactly what the provider sent.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'content-length', 'x-budget-id', 'accept-encoding', 'origin', 'referer', 'cookie']);

export function upstreamRequestHeaders(incoming: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value !== undefined && !NOT_FORWARDED.has(name)) out[name] = value;
  }
  out['accept-encoding'] = 'identity';
  return out;
}

export function clientResponseHeaders(upstream: Record<string, string | string[] | undefined>, keepLength: boolean): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (name === 'content-length' && !keepLength) continue;
    out[name] = value;
  }
  return out;
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
