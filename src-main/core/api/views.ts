/** Store rows → the API's JSON shapes (dollars, ISO times), as the shared contract defines them. */
import type * as Api from '../../../src-shared/api.js';
import { microsToDollars } from '../money.js';
import { currentPeriod } from '../period.js';
import type { AlertRow, BudgetRow, ModelBreakdown, SessionSummary, UsageRow } from '../store/types.js';
import { cacheCreationTokens } from '../usage.js';

const iso = (time: number): string => new Date(time).toISOString();

/** Webhook URLs often carry a secret in their path or query: show only scheme and host. */
export function maskUrl(url: string | null): string | null {
  if (!url) return url;
  try {
    const parsed = new URL(url);
    const hidden = parsed.pathname.length > 1 || parsed.search ? '/••••' : '';
    return `${parsed.protocol}//${parsed.host}${hidden}`;
  } catch {
    return '••••';
  }
}

/** The row as of `now`: a period that has ended shows as the fresh period it rolled into. */
export function budgetView(row: BudgetRow, now: number): Api.Budget {
  const { start, end: resets } = currentPeriod(row.period, row.timezone, now);
  const spent = start === row.period_start ? row.spent_micros : 0;
  const remaining = row.max_micros === null ? null : Math.max(0, row.max_micros - spent - row.reserved_micros);
  return {
    id: row.id,
    name: row.name,
    max_dollars: row.max_micros === null ? null : microsToDollars(row.max_micros),
    period: row.period,
    timezone: row.timezone,
    webhook_url: maskUrl(row.webhook_url),
    clamp_max_tokens: row.clamp_max_tokens,
    max_dollars_per_session: row.max_session_micros === null ? null : microsToDollars(row.max_session_micros),
    watch_project: row.watch_project,
    spent_dollars: microsToDollars(spent),
    reserved_dollars: microsToDollars(row.reserved_micros),
    remaining_dollars: remaining === null ? null : microsToDollars(remaining),
    percent_used: row.max_micros ? Math.round((spent / row.max_micros) * 10_000) / 100 : null,
    period_start: iso(start),
    resets_at: resets === null ? null : iso(resets),
    created_at: iso(row.created_at),
  };
}

export function modelBreakdownView(row: ModelBreakdown): Api.ModelSpend {
  const { cost_micros, ...rest } = row;
  return { ...rest, cost_dollars: microsToDollars(cost_micros) };
}

export function usageView(row: UsageRow): Api.Usage {
  return {
    id: row.id,
    budget_id: row.budget_id,
    provider: row.provider,
    model: row.model,
    input_tokens: row.usage.input_tokens,
    output_tokens: row.usage.output_tokens,
    cache_creation_input_tokens: cacheCreationTokens(row.usage),
    cache_write_5m_tokens: row.usage.cache_write_5m_tokens,
    cache_write_1h_tokens: row.usage.cache_write_1h_tokens,
    cache_read_input_tokens: row.usage.cache_read_input_tokens,
    web_search_requests: row.usage.web_search_requests,
    cost_dollars: microsToDollars(row.cost_micros),
    reserved_dollars: microsToDollars(row.reserved_micros),
    status: row.status,
    stream: row.stream,
    estimated: row.estimated,
    price_inferred: row.price_inferred,
    clamped_max_tokens: row.clamped_max_tokens,
    request_id: row.request_id,
    session_id: row.session_id,
    project: row.project,
    auth_kind: row.auth_kind,
    // At API rates: a subscription (OAuth token) paid, or it was read from an agent's own logs.
    api_equivalent: row.auth_kind === 'oauth' || row.source !== 'proxy',
    source: row.source,
    created_at: iso(row.created_at),
  };
}

export function alertView(row: AlertRow): Api.Alert {
  return {
    id: row.id,
    budget_id: row.budget_id,
    budget_name: row.budget_name,
    threshold: row.threshold,
    spent_dollars: microsToDollars(row.spent_micros),
    max_dollars: microsToDollars(row.max_micros),
    period_start: iso(row.period_start),
    created_at: iso(row.created_at),
    deliveries: row.deliveries.map((d) => ({ ...d, attempted_at: iso(d.attempted_at) })),
  };
}

export function sessionView(session: SessionSummary): Api.Session {
  return {
    session_id: session.session_id,
    requests: session.requests,
    blocked_requests: session.blocked,
    input_tokens: session.input_tokens,
    output_tokens: session.output_tokens,
    cost_dollars: microsToDollars(session.cost_micros),
    first_at: iso(session.first_at),
    last_at: iso(session.last_at),
    budgets: session.budgets,
  };
}
