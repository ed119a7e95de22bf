/**
 * A data folder written by an earlier version, where a request in flight was a pending usage row,
 * opens in this one with nothing lost: the held amount is settled at its worst case on start-up.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/logger.js';
import { MIGRATIONS, migrationSql } from '../../src-main/core/store/migrations.js';
import { DB_FILE } from '../../src-main/core/store/sqlite/open.js';
import { createSqliteStore } from '../../src-main/core/store/sqlite/index.js';

const NOW = Date.UTC(2026, 10, 30, 12);

/** The schema as version 6 left it, with one budget holding $0.02 for a request that never finished. */
function writeVersion6Folder(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-upgrade-'));
  const db = new Database(join(dataDir, DB_FILE));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  for (const migration of MIGRATIONS.filter((m) => m.version <= 6)) {
    for (const sql of migrationSql(migration, 'sqlite')) db.exec(sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, NOW);
  }
  const { lastInsertRowid: budgetId } = db
    .prepare("INSERT INTO budgets (name, max_micros, period, timezone, period_start, spent_micros, reserved_micros, created_at) VALUES ('old', 1000000, 'total', 'UTC', 0, 5000, 20000, ?)")
    .run(NOW);
  db.prepare(
    `INSERT INTO usage (budget_id, provider, model, status, reserved_micros, stream, session_id, auth_kind, period_start, created_at)
     VALUES (?, 'anthropic', 'claude-sonnet-4-6', 'pending', 20000, 1, 'sess-old', 'api_key', 0, ?)`,
  ).run(budgetId, NOW);
  db.close();
  return dataDir;
}

it('settles a request left pending by the previous layout at its worst case after the upgrade', async () => {
  const store = createSqliteStore({ dataDir: writeVersion6Folder(), logger: createLogger('silent') });
  try {
    expect(await store.usage.session('sess-old')).toMatchObject({ requests: 1, cost_micros: 20_000 });
    expect(await store.ledger.recover(NOW + 1)).toBe(1);
    expect(await store.budgets.get('old', NOW)).toMatchObject({ spent_micros: 25_000, reserved_micros: 0 });
    const budgetId = (await store.budgets.get('old', NOW))!.id;
    const { items } = await store.usage.list(budgetId, { limit: 10, offset: 0 });
    expect(items).toEqual([expect.objectContaining({ status: 'interrupted', cost_micros: 20_000, estimated: true, session_id: 'sess-old', stream: true })]);
    expect(await store.ledger.recover(NOW + 2)).toBe(0);
  } finally {
    await store.close();
  }
});
