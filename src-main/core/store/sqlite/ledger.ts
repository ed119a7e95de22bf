/**
 * The SQLite ledger. Each admission and settlement is synchronous work with no `await` inside, run
 * in a group transaction (see group-commit.ts), so within this single process admissions are
 * serialised: two requests can never both pass a check that only one of them fits. The
 * reservation (see reservations.ts) is committed before the request goes upstream.
 */
import { budgetNameOf, budgetToCreate } from '../../ledger/budget-ref.js';
import { available, decideAdmission, worstCase } from '../../ledger/cost-plan.js';
import type { AdmitRequest, AdmitResult, BudgetChange, Ledger, SessionStanding, SettleOutcome } from '../../ledger/types.js';
import { currentPeriodStart } from '../../period.js';
import type { BudgetRow } from '../types.js';
import { ZERO_USAGE } from '../../usage.js';
import type { AgentDays } from './agent-days.js';
import type { SqliteBudgets } from './budgets.js';
import { GroupCommit } from './group-commit.js';
import type { SqliteDb } from './open.js';
import { rollupWriter } from './rollup.js';
import { SqliteReservations } from './reservations.js';
import type { SqliteSettings } from './settings.js';
import { writeTransaction } from './write-gate.js';

export class SqliteLedger implements Ledger {
  private readonly group: GroupCommit;
  private readonly held: SqliteReservations;
  private readonly settleTx: (id: number, outcome: SettleOutcome) => BudgetChange | null;
  private readonly rollup;
  private readonly statements;

  constructor(
    db: SqliteDb,
    private readonly budgets: SqliteBudgets,
    private readonly settings: SqliteSettings,
    agentDays: AgentDays,
  ) {
    this.rollup = rollupWriter(db, agentDays);
    this.statements = {
      roll: db.prepare('UPDATE budgets SET period_start = ?, spent_micros = 0 WHERE id = ?'),
      reserve: db.prepare('UPDATE budgets SET reserved_micros = reserved_micros + ? WHERE id = ?'),
      settleBudget: db.prepare(
        `UPDATE budgets SET reserved_micros = reserved_micros - ?,
           spent_micros = spent_micros + CASE WHEN period_start = ? THEN ? ELSE 0 END WHERE id = ?`,
      ),
      insert: db.prepare(
        `INSERT INTO usage (budget_id, global_id, provider, model, status, reserved_micros, stream, price_inferred,
           clamped_max_tokens, session_id, project, auth_kind, source, period_start, global_period_start, created_at)
         VALUES (@budget_id, @global_id, @provider, @model, @status, @reserved, @stream, @price_inferred,
           @clamped, @session_id, @project, @auth_kind, 'proxy', @period_start, @global_period_start, @now)`,
      ),
      sessionSpent: db.prepare<[number, string, number], { spent: number }>(
        `SELECT COALESCE(SUM(cost_micros), 0) AS spent FROM usage
         WHERE budget_id = ? AND session_id = ? AND period_start = ? AND status <> 'blocked'`,
      ),
    };
    this.held = new SqliteReservations(db);
    this.group = new GroupCommit(db);
    this.settleTx = writeTransaction(db, (id: number, outcome: SettleOutcome) => this.settleInside(id, outcome));
  }

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    return this.group.run(() => this.admitInside(request));
  }

  async settle(reservationId: number, outcome: SettleOutcome): Promise<BudgetChange | null> {
    return this.group.run(() => this.settleInside(reservationId, outcome));
  }

  async recover(now: number): Promise<number> {
    const pending = this.held.all();
    for (const row of pending) {
      this.settleTx(row.id, {
        status: 'interrupted',
        usage: ZERO_USAGE,
        cost_micros: row.reserved_micros,
        estimated: true,
        request_id: null,
        now,
      });
    }
    return pending.length;
  }

  private resolveBudget(ref: string | null, now: number): BudgetRow {
    const name = budgetNameOf(ref);
    return this.budgets.findSync(name) ?? this.budgets.createSync(budgetToCreate(name, this.settings.current()), now);
  }

  /** Moves a row into the period that contains `now`, zeroing its spend. */
  private roll(row: BudgetRow, now: number): BudgetRow {
    const start = currentPeriodStart(row.period, row.timezone, now);
    if (start === row.period_start) return row;
    this.statements.roll.run(start, row.id);
    return { ...row, period_start: start, spent_micros: 0 };
  }

  private admitInside(request: AdmitRequest): AdmitResult {
    const { now, plan } = request;
    const budget = this.roll(this.resolveBudget(request.budget_ref, now), now);
    const settings = this.settings.current();
    const globalRaw = settings.global_max_micros === null ? null : this.budgets.findGlobalSync();
    const global = globalRaw ? this.roll(globalRaw, now) : null;

    const session = this.sessionStanding(budget, request.meta.session_id);
    const sessionRoom = session ? session.max_micros - session.used_micros : Number.POSITIVE_INFINITY;
    const room = Math.min(available(budget), global ? available(global) : Number.POSITIVE_INFINITY, sessionRoom);
    const decision = settings.paused ? null : decideAdmission(plan, room, budget.clamp_max_tokens);
    if (!decision) {
      const worst = worstCase(plan);
      const reason = settings.paused ? 'paused' : available(budget) < worst ? 'budget' : sessionRoom < worst ? 'session' : 'global';
      this.recordBlocked(request, budget, global, worst);
      return { ok: false, reason, worst_case_micros: worst, budget, cap: reason === 'global' && global ? global : budget, session };
    }
    this.statements.reserve.run(decision.reserve, budget.id);
    if (global) this.statements.reserve.run(decision.reserve, global.id);
    // Object.assign, not spread, on the request path: see bench/README.md, "Objects that outlived their request".
    const reservationId = this.held.hold(Object.assign({ reserved: decision.reserve, clamped: decision.clampedTo }, this.usageColumns(request, budget, global)));
    return {
      ok: true,
      reservation_id: reservationId,
      reserved_micros: decision.reserve,
      clamped_max_tokens: decision.clampedTo,
      budget: Object.assign({}, budget, { reserved_micros: budget.reserved_micros + decision.reserve }),
    };
  }

  private sessionStanding(budget: BudgetRow, sessionId: string | null): SessionStanding | null {
    if (budget.max_session_micros === null || sessionId === null) return null;
    const { spent } = this.statements.sessionSpent.get(budget.id, sessionId, budget.period_start)!;
    const used = spent + this.held.sessionHeld(budget.id, sessionId, budget.period_start);
    return { session_id: sessionId, used_micros: used, max_micros: budget.max_session_micros };
  }

  private usageColumns(request: AdmitRequest, budget: BudgetRow, global: BudgetRow | null) {
    const { meta, now } = request;
    return {
      budget_id: budget.id,
      global_id: global?.id ?? null,
      provider: meta.provider,
      model: meta.model,
      stream: meta.stream ? 1 : 0,
      price_inferred: meta.price_inferred ? 1 : 0,
      session_id: meta.session_id,
      project: meta.project,
      auth_kind: meta.auth_kind,
      period_start: budget.period_start,
      global_period_start: global?.period_start ?? null,
      now,
    };
  }

  private recordBlocked(request: AdmitRequest, budget: BudgetRow, global: BudgetRow | null, worst: number): void {
    this.statements.insert.run(Object.assign({ status: 'blocked', reserved: worst, clamped: null }, this.usageColumns(request, budget, global)));
    this.rollup({ ...request.meta, budget_id: budget.id, source: 'proxy', status: 'blocked', cost_micros: 0, usage: ZERO_USAGE, created_at: request.now });
  }

  private settleInside(id: number, outcome: SettleOutcome): BudgetChange | null {
    const hold = this.held.find(id);
    if (!hold) return null;
    this.held.settle(id, outcome);
    // A budget whose period moved on since admission gets its reservation back without the charge.
    this.statements.settleBudget.run(hold.reserved_micros, hold.period_start, outcome.cost_micros, hold.budget_id);
    if (hold.global_id !== null) this.statements.settleBudget.run(hold.reserved_micros, hold.global_period_start, outcome.cost_micros, hold.global_id);
    this.rollup(Object.assign({ source: 'proxy' as const, status: outcome.status, cost_micros: outcome.cost_micros, usage: outcome.usage }, hold));
    const budget = this.budgets.findByIdSync(hold.budget_id);
    if (!budget) return null;
    return { budget, global: hold.global_id === null ? null : this.budgets.findByIdSync(hold.global_id) };
  }
}
