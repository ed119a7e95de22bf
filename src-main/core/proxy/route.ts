/** Maps a request URL to a provider and, for path-tagged base URLs, a budget name. */
import type { ProviderAdapter } from '../providers/types.js';

export interface ProxyTarget {
  adapter: ProviderAdapter;
  /** Budget named in the path (`/b/<name>/…`); the header is consulted when null. */
  pathBudget: string | null;
  /** Below the provider's API version (`/v1`, Gemini's `/v1beta`), without the query: what the adapter routes on. */
  path: string;
  /** What is sent upstream: `/v1/…` (or `/v1beta/…`) with the original query string. */
  upstreamPath: string;
}

export interface Adapters {
  anthropic: ProviderAdapter;
  openai: ProviderAdapter;
  gemini: ProviderAdapter;
}

const PROXY_PATH = /^\/agent-budget(?:\/b\/([^/?#]+))?(?:\/(openai|gemini))?(\/v1(beta|alpha)?(\/[^?#]*)?)(\?[^#]*)?$/;

export function matchProxyRoute(url: string, adapters: Adapters): ProxyTarget | null {
  const match = PROXY_PATH.exec(url);
  if (!match) return null;
  const [, budget, provider, v1, preview, rest, query] = match;
  // Only Google's API has versions past v1.
  if (preview && provider !== 'gemini') return null;
  return {
    adapter: provider === 'openai' ? adapters.openai : provider === 'gemini' ? adapters.gemini : adapters.anthropic,
    pathBudget: budget ? decodeURIComponent(budget) : null,
    path: rest ?? '/',
    upstreamPath: v1! + (query ?? ''),
  };
}

/** `HEAD /agent-budget/` (and the path-tagged form): Claude Code probes its base URL. */
const BASE_URL = /^\/agent-budget(\/b\/[^/?#]+)?(\/openai|\/gemini)?\/?(\?.*)?$/;

export function isBaseUrlProbe(method: string | undefined, url: string): boolean {
  return method === 'HEAD' && BASE_URL.test(url);
}
