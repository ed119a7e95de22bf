/**
 * The running app's HTTP API as another process on this machine sees it (statusline, MCP server,
 * setup). The SQLite file is locked by the app, so these read through its API. Kept free of heavy
 * imports: the statusline runs after every Claude Code turn.
 */
import { get } from 'node:http';
import { DEFAULT_PORT, URL_PREFIX } from '../core.js';
import { AppError } from '../errors.js';

export interface CoreClient {
  base: string;
  /** The parsed JSON body; null on 404. Throws AppError('upstream_unreachable') when the app is not running. */
  get<T>(path: string): Promise<T | null>;
}

/** A plain node:http GET: global fetch would load undici first, a cost the statusline pays on every turn. */
function httpGet(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

export function coreClient(env: NodeJS.ProcessEnv = process.env, timeoutMs = 1_500): CoreClient {
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || DEFAULT_PORT}${URL_PREFIX}`;
  return {
    base,
    async get<T>(path: string): Promise<T | null> {
      let response: { status: number; body: string };
      try {
        response = await httpGet(`${base}${path}`, timeoutMs);
      } catch {
        throw new AppError('upstream_unreachable', `agent-budget is not running at ${base} (start it with \`npm start\` or \`npm run serve\`).`);
      }
      if (response.status === 404) return null;
      if (response.status >= 400) throw new AppError('api_error', `agent-budget answered ${response.status} for ${path}.`);
      return JSON.parse(response.body) as T;
    },
  };
}
