/** Adds one settled or blocked request to the hourly aggregates the charts read, and a settled one to the agent views' rollups. */
import { agentDailySql, type AgentRollupEntry, agentRollupParams, agentRollupSql } from '../agent-rollup.js';
import { type RollupEntry, rollupParams } from '../rollup.js';
import { usageSql } from '../usage-sql.js';
import type { AgentDays } from './agent-days.js';
import type { SqliteDb } from './open.js';

export function rollupWriter(db: SqliteDb, days: AgentDays): (entry: RollupEntry & AgentRollupEntry) => void {
  const hourly = db.prepare(usageSql.rollup);
  const agents = db.prepare(agentRollupSql('sqlite'));
  const agentDays = db.prepare(agentDailySql('sqlite'));
  return (entry) => {
    hourly.run(rollupParams(entry));
    if (entry.status === 'blocked') return;
    // One set of parameters for both statements: each binds the names it has.
    const params = agentRollupParams(entry);
    agents.run(params);
    // An hour that has ended is in the daily rollup already (see agent-days.ts); later ones join it there.
    if (params.hour < days.through) agentDays.run(params);
  };
}
