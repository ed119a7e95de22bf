/**
 * The store contract shared by the embedded SQLite store and the PostgreSQL team store.
 * Every method returns a Promise so both can implement it; the SQLite implementation keeps each
 * critical section inside one synchronous transaction, PostgreSQL inside one statement.
 * Money is integer micro-dollars; times are epoch milliseconds.
 */
import type { Micros } from '../money.js';
import type { Provider, Usage } from '../usage.js';

// The vocabulary rows share with the HTTP contract: defined once, there.
export { PERIODS, type AuthKind, type Period, type UsageSource, type UsageStatus } from '../../../src-shared/api.js';
import type { Period, UsageFacts, UsageStatus } from '../../../src-shared/api.js';

export interface BudgetRow {
  id: number;
  name: string;
  max_micros: Micros | null;
  period: Period;
  timezone: string;
  webhook_url: string | null;
  clamp_max_tokens: boolean;
  /** Cap on what one Claude Code session (`x-claude-code-session-id`) may spend per period; null: none. */
  max_session_micros: Micros | null;
  /** A project folder whose Claude Code logs count against this budget (watched: alerts, no blocking). */
  watch_project: string | null;
  /** Start of the period that `spent_micros` belongs to (may be stale until the next admission). */
  period_start: number;
  spent_micros: Micros;
  reserved_micros: Micros;
  created_at: number;
}

export interface BudgetInput {
  name: string;
  max_micros: Micros | null;
  period: Period;
  timezone: string;
  webhook_url: string | null;
  clamp_max_tokens: boolean;
  max_session_micros?: Micros | null;
  watch_project?: string | null;
}

export type BudgetPatch = Partial<BudgetInput>;

/** A usage record as stored: money in micro-dollars, times in epoch ms, tokens as metered. */
export interface UsageRow extends UsageFacts {
  reserved_micros: Micros;
  cost_micros: Micros;
  usage: Usage;
  created_at: number;
}

export interface UsageFilter {
  limit: number;
  offset: number;
  status?: UsageStatus;
  model?: string;
  estimated?: boolean;
}

export interface ModelBreakdown {
  model: string;
  provider: Provider;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cost_micros: Micros;
}

export interface TimeBucket extends ModelBreakdown {
  /** Bucket start, epoch ms. */
  start: number;
  blocked: number;
}

/** One Claude Code session's requests (by `x-claude-code-session-id`), across or within budgets. */
export interface SessionSummary {
  session_id: string;
  requests: number;
  blocked: number;
  input_tokens: number;
  output_tokens: number;
  cost_micros: Micros;
  first_at: number;
  last_at: number;
  /** Names of the budgets it spent in. */
  budgets: string[];
}

export interface Totals {
  requests: number;
  blocked_requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cost_micros: Micros;
}

export interface AlertRow {
  id: number;
  budget_id: number;
  budget_name: string;
  threshold: 50 | 80 | 100;
  spent_micros: Micros;
  max_micros: Micros;
  period_start: number;
  created_at: number;
  deliveries: DeliveryRow[];
}

export interface DeliveryRow {
  event: 'threshold' | 'test';
  status_code: number | null;
  error: string | null;
  attempted_at: number;
}

export interface CoreSettings {
  auto_create_budgets: boolean;
  retention_days: number;
  default_max_micros: Micros | null;
  default_period: Period;
  global_max_micros: Micros | null;
  global_period: Period;
  /** Metered requests are refused while the store cannot record them; true forwards them anyway. */
  fail_open: boolean;
  /** Browser origins allowed to call the proxy routes (the dashboard's own origin always is). */
  allowed_origins: string[];
  paused: boolean;
}
