/**
 * Storing requests read from agents' logs in SQLite, a transaction's worth at a time: the proxy's
 * thread stores a batch whole (tests, small imports), the import worker in slices it ends as soon
 * as the proxy's thread waits to write (see write-gate.ts).
 */
import type { Statement } from 'better-sqlite3';
import { agentDailySql } from '../agent-daily.js';
import { type AgentSessionUpsert, agentSessionSql } from '../agent-session-sql.js';
import { countImport, emptyOutcome, type ExistingRecord, type ImportOutcome, importSql, planImport, RollupBatch } from '../import-sql.js';
import type { UsageInsert } from '../usage-insert.js';
import type { SqliteDb } from './open.js';

export interface ImportSlice {
  /** The index of the first row not stored yet (`rows.length` once all are). */
  next: number;
  outcome: ImportOutcome;
}

export class SqliteImportRows {
  private readonly statements = new Map<string, Statement>();
  private readonly dailyThrough: Statement<[], number>;

  constructor(private readonly db: SqliteDb) {
    this.dailyThrough = db.prepare<[], number>(agentDailySql.through).pluck();
  }

  /**
   * Stores `rows` from `from` on, to be run inside a transaction: at least one row, then more until
   * `enough()`; the sessions go with the batch's last row, so they hold once all its rows do.
   */
  slice(rows: readonly UsageInsert[], from: number, sessions: readonly AgentSessionUpsert[], enough: () => boolean): ImportSlice {
    const existing = this.statement(importSql.existing);
    const outcome = emptyOutcome();
    // Read in the transaction: the proxy's thread compacts the daily rollup in transactions of its own (agent-days.ts).
    const rollups = new RollupBatch('sqlite', this.dailyThrough.get()!);
    let at = from;
    while (at < rows.length && (at === from || !enough())) {
      const row = rows[at++];
      const plan = planImport(existing.get({ request_id: row.request_id }) as ExistingRecord | undefined, row);
      if (plan.kind !== 'skip') {
        for (const { sql, params } of plan.statements) this.statement(sql).run(params);
        rollups.add(plan);
      }
      countImport(outcome, plan);
    }
    for (const { sql, params } of rollups.statements()) this.statement(sql).run(params);
    if (at === rows.length) {
      const upsertSession = this.statement(agentSessionSql.upsert);
      for (const session of sessions) upsertSession.run(session);
    }
    return { next: at, outcome };
  }

  /** Imports run the same few statements thousands of times: compiled once. */
  private statement(sql: string): Statement {
    let compiled = this.statements.get(sql);
    if (!compiled) this.statements.set(sql, (compiled = this.db.prepare(sql)));
    return compiled;
  }
}
