/**
 * The admin API route by route: what each answers with, and what it takes. The core registers its
 * JSON routes through this map (src-main/core/api/contract-router.ts) and the dashboard's client calls
 * them through it (src-renderer/api/client.ts), so both sides check against one definition.
 * Paths are relative to `/agent-budget/api`. The badge (SVG) and the event stream (SSE) are not JSON
 * and stay outside.
 */
import type {
  Alert, BlockedUsage, Budget, BudgetDetail, BudgetInput, Bucket, ClaudeCodeProject, ClaudeCodeProjectDetail,
  ClaudeCodeSetupResult, ClaudeCodeStatus, ClaudeCodeUndoResult, CoreSettings, CoreSettingsInput, Info, ModelPrice,
  Page, Pricing, Session, Stats, Timeseries, Usage, UsageStatus, UsageWindow, WebhookResult,
} from './api.js';

export interface UsageQuery {
  limit: number;
  offset: number;
  status?: UsageStatus | '';
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

export interface ClaudeCodeSetupInput {
  project: string;
  budget?: string;
  max_output_tokens?: number | null;
  undo?: boolean;
}

/** Optional price fields default from the input price (cache rates) or to the usual values. */
export type PriceInput = Pick<ModelPrice, 'model' | 'provider' | 'input_per_mtok' | 'output_per_mtok'> & Partial<ModelPrice>;

export interface ApiRoutes {
  'GET /info': { response: Info };
  'GET /stats': { response: Stats };
  'GET /budgets': { response: { budgets: Budget[] } };
  'POST /budgets': { body: Partial<BudgetInput>; response: Budget };
  'GET /budgets/:id': { response: BudgetDetail };
  'PATCH /budgets/:id': { body: Partial<BudgetInput>; response: Budget };
  'DELETE /budgets/:id': { response: void };
  'POST /budgets/:id/test-webhook': { response: WebhookResult };
  'GET /budgets/:id/usage': { query: UsageQuery; response: Page<Usage> };
  'GET /budgets/:id/timeseries': { query: RangeQuery; response: Timeseries };
  'GET /budgets/:id/sessions': { response: { sessions: Session[] } };
  'GET /timeseries': { query: RangeQuery; response: Timeseries };
  'GET /usage/recent-blocked': { query: { limit: number }; response: { items: BlockedUsage[] } };
  'GET /sessions/:id': { response: Session };
  'GET /pricing': { response: Pricing };
  'PUT /pricing': { body: PriceInput; response: ModelPrice };
  'GET /settings': { response: CoreSettings };
  'PUT /settings': { body: CoreSettingsInput; response: CoreSettings };
  'POST /pause': { body: { paused: boolean }; response: { paused: boolean } };
  'GET /alerts': { query: { limit: number; budget_id?: number }; response: { alerts: Alert[] } };
  'GET /claude-code/status': { response: ClaudeCodeStatus };
  'POST /claude-code/import': { response: { imported: number } };
  'GET /claude-code/projects': { query: { days: number }; response: { days: number; projects: ClaudeCodeProject[] } };
  'GET /claude-code/project': { query: { project: string; days: number; offset_minutes?: number }; response: ClaudeCodeProjectDetail };
  'GET /claude-code/windows': { response: { windows: UsageWindow[] } };
  'POST /claude-code/setup': { body: ClaudeCodeSetupInput; response: ClaudeCodeSetupResult | ClaudeCodeUndoResult };
}

export type ApiRoute = keyof ApiRoutes;
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ApiResponse<R extends ApiRoute> = ApiRoutes[R]['response'];
export type ApiBody<R extends ApiRoute> = ApiRoutes[R] extends { body: infer B } ? B : never;
export type ApiQuery<R extends ApiRoute> = ApiRoutes[R] extends { query: infer Q } ? Q : never;

/** The paths a method serves, e.g. `'/budgets/:id'` for GET. */
export type ApiPath<M extends ApiMethod> = ApiRoute extends infer R ? (R extends `${M} ${infer P}` ? P : never) : never;

/** `:name` segments of a path, each filled with a value. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string | number } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string | number }
    : Record<never, never>;
