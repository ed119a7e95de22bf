/** Which Anthropic API paths the proxy meters, forwards unbilled, or refuses. */
import type { RouteKind } from '../types.js';

const METERED: RouteKind = { kind: 'metered' };
const FORWARD: RouteKind = { kind: 'forward' };

/** Billable endpoints whose cost the proxy cannot bound or settle: refusing beats running them unmetered. */
const UNSUPPORTED_BILLABLE = [/^\/messages\/batches/, /^\/complete$/, /^\/files/, /^\/skills/, /^\/agents/, /^\/sessions/];

export function routeAnthropic(method: string, path: string): RouteKind {
  if (path === '/messages') return method === 'POST' ? METERED : notSupported(method, path);
  if (path === '/messages/count_tokens' && method === 'POST') return FORWARD;
  if ((path === '/models' || path.startsWith('/models/')) && method === 'GET') return FORWARD;
  if (UNSUPPORTED_BILLABLE.some((pattern) => pattern.test(path))) return notSupported(method, path);
  return {
    kind: 'unsupported',
    message: `Unknown path ${method} /v1${path}. agent-budget proxies POST /v1/messages (metered), POST /v1/messages/count_tokens and GET /v1/models.`,
  };
}

function notSupported(method: string, path: string): RouteKind {
  return {
    kind: 'unsupported',
    message: `${method} /v1${path} is not supported by this proxy: it would run outside the budget. agent-budget meters POST /v1/messages.`,
  };
}
