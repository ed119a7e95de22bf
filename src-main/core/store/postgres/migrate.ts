/**
 * Applies pending migrations to the shared database. Several instances may start at once: a
 * transaction-scoped advisory lock lets one of them migrate while the others wait, then find
 * nothing left to do.
 */
import { MIGRATIONS, migrationSql } from '../migrations.js';
import type { PgPool } from './pool.js';
import { inTransaction } from './transaction.js';

/** An arbitrary constant naming agent-budget's migration lock. */
const MIGRATION_LOCK = 4_727_001;

export function applyPostgresMigrations(pool: PgPool): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    let count = 0;
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const sql of migrationSql(migration, 'postgres')) await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
      count++;
    }
    return count;
  });
}
