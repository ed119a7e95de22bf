/** Applies pending migrations in one transaction; the version table is shared with PostgreSQL. */
import type Database from 'better-sqlite3';
import { MIGRATIONS, migrationSql } from '../migrations.js';

export function applySqliteMigrations(db: Database.Database): number {
  // BEGIN IMMEDIATE takes the write lock first, so a second instance fails here, before reading.
  const run = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    let count = 0;
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const sql of migrationSql(migration, 'sqlite')) db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
      count++;
    }
    return count;
  });
  return run.immediate();
}
