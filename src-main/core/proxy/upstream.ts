/**
 * Connections to the providers: one keep-alive pool per upstream origin (undici), or, where the
 * environment names an HTTP(S) proxy, undici's proxy agent, which honours HTTPS_PROXY/NO_PROXY.
 * NODE_EXTRA_CA_CERTS is applied by Node's TLS layer itself.
 */
import { type Dispatcher, EnvHttpProxyAgent, Pool } from 'undici';

export interface Upstream {
  origin: string;
  /** Path prefix of the upstream base URL, e.g. '' or '/proxy'. */
  basePath: string;
  dispatcher: Dispatcher;
}

function usesProxy(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

export function createUpstream(baseUrl: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Upstream {
  const url = new URL(baseUrl);
  const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
  const dispatcher = usesProxy(env)
    ? new EnvHttpProxyAgent({ ...timeouts, keepAliveTimeout: 30_000 })
    : new Pool(url.origin, { ...timeouts, connections: 256, keepAliveTimeout: 30_000, pipelining: 1 });
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, ''), dispatcher };
}

/** Errors raised before a single byte of the request reached the provider: nothing was billed. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export function neverReachedUpstream(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code !== undefined && NEVER_SENT.has(code);
}

export function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}
