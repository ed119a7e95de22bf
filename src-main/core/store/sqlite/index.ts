/** The embedded single-machine store. */
import { machineTimeZone } from '../../period.js';
import type { Store } from '../store.js';
import type { CoreSettings } from '../types.js';
import { AgentViews } from '../agent-views.js';
import { AgentDays } from './agent-days.js';
import { Checkpointer } from './checkpointer.js';
import { SqliteAlerts } from './alerts.js';
import { SqliteBudgets } from './budgets.js';
import { SqliteLedger } from './ledger.js';
import { type OpenOptions, openSqlite, type SqliteDb } from './open.js';
import { SqlitePricing } from './pricing.js';
import { SqliteSettings } from './settings.js';
import { SqliteUsage } from './usage.js';
import { gateOf } from './write-gate.js';

export interface SqliteStore extends Store {
  db: SqliteDb;
  budgetsSync: SqliteBudgets;
}

export function createSqliteStore(options: OpenOptions): SqliteStore {
  const { db, lock } = openSqlite(options);
  const gate = gateOf(db);
  const budgets = new SqliteBudgets(db);
  const syncGlobal = (s: CoreSettings) => budgets.syncGlobal(s.global_max_micros, s.global_period, machineTimeZone(), Date.now());
  const settings = new SqliteSettings(db, syncGlobal);
  syncGlobal(settings.current());
  const checkpointer = new Checkpointer(db, { file: db.name, nativeBinding: options.nativeBinding }, options.logger);
  const agentDays = new AgentDays(db);
  return {
    kind: 'sqlite',
    db,
    importConnection: { file: db.name, nativeBinding: options.nativeBinding, gate: gate.buffer },
    budgetsSync: budgets,
    budgets,
    settings,
    usage: new SqliteUsage(db),
    agentViews: new AgentViews(async (sql, params) => db.prepare(sql).all(params) as never[], 'sqlite'),
    alerts: new SqliteAlerts(db),
    pricing: new SqlitePricing(db),
    ledger: new SqliteLedger(db, budgets, settings, agentDays),
    async close() {
      await checkpointer.close();
      agentDays.stop();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      lock.release();
    },
  };
}
