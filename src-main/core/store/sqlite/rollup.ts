/** Adds one settled or blocked request to the hourly aggregates the dashboard charts read. */
import { type RollupEntry, rollupParams } from '../rollup.js';
import { usageSql } from '../usage-sql.js';
import type { SqliteDb } from './open.js';

export function rollupWriter(db: SqliteDb): (entry: RollupEntry) => void {
  const upsert = db.prepare(usageSql.rollup);
  return (entry) => void upsert.run(rollupParams(entry));
}
