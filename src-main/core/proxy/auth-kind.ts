/** Whether a request pays per token (API key) or rides a subscription (OAuth): never the credential. */
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthKind } from '../store/types.js';
import type { Provider } from '../usage.js';

export function authKind(provider: Provider, headers: IncomingHttpHeaders): AuthKind | null {
  // Gemini API traffic is always billed per token (subscription logins use Google's other endpoints).
  if (headers['x-api-key'] || provider === 'gemini') return 'api_key';
  const authorization = headers.authorization;
  if (!authorization) return null;
  // Bearer tokens carry API keys too (OpenAI's SDK, Anthropic's SDK 1.x); Claude subscription
  // logins are OAuth access tokens, which Anthropic prefixes `sk-ant-oat`.
  return provider === 'anthropic' && authorization.startsWith('Bearer sk-ant-oat') ? 'oauth' : 'api_key';
}
