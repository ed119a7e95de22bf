/** The whole store a core instance runs on: SQLite on one machine, PostgreSQL for a team. */
import type { Ledger } from '../ledger/types.js';
import type { ModelPrice } from '../pricing/types.js';
import type {
  AlertRow,
  BudgetInput,
  BudgetPatch,
  BudgetRow,
  CoreSettings,
  DeliveryRow,
  ModelBreakdown,
  SessionSummary,
  TimeBucket,
  Totals,
  UsageFilter,
  UsageRow,
  UsageSource,
} from './types.js';
import type { AgentViews } from './agent-views.js';
import type { AgentSessionUpsert } from './agent-session-sql.js';
import type { ImportOutcome } from './import-sql.js';
import type { UsageInsert } from './usage-insert.js';

/**
 * Team mode: the most an instance's copy of shared state (settings and pause, prices, budget rules)
 * may lag behind the store. A change made on one instance takes effect on the others within it.
 */
export const SHARED_STATE_TTL_MS = 2_000;

export interface BudgetRepo {
  list(now: number): Promise<BudgetRow[]>;
  /** By numeric id or by name, as stored: `budgetView(row, now)` shows it as of now (a period that ended reads as fresh). */
  get(ref: string, now: number): Promise<BudgetRow | null>;
  /** Throws AppError('conflict_error') when the name is taken. */
  create(input: BudgetInput, now: number): Promise<BudgetRow>;
  update(id: number, patch: BudgetPatch, now: number): Promise<BudgetRow>;
  /** Deletes the budget with its usage, rollups and alerts. */
  remove(id: number): Promise<void>;
}

export interface UsageRepo {
  list(budgetId: number, filter: UsageFilter): Promise<{ items: UsageRow[]; total: number }>;
  byModel(budgetId: number, from: number): Promise<ModelBreakdown[]>;
  /** Buckets of `bucketMs` aligned to local time `offsetMs` ahead of UTC. */
  timeseries(budgetId: number | null, bucketMs: number, from: number, to: number, offsetMs: number): Promise<TimeBucket[]>;
  recentBlocked(limit: number): Promise<(UsageRow & { budget_name: string | null })[]>;
  /** Models that were priced by family inference, with how many requests used them. */
  inferredModels(): Promise<{ model: string; requests: number }[]>;
  /** Sums over [from, now); budgetId null means all budgets. */
  totals(budgetId: number | null, from: number): Promise<Totals>;
  top(kind: 'budget' | 'model' | 'provider', from: number, limit: number): Promise<{ name: string; cost_micros: number }[]>;
  /**
   * Rows recorded without a reservation (agents' logs): each request counted once (see import-sql.ts),
   * in one transaction with what the logs say of their sessions.
   */
  importSettled(rows: UsageInsert[], sessions?: AgentSessionUpsert[]): Promise<ImportOutcome>;
  /** How many requests a source (e.g. one agent's logs) has recorded. */
  countBySource(source: UsageSource): Promise<number>;
  deleteBefore(time: number): Promise<number>;
  /** One session across budgets; null when no request carried its id. */
  session(sessionId: string): Promise<SessionSummary | null>;
  /** A budget's sessions since `from`, dearest first. */
  sessions(budgetId: number, from: number, limit: number): Promise<SessionSummary[]>;
}

export interface AlertRepo {
  /** Records the alert unless this threshold already fired this period; null when it had. */
  fire(budget: BudgetRow, threshold: 50 | 80 | 100, now: number): Promise<AlertRow | null>;
  /** Forgets this period's alerts above a new level of spend (the cap was raised). */
  rearm(budgetId: number, periodStart: number, spentPercent: number): Promise<void>;
  addDelivery(alertId: number | null, budgetId: number, delivery: DeliveryRow): Promise<void>;
  list(limit: number, budgetId?: number): Promise<AlertRow[]>;
}

export interface PricingRepo {
  list(): Promise<ModelPrice[]>;
  upsert(price: ModelPrice, now: number): Promise<void>;
  updatedAt(): Promise<number | null>;
  /** Adds seed rows for models the table does not hold yet; a user's edits are kept. */
  seed(prices: ModelPrice[], now: number): Promise<void>;
}

export interface SettingsRepo {
  /** The settings as last read or written by this instance (for hot paths that cannot await). */
  current(): CoreSettings;
  get(): Promise<CoreSettings>;
  update(patch: Partial<CoreSettings>): Promise<CoreSettings>;
}

/**
 * How the agent-log import's worker thread opens its own connection to the store's file and writes
 * there, off the proxy's thread (SQLite). A store without one has the import's rows stored through
 * its own calls (PostgreSQL: network writes that never hold the proxy's thread).
 */
export interface ImportConnection {
  file: string;
  /** better-sqlite3's binary for this runtime (Electron's ABI). */
  nativeBinding?: string;
  /** The shared memory of the write gate (sqlite/write-gate.ts). */
  gate: SharedArrayBuffer;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly importConnection?: ImportConnection;
  budgets: BudgetRepo;
  usage: UsageRepo;
  /** The agents view's figures (per agent, project, session, model), from their rollup. */
  agentViews: AgentViews;
  alerts: AlertRepo;
  pricing: PricingRepo;
  settings: SettingsRepo;
  ledger: Ledger;
  close(): Promise<void>;
}
