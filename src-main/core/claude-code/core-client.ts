/**
 * The running app's HTTP API as another process on this machine sees it (statusline, MCP server,
 * setup). The SQLite file is locked by the app, so these read through its API. Kept free of heavy
 * imports: the statusline runs after every Claude Code turn.
 */
import { DEFAULT_PORT, URL_PREFIX } from '../core.js';
import { AppError } from '../errors.js';

export interface CoreClient {
  base: string;
  /** The parsed JSON body; null on 404. Throws AppError('upstream_unreachable') when the app is not running. */
  get<T>(path: string): Promise<T | null>;
}

export function coreClient(env: NodeJS.ProcessEnv = process.env, timeoutMs = 1_500): CoreClient {
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || DEFAULT_PORT}${URL_PREFIX}`;
  return {
    base,
    async get<T>(path: string): Promise<T | null> {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        throw new AppError('upstream_unreachable', `agent-budget is not running at ${base} (start it with \`npm start\` or \`npm run serve\`).`);
      }
      if (response.status === 404) return null;
      if (!response.ok) throw new AppError('api_error', `agent-budget answered ${response.status} for ${path}.`);
      return (await response.json()) as T;
    },
  };
}
