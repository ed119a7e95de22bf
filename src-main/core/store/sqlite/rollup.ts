/** Adds one settled or blocked request to the hourly aggregates the charts read, and a settled one to the agent views' rollups. */
import { agentDailySql } from '../agent-daily.js';
import { type AgentRollupEntry, agentRollupParams, agentRollupSql } from '../agent-rollup.js';
import { type RollupEntry, rollupParams } from '../rollup.js';
import { usageSql } from '../usage-sql.js';
import type { AgentDays } from './agent-days.js';
import type { SqliteDb } from './open.js';

export function rollupWriter(db: SqliteDb, days: AgentDays): (entry: RollupEntry & AgentRollupEntry) => void {
  const hourly = db.prepare(usageSql.rollup);
  const agents = db.prepare(agentRollupSql('sqlite'));
  const agentDays = db.prepare(agentDailySql.upsert('sqlite'));
  return (entry) => {
    hourly.run(rollupParams(entry));
    if (entry.status === 'blocked') return;
    // One set of parameters for both statements: each binds the names it has.
    const params = agentRollupParams(entry);
    agents.run(params);
    // An hour the daily rollup holds already gets the request now; later ones reach it when compacted (agent-daily.ts).
    if (params.hour < days.through) agentDays.run(params);
  };
}
