/**
 * The admin API's JSON shapes, the one HTTP contract both the core and the dashboard import (no Node,
 * no DOM). The core's views and routes are typed by these (a field renamed on either side fails
 * `npm run typecheck`); `routes.ts` says which route answers with which.
 */
import type { AgentLogSource } from './agents.js';

export type Period = 'daily' | 'weekly' | 'monthly' | 'total';
export const PERIODS: readonly Period[] = ['daily', 'weekly', 'monthly', 'total'];
export type Provider = 'anthropic' | 'openai' | 'gemini';
export type UsageStatus = 'pending' | 'ok' | 'error' | 'aborted' | 'blocked' | 'interrupted';
/** The statuses the usage list can be filtered by (pending rows are requests still in flight). */
export const USAGE_STATUSES: readonly UsageStatus[] = ['ok', 'error', 'aborted', 'blocked', 'interrupted'];

export interface Info {
  version: string;
  origin: string;
  proxy_url: string;
  openai_url: string;
  port: number;
  store: 'sqlite' | 'postgres';
  paused: boolean;
  requires_token: boolean;
}

export interface Budget {
  id: number;
  name: string;
  max_dollars: number | null;
  period: Period;
  timezone: string;
  webhook_url: string | null;
  clamp_max_tokens: boolean;
  max_dollars_per_session: number | null;
  /** Set: the budget also counts this project's Claude Code logs (alerts only, it cannot block). */
  watch_project: string | null;
  spent_dollars: number;
  reserved_dollars: number;
  remaining_dollars: number | null;
  /** spent / cap, 0-100+; null when uncapped. */
  percent_used: number | null;
  period_start: string;
  resets_at: string | null;
  created_at: string;
}

export interface TokenCounts {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface ModelSpend extends TokenCounts {
  model: string;
  provider: Provider;
  requests: number;
  cost_dollars: number;
}

export interface BudgetDetail extends Budget {
  by_model: ModelSpend[];
}

export interface BudgetInput {
  name: string;
  max_dollars: number | string | null;
  period: Period;
  timezone: string;
  webhook_url: string | null;
  clamp_max_tokens: boolean;
  max_dollars_per_session: number | string | null;
  watch_project: string | null;
}

/** The core's own settings, shared by every instance in team mode. */
export interface CoreSettings {
  auto_create_budgets: boolean;
  retention_days: number;
  default_max_dollars: number | null;
  default_period: Period;
  global_max_dollars: number | null;
  global_period: Period;
  fail_open: boolean;
  allowed_origins: string[];
  paused: boolean;
}

/** What the settings form sends: numbers the user typed stay text when they are not numbers, so the API names the problem. */
export type CoreSettingsInput = Omit<Partial<Record<keyof CoreSettings, unknown>>, 'paused'>;

/** Claude Code's spend in one project folder (from its logs and the proxy's records). */
export interface ClaudeCodeProject {
  project: string;
  requests: number;
  sessions: number;
  cost_dollars: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  first_at: string;
  last_at: string;
}

export interface ClaudeCodeProjectDetail {
  project: string;
  sessions: Session[];
  days: { start: string; requests: number; cost_dollars: number }[];
}

/** One of Anthropic's 5-hour subscription windows, at API-equivalent cost. */
export interface UsageWindow {
  start: string;
  end: string;
  last_at: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_dollars: number;
  active: boolean;
}

export type ClaudeCodeStatus =
  | { enabled: false }
  | { enabled: true; roots: string[]; files: number; requests: number; corrected: number; duplicates: number; malformed_lines: number; unpriced_models: string[]; last_import_at: string | null };

/** One Claude Code session's requests (by its `x-claude-code-session-id`). */
export interface Session {
  session_id: string;
  requests: number;
  blocked_requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_dollars: number;
  first_at: string;
  last_at: string;
  budgets: string[];
}

export interface ClaudeCodeSetupResult {
  file: string;
  backup: string | null;
  budget: string;
  proxy_url: string;
}

/** `undo: true`: the project's settings file as it was before setup. */
export interface ClaudeCodeUndoResult {
  file: string;
  result: 'restored' | 'removed' | 'nothing to undo';
}

export type AuthKind = 'api_key' | 'oauth';
/** Who recorded a usage row: the proxy, or an agent's own logs. */
export type UsageSource = 'proxy' | AgentLogSource;

/** What a usage record says of its request, the same in the store's rows and in the API. */
export interface UsageFacts {
  id: number;
  budget_id: number | null;
  provider: Provider;
  model: string;
  status: UsageStatus;
  stream: boolean;
  estimated: boolean;
  price_inferred: boolean;
  clamped_max_tokens: number | null;
  request_id: string | null;
  session_id: string | null;
  /** The agent's working folder, when known (from its logs). */
  project: string | null;
  auth_kind: AuthKind | null;
  source: UsageSource;
}

export interface Usage extends UsageFacts, TokenCounts {
  /** The cache writes split by lifetime (`cache_creation_input_tokens` is their sum). */
  cache_write_5m_tokens: number;
  cache_write_1h_tokens: number;
  web_search_requests: number;
  cost_dollars: number;
  reserved_dollars: number;
  /** Paid by a subscription (OAuth token) or read from Claude Code's logs: the cost is at API rates. */
  api_equivalent: boolean;
  created_at: string;
}

export interface BlockedUsage extends Usage {
  /** Null when the refused request named no budget that exists. */
  budget_name: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Bucket = 'hour' | 'day';

export interface TimePoint extends ModelSpend {
  start: string;
  blocked: number;
}

export interface Timeseries {
  bucket: Bucket;
  from: string;
  to: string;
  points: TimePoint[];
}

export interface Delivery {
  event: 'threshold' | 'test';
  status_code: number | null;
  error: string | null;
  attempted_at: string;
}

export interface Alert {
  id: number;
  budget_id: number;
  budget_name: string;
  threshold: 50 | 80 | 100;
  spent_dollars: number;
  max_dollars: number;
  period_start: string;
  created_at: string;
  deliveries: Delivery[];
}

export interface WebhookResult {
  delivered: boolean;
  status_code: number | null;
  error: string | null;
  attempts: number;
}

export interface ModelPrice {
  model: string;
  provider: Provider;
  input_per_mtok: number;
  output_per_mtok: number;
  cache_write_5m_per_mtok: number;
  cache_write_1h_per_mtok: number;
  cache_read_per_mtok: number;
  long_context_threshold: number | null;
  long_context_input_per_mtok: number | null;
  long_context_output_per_mtok: number | null;
  web_search_per_use_dollars: number;
  max_output_tokens: number;
  source_date: string;
}

export interface Pricing {
  updated_at: string | null;
  models: ModelPrice[];
  /** Models seen without a price of their own, and the known model priced in their place (null: none now). */
  inferred: { model: string; priced_as: string | null; requests: number }[];
}

export interface Stats extends TokenCounts {
  today_dollars: number;
  month_dollars: number;
  total_dollars: number;
  last_hour_dollars: number;
  requests: number;
  blocked_requests: number;
  top_budgets: { name: string; cost_dollars: number }[];
  top_models: { model: string; cost_dollars: number }[];
  /** This month's spend per provider. */
  by_provider: { provider: Provider; cost_dollars: number }[];
}

/** The event types of the core's SSE stream (`GET /api/events`). */
export type CoreEventType = 'spend' | 'alert' | 'blocked' | 'paused' | 'budgets' | 'pricing' | 'claude-code' | 'agent-logs';
export const CORE_EVENT_TYPES: readonly CoreEventType[] = ['spend', 'alert', 'blocked', 'paused', 'budgets', 'pricing', 'claude-code', 'agent-logs'];

export interface FieldError {
  field: string;
  message: string;
}

/** Every error the admin API answers with (4xx and 5xx). */
export interface ApiErrorBody {
  error: { type: string; message: string; fields?: FieldError[] };
}
