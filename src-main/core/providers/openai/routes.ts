/** Which OpenAI API paths the proxy meters, forwards unbilled, or refuses. */
import type { RouteKind } from '../types.js';

const SUPPORTED =
  'agent-budget meters POST /openai/v1/chat/completions and POST /openai/v1/responses, and forwards GET /openai/v1/models and GET /openai/v1/responses/{id}.';

export function routeOpenAI(method: string, path: string): RouteKind {
  if (path === '/chat/completions' || path === '/responses') {
    return method === 'POST' ? { kind: 'metered' } : unsupported(method, path);
  }
  if (method === 'GET' && (path === '/models' || path.startsWith('/models/'))) return { kind: 'forward' };
  // Polling a stored response costs nothing; creating or cancelling one goes through the metered route.
  if (method === 'GET' && /^\/responses\/[^/]+$/.test(path)) return { kind: 'forward' };
  return unsupported(method, path);
}

function unsupported(method: string, path: string): RouteKind {
  return { kind: 'unsupported', message: `${method} /openai/v1${path} is not supported by this proxy. ${SUPPORTED}` };
}
