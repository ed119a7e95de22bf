/** Adds one settled or blocked request to the hourly aggregates the charts read, and a settled one to the agent views' rollup. */
import { type AgentRollupEntry, agentRollupParams, agentRollupSql } from '../agent-rollup.js';
import { type RollupEntry, rollupParams } from '../rollup.js';
import { usageSql } from '../usage-sql.js';
import type { SqliteDb } from './open.js';

export function rollupWriter(db: SqliteDb): (entry: RollupEntry & AgentRollupEntry) => void {
  const hourly = db.prepare(usageSql.rollup);
  const agents = db.prepare(agentRollupSql('sqlite'));
  return (entry) => {
    hourly.run(rollupParams(entry));
    if (entry.status !== 'blocked') agents.run(agentRollupParams(entry));
  };
}
