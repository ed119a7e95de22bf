/**
 * The team ledger. Admission is one call of `agent_budget_admit` (one statement, one round trip);
 * settlement is one statement that only touches a row still pending, so repeating it changes
 * nothing. Each reservation carries this instance's id and a lease (see leases.ts).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import { budgetNameOf, budgetToCreate } from '../../ledger/budget-ref.js';
import type { AdmitRequest, AdmitResult, BudgetChange, Ledger, RefusalReason, SettleOutcome } from '../../ledger/types.js';
import { currentPeriodStart } from '../../period.js';
import { type RawBudget, toBudget } from '../rows.js';
import { SHARED_STATE_TTL_MS } from '../store.js';
import type { BudgetRow } from '../types.js';
import { cacheCreationTokens, ZERO_USAGE } from '../../usage.js';
import type { PgBudgets } from './budgets.js';
import { type PgPool, rows } from './pool.js';
import type { PgSettings } from './settings.js';
import { SETTLE_SQL } from './settle-sql.js';

type AdmitJson =
  | { stale: true }
  | { ok: true; reservation_id: number; reserve: number; clamped: number | null; budget: RawBudget }
  | { ok: false; reason: RefusalReason; worst: number; session_used: number | null; budget: RawBudget; global: RawBudget | null };

/** How long an instance trusts its copy of a budget's rule (id, name, period) before reading it again. */
const RULE_TTL_MS = SHARED_STATE_TTL_MS;

export class PgLedger implements Ledger {
  readonly instanceId = randomUUID();
  private readonly rules = new Map<string, { row: BudgetRow; at: number }>();

  constructor(
    private readonly pool: PgPool,
    private readonly budgets: PgBudgets,
    private readonly settings: PgSettings,
    private readonly leaseMs: number,
  ) {}

  /** A budget's rule from this instance's copy, so that admission stays one round trip. */
  private async rule(key: string, fresh: boolean, read: () => Promise<BudgetRow | null>): Promise<BudgetRow | null> {
    const cached = this.rules.get(key);
    if (!fresh && cached && Date.now() - cached.at < RULE_TTL_MS) return cached.row;
    const row = await read();
    if (row) this.rules.set(key, { row, at: Date.now() });
    else this.rules.delete(key);
    return row;
  }

  private async resolveBudget(ref: string | null, now: number, fresh: boolean): Promise<BudgetRow> {
    const name = budgetNameOf(ref);
    const found = await this.rule(`budget:${name}`, fresh, () => this.budgets.find(name));
    if (found) return found;
    const input = budgetToCreate(name, this.settings.current());
    try {
      return await this.budgets.createRow(input, now);
    } catch (error) {
      // Another instance created it first.
      const raced = await this.budgets.find(name);
      if (raced) return raced;
      throw error;
    }
  }

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    const { now, plan, meta } = request;
    // The budget's period rule is read first (to compute its period start in its own zone); if
    // another instance changes the rule in between, the function answers stale and we read again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = attempt > 0;
      const budget = await this.resolveBudget(request.budget_ref, now, fresh);
      const settings = this.settings.current();
      const global = settings.global_max_micros === null ? null : await this.rule('global', fresh, () => this.budgets.findGlobal());
      const params = {
        budget_id: budget.id,
        period: budget.period,
        timezone: budget.timezone,
        period_start: currentPeriodStart(budget.period, budget.timezone, now),
        global_id: global?.id ?? null,
        global_period: global?.period ?? null,
        global_timezone: global?.timezone ?? null,
        global_period_start: global ? currentPeriodStart(global.period, global.timezone, now) : null,
        fixed: plan.fixed_micros,
        picos: plan.output_picos_per_token,
        max_out: plan.max_output_tokens,
        min_out: plan.min_output_tokens,
        paused: settings.paused,
        ...meta,
        stream: meta.stream ? 1 : 0,
        price_inferred: meta.price_inferred ? 1 : 0,
        now,
        instance_id: this.instanceId,
        lease_until: now + this.leaseMs,
      };
      const [{ result }] = (await this.pool.query('SELECT agent_budget_admit($1) AS result', [params])).rows as { result: AdmitJson }[];
      if ('stale' in result) continue;
      if (result.ok) {
        return { ok: true, reservation_id: result.reservation_id, reserved_micros: result.reserve, clamped_max_tokens: result.clamped, budget: toBudget(result.budget) };
      }
      const refused = toBudget(result.budget);
      const session = result.session_used === null || meta.session_id === null || refused.max_session_micros === null
        ? null
        : { session_id: meta.session_id, used_micros: result.session_used, max_micros: refused.max_session_micros };
      const cap = result.reason === 'global' && result.global ? toBudget(result.global) : refused;
      return { ok: false, reason: result.reason, worst_case_micros: result.worst, budget: refused, cap, session };
    }
    throw new AppError('api_error', 'The budget kept changing while this request was being admitted; try again.');
  }

  async settle(reservationId: number, outcome: SettleOutcome): Promise<BudgetChange | null> {
    const u = outcome.usage;
    const [row] = await rows<{ budget: RawBudget | null; global: RawBudget | null }>(this.pool, SETTLE_SQL, {
      ...u,
      id: reservationId,
      status: outcome.status,
      cost: outcome.cost_micros,
      estimated: outcome.estimated ? 1 : 0,
      request_id: outcome.request_id,
      now: outcome.now,
      cache_creation: cacheCreationTokens(u),
    });
    if (!row?.budget) return null;
    return { budget: toBudget(row.budget), global: row.global ? toBudget(row.global) : null };
  }

  /** Reservations whose lease ran out (their instance died) are settled at their worst case. */
  async recover(now: number): Promise<number> {
    const expired = await rows<{ id: number; reserved_micros: number }>(
      this.pool,
      "SELECT id, reserved_micros FROM usage WHERE status = 'pending' AND lease_expires_at < @now ORDER BY id LIMIT 500",
      { now },
    );
    for (const row of expired) {
      await this.settle(row.id, { status: 'interrupted', usage: ZERO_USAGE, cost_micros: row.reserved_micros, estimated: true, request_id: null, now });
    }
    return expired.length;
  }

  /** Extends this instance's leases: its long streams are alive. */
  async renewLeases(now: number): Promise<void> {
    await rows(this.pool, "UPDATE usage SET lease_expires_at = @until WHERE instance_id = @me AND status = 'pending'", { until: now + this.leaseMs, me: this.instanceId });
  }
}
