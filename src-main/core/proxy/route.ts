/** Maps a request URL to a provider and, for path-tagged base URLs, a budget name. */
import type { ProviderAdapter } from '../providers/types.js';

export interface ProxyTarget {
  adapter: ProviderAdapter;
  /** Budget named in the path (`/b/<name>/…`); the header is consulted when null. */
  pathBudget: string | null;
  /** Below the provider's `/v1`, without the query: what the adapter routes on. */
  path: string;
  /** What is sent upstream: `/v1/…` with the original query string. */
  upstreamPath: string;
}

export interface Adapters {
  anthropic: ProviderAdapter;
  openai: ProviderAdapter;
}

const PROXY_PATH = /^\/agent-budget(?:\/b\/([^/?#]+))?(\/openai)?(\/v1(\/[^?#]*)?)(\?[^#]*)?$/;

export function matchProxyRoute(url: string, adapters: Adapters): ProxyTarget | null {
  const match = PROXY_PATH.exec(url);
  if (!match) return null;
  const [, budget, openai, v1, rest, query] = match;
  return {
    adapter: openai ? adapters.openai : adapters.anthropic,
    pathBudget: budget ? decodeURIComponent(budget) : null,
    path: rest ?? '/',
    upstreamPath: v1! + (query ?? ''),
  };
}

/** `HEAD /agent-budget/` (and the path-tagged form): Claude Code probes its base URL. */
const BASE_URL = /^\/agent-budget(\/b\/[^/?#]+)?(\/openai)?\/?(\?.*)?$/;

export function isBaseUrlProbe(method: string | undefined, url: string): boolean {
  return method === 'HEAD' && BASE_URL.test(url);
}
