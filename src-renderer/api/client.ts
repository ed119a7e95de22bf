/** The typed HTTP client for the core's admin API, relative to the page (`./api/…`). */
import { readToken, saveToken } from './token';
import type {
  Alert, BlockedUsage, Budget, BudgetDetail, BudgetInput, Bucket, FieldError, Info, ModelPrice,
  Page, Pricing, Session, Stats, Timeseries, Usage, WebhookResult, ClaudeCodeSetupResult,
  CoreSettings, CoreSettingsInput,
} from '../../src-shared/api';
import type { CodexSetupInput, CodexSetupResult, CodexUndoResult } from '../../src-shared/codex';
import type { GeminiSetupRequest, GeminiSetupResult, GeminiUndoResult } from '../../src-shared/gemini';

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
    const { error } = JSON.parse(text) as { error?: { message?: string; fields?: FieldError[] } };
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

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const defined = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
  return new URLSearchParams(defined.map(([key, value]) => [key, String(value)])).toString();
}

const budgetPath = (id: number | string) => `budgets/${encodeURIComponent(String(id))}`;

export interface UsageQuery {
  limit: number;
  offset: number;
  status?: string;
  model?: string;
  estimated?: boolean;
}

export interface RangeQuery {
  bucket: Bucket;
  from: string;
  to: string;
  /** The viewer's UTC offset, so that day buckets start at local midnight. */
  offset_minutes?: number;
}

export const api = {
  info: () => request<Info>('GET', 'info'),
  stats: () => request<Stats>('GET', 'stats'),
  budgets: () => request<{ budgets: Budget[] }>('GET', 'budgets').then((r) => r.budgets),
  budget: (id: number | string) => request<BudgetDetail>('GET', budgetPath(id)),
  createBudget: (input: Partial<BudgetInput>) => request<Budget>('POST', 'budgets', input),
  updateBudget: (id: number, patch: Partial<BudgetInput>) => request<Budget>('PATCH', budgetPath(id), patch),
  deleteBudget: (id: number) => request<void>('DELETE', budgetPath(id)),
  usage: (id: number, q: UsageQuery) => request<Page<Usage>>('GET', `${budgetPath(id)}/usage?${query({ ...q })}`),
  budgetTimeseries: (id: number, q: RangeQuery) => request<Timeseries>('GET', `${budgetPath(id)}/timeseries?${query({ ...q })}`),
  testWebhook: (id: number) => request<WebhookResult>('POST', `${budgetPath(id)}/test-webhook`),
  alerts: (q: { limit: number; budget_id?: number }) => request<{ alerts: Alert[] }>('GET', `alerts?${query(q)}`).then((r) => r.alerts),
  recentBlocked: (limit: number) => request<{ items: BlockedUsage[] }>('GET', `usage/recent-blocked?limit=${limit}`).then((r) => r.items),
  pricing: () => request<Pricing>('GET', 'pricing'),
  setPrice: (price: ModelPrice) => request<ModelPrice>('PUT', 'pricing', price),
  setPaused: (paused: boolean) => request<unknown>('POST', 'pause', { paused }),
  sessions: (id: number) => request<{ sessions: Session[] }>('GET', `${budgetPath(id)}/sessions`).then((r) => r.sessions),
  settings: () => request<CoreSettings>('GET', 'settings'),
  updateSettings: (input: CoreSettingsInput) => request<CoreSettings>('PUT', 'settings', input),
  importClaudeCodeLogs: () => request<{ imported: number }>('POST', 'claude-code/import'),
  setupClaudeCode: (input: { project: string; budget?: string; max_output_tokens?: number | null; undo?: boolean }) =>
    request<ClaudeCodeSetupResult | { file: string; result: string }>('POST', 'claude-code/setup', input),
  setupCodex: (input: CodexSetupInput) => request<CodexSetupResult | CodexUndoResult>('POST', 'codex/setup', input),
  setupGemini: (input: GeminiSetupRequest) => request<GeminiSetupResult | GeminiUndoResult>('POST', 'gemini/setup', input),
};
