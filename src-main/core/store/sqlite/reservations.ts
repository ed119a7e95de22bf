/**
 * Held reservations in SQLite. While a request is in flight its reservation is one row of the small
 * `reservations` table, so the commit that must land before the request goes upstream writes two
 * pages (the budget's and this row's) rather than a usage row and its index entries. Settlement
 * turns it into the request's usage row in the same transaction, so the two never drift apart.
 */
import { RESERVATION_NAMES } from '../migrations.js';
import type { SettleOutcome } from '../../ledger/types.js';
import type { Provider } from '../../usage.js';
import type { AuthKind } from '../types.js';
import type { SqliteDb } from './open.js';

export interface HeldReservation {
  id: number;
  budget_id: number;
  global_id: number | null;
  provider: Provider;
  model: string;
  reserved_micros: number;
  session_id: string | null;
  project: string | null;
  auth_kind: AuthKind | null;
  period_start: number | null;
  global_period_start: number | null;
  created_at: number;
}

export interface NewReservation {
  budget_id: number;
  global_id: number | null;
  provider: Provider;
  model: string;
  reserved: number;
  stream: number;
  price_inferred: number;
  clamped: number | null;
  session_id: string | null;
  project: string | null;
  auth_kind: string | null;
  period_start: number;
  global_period_start: number | null;
  now: number;
}

export class SqliteReservations {
  private readonly statements;
  /** Ids only grow within a process (rowids would be reused once the table empties), so a stale id never settles a newer hold. */
  private lastId: number;

  constructor(db: SqliteDb) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO reservations (id, ${RESERVATION_NAMES}) VALUES (@id, @budget_id, @global_id, @provider, @model, @reserved,
           @stream, @price_inferred, @clamped, @session_id, @project, @auth_kind, @period_start, @global_period_start, @now)`,
      ),
      get: db.prepare<[number], HeldReservation>('SELECT * FROM reservations WHERE id = ?'),
      all: db.prepare<[], HeldReservation>('SELECT * FROM reservations ORDER BY id'),
      remove: db.prepare('DELETE FROM reservations WHERE id = ?'),
      toUsage: db.prepare(
        `INSERT INTO usage (${RESERVATION_NAMES}, status, cost_micros, input_tokens, output_tokens, cache_write_5m_tokens,
           cache_write_1h_tokens, cache_read_input_tokens, web_search_requests, estimated, request_id, source, settled_at)
         SELECT ${RESERVATION_NAMES}, @status, @cost, @input_tokens, @output_tokens, @cache_write_5m_tokens,
           @cache_write_1h_tokens, @cache_read_input_tokens, @web_search_requests, @estimated, @request_id, 'proxy', @now
         FROM reservations WHERE id = @id`,
      ),
      sessionHeld: db.prepare<[number, string, number], { held: number }>(
        'SELECT COALESCE(SUM(reserved_micros), 0) AS held FROM reservations WHERE budget_id = ? AND session_id = ? AND period_start = ?',
      ),
    };
    this.lastId = (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM reservations').get() as { id: number }).id;
  }

  /** Holds a reservation; returns its id. */
  hold(reservation: NewReservation): number {
    const id = ++this.lastId;
    // Object.assign, not spread, on the request path: see bench/README.md, "Objects that outlived their request".
    this.statements.insert.run(Object.assign({ id }, reservation));
    return id;
  }

  find(id: number): HeldReservation | null {
    return this.statements.get.get(id) ?? null;
  }

  all(): HeldReservation[] {
    return this.statements.all.all();
  }

  /** Writes the request's usage row with its outcome and lets the hold go. */
  settle(id: number, outcome: SettleOutcome): void {
    const { usage, status, cost_micros, estimated, request_id, now } = outcome;
    this.statements.toUsage.run(Object.assign({ id, status, cost: cost_micros, estimated: estimated ? 1 : 0, request_id, now }, usage));
    this.statements.remove.run(id);
  }

  /** What a session's requests in flight hold in one budget period. */
  sessionHeld(budgetId: number, sessionId: string, periodStart: number): number {
    return this.statements.sessionHeld.get(budgetId, sessionId, periodStart)!.held;
  }
}
