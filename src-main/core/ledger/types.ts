/**
 * The ledger: admission, settlement and crash recovery of reservations. One small interface with
 * Promise-returning methods so that the PostgreSQL team store implements the same contract.
 */
import type { Micros } from '../money.js';
import type { Provider, Usage } from '../usage.js';
import type { AuthKind, BudgetRow, UsageStatus } from '../store/types.js';

/** What a request may cost: a fixed part (input, fees) plus output tokens at a rate. */
export interface CostPlan {
  fixed_micros: Micros;
  /** Output price in pico-dollars per token (= micro-dollars per million tokens). */
  output_picos_per_token: number;
  max_output_tokens: number;
  /** The smallest output worth clamping to; null when the request may not be clamped. */
  min_output_tokens: number | null;
}

export interface RequestMeta {
  provider: Provider;
  model: string;
  stream: boolean;
  price_inferred: boolean;
  session_id: string | null;
  auth_kind: AuthKind | null;
  project: string | null;
}

export interface AdmitRequest {
  /** Budget name or numeric id; null means the built-in `default` budget. */
  budget_ref: string | null;
  plan: CostPlan;
  meta: RequestMeta;
  now: number;
}

export type RefusalReason = 'budget' | 'global' | 'session' | 'paused';

/**
 * A session's standing against its budget's per-session cap: what its requests in the budget's
 * current period have cost or hold (settled cost, or the reservation while pending; refused
 * requests excluded). Checked in the same atomic step as the budget's own cap.
 */
export interface SessionStanding {
  session_id: string;
  used_micros: Micros;
  max_micros: Micros;
}

export type AdmitResult =
  | { ok: true; reservation_id: number; reserved_micros: Micros; clamped_max_tokens: number | null; budget: BudgetRow }
  | { ok: false; reason: RefusalReason; worst_case_micros: Micros; budget: BudgetRow; cap: BudgetRow; session: SessionStanding | null };

export interface SettleOutcome {
  status: Exclude<UsageStatus, 'pending' | 'blocked'>;
  usage: Usage;
  cost_micros: Micros;
  estimated: boolean;
  request_id: string | null;
  now: number;
}

/** A budget's figures right after a change, for alert evaluation and live updates. */
export interface BudgetChange {
  budget: BudgetRow;
  /** The global cap row, when one is set. */
  global: BudgetRow | null;
}

export interface Ledger {
  /** One atomic step: reserve the worst case, or refuse (recording the blocked row). */
  admit(request: AdmitRequest): Promise<AdmitResult>;
  /** Replace a reservation with the real cost. Repeating it changes nothing. */
  settle(reservationId: number, outcome: SettleOutcome): Promise<BudgetChange | null>;
  /** Settle every reservation left by a process that died, at its worst case. */
  recover(now: number): Promise<number>;
}
