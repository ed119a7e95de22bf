/**
 * Which Gemini API paths the proxy meters, forwards unbilled, or refuses. Paths are below the API
 * version (`/v1beta` or `/v1`), e.g. `/models/gemini-2.5-pro:generateContent`.
 */
import type { RouteKind } from '../types.js';

const METHOD = /^\/models\/[^/:]+:([A-Za-z]+)$/;
const METERED_METHODS = new Set(['generateContent', 'streamGenerateContent']);
const SUPPORTED =
  'agent-budget meters POST /gemini/v1beta/models/{model}:generateContent and :streamGenerateContent (or under /gemini/v1), and forwards POST …:countTokens and GET …/models.';

export function routeGemini(method: string, path: string): RouteKind {
  const action = METHOD.exec(path)?.[1];
  if (action !== undefined && METERED_METHODS.has(action)) return method === 'POST' ? { kind: 'metered' } : unsupported(method, path);
  if (action === 'countTokens' && method === 'POST') return { kind: 'forward' };
  if (method === 'GET' && (path === '/models' || /^\/models\/[^/:]+$/.test(path))) return { kind: 'forward' };
  return unsupported(method, path);
}

function unsupported(method: string, path: string): RouteKind {
  return { kind: 'unsupported', message: `${method} ${path} is not supported by this proxy: it would run outside the budget. ${SUPPORTED}` };
}

/** The model id a metered path names: `/models/gemini-2.5-pro:generateContent` → `gemini-2.5-pro`. */
export function modelOfPath(path: string): string {
  return decodeURIComponent(path.slice('/models/'.length, path.lastIndexOf(':')));
}
