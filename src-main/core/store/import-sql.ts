/**
 * Recording requests that arrive already settled (agents' logs), shared by both stores. A request is
 * counted once: a record of the same request id from elsewhere (the proxy's) wins, and a later copy
 * of a logged request with more output replaces the earlier one (its difference is what is added).
 */
import type { Usage } from '../usage.js';
import { agentDailySql } from './agent-daily.js';
import { agentRollupParams, agentRollupSql } from './agent-rollup.js';
import type { Dialect } from './migrations.js';
import { rollupParams } from './rollup.js';
import type { UsageInsert } from './usage-insert.js';
import { usageSql } from './usage-sql.js';

export interface ImportOutcome {
  inserted: number;
  updated: number;
  /** Already counted: by the proxy, or by an earlier copy with as much output. */
  skipped: number;
  /** Budgets whose spend changed. */
  budgetIds: number[];
}

/** The record a request id already has: its usage columns are named as in `Usage`. */
export interface ExistingRecord extends Usage {
  id: number;
  source: string;
  budget_id: number | null;
  cost_micros: number;
}

export interface Statement {
  sql: string;
  params: Record<string, unknown>;
}

type RollupRow = ReturnType<typeof rollupParams>;
type AgentRollupRow = ReturnType<typeof agentRollupParams>;

/**
 * What importing one row does: nothing (already counted), or the statements to run, what it adds to
 * its hour's aggregates (merged per batch, see RollupBatch) and the budget it charges.
 */
export type ImportPlan =
  | { kind: 'skip' }
  | { kind: 'inserted' | 'updated'; statements: Statement[]; rollup: RollupRow; agentRollup: AgentRollupRow; budgetId: number | null };

const USAGE_KEYS = ['input_tokens', 'output_tokens', 'cache_write_5m_tokens', 'cache_write_1h_tokens', 'cache_read_input_tokens', 'web_search_requests'] as const;

function difference(now: Usage, before: Usage): Usage {
  return Object.fromEntries(USAGE_KEYS.map((key) => [key, now[key] - before[key]])) as unknown as Usage;
}

export function planImport(existing: ExistingRecord | undefined, row: UsageInsert): ImportPlan {
  if (existing && (existing.source !== row.source || row.usage.output_tokens <= existing.output_tokens)) return { kind: 'skip' };
  const usage = existing ? difference(row.usage, existing) : row.usage;
  const cost = existing ? row.cost_micros - existing.cost_micros : row.cost_micros;
  const budgetId = existing ? existing.budget_id : row.budget_id;
  const statements: Statement[] = [
    existing ? { sql: importSql.update, params: { ...usage, cost_delta: cost, id: existing.id } } : { sql: importSql.insert, params: importRowParams(row) },
  ];
  if (budgetId !== null && row.budget_period_start !== null) {
    statements.push(
      { sql: importSql.rollBudget, params: { budget_id: budgetId, period_start: row.budget_period_start } },
      { sql: importSql.addSpend, params: { budget_id: budgetId, delta: cost, created_at: row.created_at } },
    );
  }
  // A correction adds its difference to the hour the request was already counted in.
  const counted = { ...row, status: 'ok' as const, usage, cost_micros: cost };
  const requests = existing ? 0 : 1;
  return { kind: existing ? 'updated' : 'inserted', statements, rollup: rollupParams(counted, requests), agentRollup: agentRollupParams(counted, requests), budgetId: budgetId !== null && row.budget_period_start !== null ? budgetId : null };
}

/** Adds a row's plan to the running outcome. */
export function countImport(outcome: ImportOutcome, plan: ImportPlan): void {
  if (plan.kind === 'skip') {
    outcome.skipped++;
    return;
  }
  outcome[plan.kind]++;
  if (plan.budgetId !== null && !outcome.budgetIds.includes(plan.budgetId)) outcome.budgetIds.push(plan.budgetId);
}

const ROLLUP_SUMS = ['requests', 'blocked', 'cost_micros', 'input_tokens', 'output_tokens', 'cache_creation', 'cache_read'] as const;
const AGENT_ROLLUP_SUMS = ['requests', 'cost_micros', 'input_tokens', 'output_tokens', 'cache_creation', 'cache_read'] as const;

/** Adds a request's share of the agent views' rollup to the row of its key (hour or day) in `rows`. */
function mergeAgentRow(rows: Map<string, AgentRollupRow>, key: string, row: AgentRollupRow): void {
  const seen = rows.get(key);
  if (!seen) {
    rows.set(key, { ...row });
    return;
  }
  for (const name of AGENT_ROLLUP_SUMS) seen[name] += row[name];
  seen.first_at = Math.min(seen.first_at, row.first_at);
  seen.last_at = Math.max(seen.last_at, row.last_at);
}

/**
 * The aggregates of one import transaction (the budgets' hourly ones and the agent views' hourly and
 * daily ones), merged: an import of months of logs adds a few rows per hour and model instead of
 * three upserts per request. The daily rollup gets the hours before `dailyThrough` (the ones it
 * already holds); it gets the later ones when they are compacted (agent-daily.ts).
 */
export class RollupBatch {
  private readonly hourly = new Map<string, RollupRow>();
  private readonly agentHours = new Map<string, AgentRollupRow>();

  constructor(
    private readonly dialect: Dialect,
    private readonly dailyThrough: number,
  ) {}

  add(plan: Extract<ImportPlan, { statements: Statement[] }>): void {
    const { rollup, agentRollup: a } = plan;
    const key = `${rollup.budget_id}\u0000${rollup.hour}\u0000${rollup.provider}\u0000${rollup.model}\u0000${rollup.source}`;
    const seen = this.hourly.get(key);
    if (!seen) this.hourly.set(key, { ...rollup });
    else for (const name of ROLLUP_SUMS) seen[name] += rollup[name];
    mergeAgentRow(this.agentHours, `${a.source}\u0000${a.hour}\u0000${a.project}\u0000${a.session_id}\u0000${a.model}\u0000${a.budget_id}\u0000${a.auth_kind}`, a);
  }

  statements(): Statement[] {
    // The daily rows, from the batch's few hourly ones rather than from each request.
    const agentDays = new Map<string, AgentRollupRow>();
    for (const a of this.agentHours.values()) {
      if (a.hour < this.dailyThrough) mergeAgentRow(agentDays, `${a.source}\u0000${a.day}\u0000${a.project}\u0000${a.session_id}\u0000${a.budget_id}`, a);
    }
    const hourSql = agentRollupSql(this.dialect);
    const daySql = agentDailySql.upsert(this.dialect);
    return [
      ...[...this.hourly.values()].map((params) => ({ sql: usageSql.rollup, params })),
      ...[...this.agentHours.values()].map((params) => ({ sql: hourSql, params })),
      ...[...agentDays.values()].map((params) => ({ sql: daySql, params })),
    ];
  }
}

export const emptyOutcome = (): ImportOutcome => ({ inserted: 0, updated: 0, skipped: 0, budgetIds: [] });

/** Adds one transaction's outcome to a batch's. */
export function addOutcome(total: ImportOutcome, outcome: ImportOutcome): void {
  total.inserted += outcome.inserted;
  total.updated += outcome.updated;
  total.skipped += outcome.skipped;
  for (const id of outcome.budgetIds) if (!total.budgetIds.includes(id)) total.budgetIds.push(id);
}

export const importSql = {
  /** Requests from one source, from the hourly rollup (which retention keeps). */
  countBySource: 'SELECT COALESCE(SUM(requests), 0) AS n FROM usage_hourly WHERE source = @source',
  existing: `SELECT id, source, budget_id, cost_micros, input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
    cache_read_input_tokens, web_search_requests FROM usage WHERE request_id = @request_id`,
  insert: `INSERT INTO usage (budget_id, provider, model, status, cost_micros, input_tokens, output_tokens, cache_write_5m_tokens,
      cache_write_1h_tokens, cache_read_input_tokens, web_search_requests, price_inferred, request_id, session_id, project,
      auth_kind, source, created_at, settled_at)
    VALUES (@budget_id, @provider, @model, 'ok', @cost_micros, @input_tokens, @output_tokens, @cache_write_5m_tokens,
      @cache_write_1h_tokens, @cache_read_input_tokens, @web_search_requests, @price_inferred, @request_id, @session_id, @project,
      @auth_kind, @source, @created_at, @created_at)`,
  update: `UPDATE usage SET cost_micros = cost_micros + @cost_delta, input_tokens = input_tokens + @input_tokens,
    output_tokens = output_tokens + @output_tokens, cache_write_5m_tokens = cache_write_5m_tokens + @cache_write_5m_tokens,
    cache_write_1h_tokens = cache_write_1h_tokens + @cache_write_1h_tokens,
    cache_read_input_tokens = cache_read_input_tokens + @cache_read_input_tokens,
    web_search_requests = web_search_requests + @web_search_requests WHERE id = @id`,
  /** A watched budget whose period ended starts its new one before logged spend is added. */
  rollBudget: 'UPDATE budgets SET period_start = @period_start, spent_micros = 0 WHERE id = @budget_id AND period_start < @period_start',
  /** Spend from before the budget's current period is history, not spend against its cap. */
  addSpend: 'UPDATE budgets SET spent_micros = spent_micros + @delta WHERE id = @budget_id AND period_start <= @created_at',
};

/** Built field by field (not spread): an import of a long history makes hundreds of thousands of these. */
function importRowParams(row: UsageInsert) {
  const u = row.usage;
  return {
    budget_id: row.budget_id, provider: row.provider, model: row.model, cost_micros: row.cost_micros, input_tokens: u.input_tokens,
    output_tokens: u.output_tokens, cache_write_5m_tokens: u.cache_write_5m_tokens, cache_write_1h_tokens: u.cache_write_1h_tokens,
    cache_read_input_tokens: u.cache_read_input_tokens, web_search_requests: u.web_search_requests, price_inferred: row.price_inferred ? 1 : 0,
    request_id: row.request_id, session_id: row.session_id, project: row.project, auth_kind: row.auth_kind, source: row.source, created_at: row.created_at,
  };
}
