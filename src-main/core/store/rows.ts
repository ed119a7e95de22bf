/** Raw SQLite/PostgreSQL rows → typed rows. Both stores select the same column names. */
import type { BudgetRow, Period, UsageRow } from './types.js';

export interface RawBudget {
  id: number | string;
  name: string;
  max_micros: number | string | null;
  period: string;
  timezone: string;
  webhook_url: string | null;
  clamp_max_tokens: number | boolean;
  max_session_micros: number | string | null;
  watch_project: string | null;
  period_start: number | string;
  spent_micros: number | string;
  reserved_micros: number | string;
  created_at: number | string;
}

// PostgreSQL returns BIGINT as strings; SQLite as numbers. Every amount here fits a double exactly.
const int = (value: number | string): number => Number(value);

export function toBudget(raw: RawBudget): BudgetRow {
  return {
    id: int(raw.id),
    name: raw.name,
    max_micros: raw.max_micros === null ? null : int(raw.max_micros),
    period: raw.period as Period,
    timezone: raw.timezone,
    webhook_url: raw.webhook_url,
    clamp_max_tokens: Boolean(raw.clamp_max_tokens),
    max_session_micros: raw.max_session_micros === null ? null : int(raw.max_session_micros),
    watch_project: raw.watch_project ?? null,
    period_start: int(raw.period_start),
    spent_micros: int(raw.spent_micros),
    reserved_micros: int(raw.reserved_micros),
    created_at: int(raw.created_at),
  };
}

export type RawUsage = Record<string, number | string | null>;

const nullableInt = (value: number | string | null): number | null => (value === null ? null : int(value));

export function toUsage(raw: RawUsage): UsageRow {
  return {
    id: int(raw.id!),
    budget_id: nullableInt(raw.budget_id),
    provider: raw.provider as UsageRow['provider'],
    model: String(raw.model),
    status: raw.status as UsageRow['status'],
    reserved_micros: int(raw.reserved_micros!),
    cost_micros: int(raw.cost_micros!),
    usage: {
      input_tokens: int(raw.input_tokens!),
      output_tokens: int(raw.output_tokens!),
      cache_write_5m_tokens: int(raw.cache_write_5m_tokens!),
      cache_write_1h_tokens: int(raw.cache_write_1h_tokens!),
      cache_read_input_tokens: int(raw.cache_read_input_tokens!),
      web_search_requests: int(raw.web_search_requests!),
    },
    stream: Boolean(int(raw.stream!)),
    estimated: Boolean(int(raw.estimated!)),
    price_inferred: Boolean(int(raw.price_inferred!)),
    clamped_max_tokens: nullableInt(raw.clamped_max_tokens),
    request_id: raw.request_id as string | null,
    session_id: raw.session_id as string | null,
    project: raw.project as string | null,
    auth_kind: raw.auth_kind as UsageRow['auth_kind'],
    source: raw.source as UsageRow['source'],
    created_at: int(raw.created_at!),
  };
}

export const BUDGET_COLUMNS =
  'id, name, max_micros, period, timezone, webhook_url, clamp_max_tokens, max_session_micros, watch_project, period_start, spent_micros, reserved_micros, created_at';
