/**
 * The HTTP client for the core's admin API, relative to the page (`./api/…`), typed route by route
 * by the shared contract (src-shared/routes.ts): the path, its parameters, query and body, and the
 * answer's type all come from the one definition the core's routes are checked against.
 */
import { readToken, saveToken } from './token';
import type { ApiErrorBody, BudgetInput, FieldError, ModelPrice } from '../../src-shared/api';
import type { ApiBody, ApiMethod, ApiQuery, ApiResponse, ApiRoute, ClaudeCodeSetupInput, PathParams, RangeQuery, UsageQuery } from '../../src-shared/routes';

import type { CodexSetupInput, CodexSetupResult, CodexUndoResult } from '../../src-shared/codex';
import type { GeminiSetupRequest, GeminiSetupResult, GeminiUndoResult } from '../../src-shared/gemini';

export type { RangeQuery, UsageQuery };

/** An answer the core gave with an error status; `fields` name the inputs at fault. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly fields: FieldError[] = []) {
    super(message);
  }
}

/** The core could not be reached at all (stopped, restarting, network gone). */
export class UnreachableError extends Error {}

type TokenPrompt = () => Promise<string | null>;
let promptForToken: TokenPrompt = async () => null;

/** The app registers the dialog that asks for the admin token when a write is refused with 401. */
export function setTokenPrompt(prompt: TokenPrompt): void {
  promptForToken = prompt;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(`./api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (cause) {
    throw new UnreachableError(`The core is unreachable: ${(cause as Error).message}`);
  }
}

async function toError(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const { error } = JSON.parse(text) as Partial<ApiErrorBody>;
    return new ApiError(response.status, error?.message ?? `HTTP ${response.status}`, error?.fields ?? []);
  } catch {
    return new ApiError(response.status, text.trim() || `HTTP ${response.status}`);
  }
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  if (response.status === 401) {
    const token = await promptForToken();
    if (token) {
      saveToken(token);
      response = await send(method, path, body);
    }
  }
  if (response.status >= 502 && response.status <= 504) throw new UnreachableError(`The core answered ${response.status}`);
  if (!response.ok) throw await toError(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export function query(params: object): string {
  const defined = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
  return new URLSearchParams(defined.map(([key, value]) => [key, String(value)])).toString();
}

type PathOf<R extends ApiRoute> = R extends `${ApiMethod} ${infer P}` ? P : never;
/** What a route needs besides its name: its path's parameters, its query, its body (each only when it has one). */
export type CallOptions<R extends ApiRoute> = (keyof PathParams<PathOf<R>> extends never ? unknown : { params: PathParams<PathOf<R>> }) &
  ([ApiQuery<R>] extends [never] ? unknown : { query: ApiQuery<R> }) &
  ([ApiBody<R>] extends [never] ? unknown : { body: ApiBody<R> });

interface AnyOptions {
  params?: Record<string, string | number>;
  query?: object;
  body?: unknown;
}

/** Calls one route of the contract: `call('GET /budgets/:id', { params: { id } })` answers a BudgetDetail. */
export function call<R extends ApiRoute>(route: R, ...[options]: unknown extends CallOptions<R> ? [] : [CallOptions<R>]): Promise<ApiResponse<R>> {
  const { params = {}, query: search, body } = (options ?? {}) as AnyOptions;
  const [method, template] = route.split(' ') as [ApiMethod, string];
  const path = template.slice(1).replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const qs = search ? query(search) : '';
  return request<ApiResponse<R>>(method, qs ? `${path}?${qs}` : path, body);
}

export const api = {
  info: () => call('GET /info'),
  stats: () => call('GET /stats'),
  budgets: () => call('GET /budgets').then((r) => r.budgets),
  budget: (id: number | string) => call('GET /budgets/:id', { params: { id } }),
  createBudget: (input: Partial<BudgetInput>) => call('POST /budgets', { body: input }),
  updateBudget: (id: number, patch: Partial<BudgetInput>) => call('PATCH /budgets/:id', { params: { id }, body: patch }),
  deleteBudget: (id: number) => call('DELETE /budgets/:id', { params: { id } }),
  usage: (id: number, q: UsageQuery) => call('GET /budgets/:id/usage', { params: { id }, query: q }),
  budgetTimeseries: (id: number, q: RangeQuery) => call('GET /budgets/:id/timeseries', { params: { id }, query: q }),
  testWebhook: (id: number) => call('POST /budgets/:id/test-webhook', { params: { id } }),
  alerts: (q: { limit: number; budget_id?: number }) => call('GET /alerts', { query: q }).then((r) => r.alerts),
  recentBlocked: (limit: number) => call('GET /usage/recent-blocked', { query: { limit } }).then((r) => r.items),
  pricing: () => call('GET /pricing'),
  setPrice: (price: ModelPrice) => call('PUT /pricing', { body: price }),
  setPaused: (paused: boolean) => call('POST /pause', { body: { paused } }),
  sessions: (id: number) => call('GET /budgets/:id/sessions', { params: { id } }).then((r) => r.sessions),
  settings: () => call('GET /settings'),
  updateSettings: (input: ApiBody<'PUT /settings'>) => call('PUT /settings', { body: input }),
  importClaudeCodeLogs: () => call('POST /claude-code/import'),
  setupClaudeCode: (input: ClaudeCodeSetupInput) => call('POST /claude-code/setup', { body: input }),
  setupCodex: (input: CodexSetupInput) => request<CodexSetupResult | CodexUndoResult>('POST', 'codex/setup', input),
  setupGemini: (input: GeminiSetupRequest) => request<GeminiSetupResult | GeminiUndoResult>('POST', 'gemini/setup', input),
};
